/**
 * The options tables in the docs are generated from the registry: the committed text between
 * the markers must equal what `npm run generate:options-docs -w engine` writes. This test only
 * reads; a doc that lost its markers fails instead of being rewritten.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_OPTIONS } from '../../src/options/index.js';
import {
  DETAILS_BEGIN,
  DETAILS_END,
  TABLE_BEGIN,
  TABLE_END,
  optionsDetails,
  optionsTable,
  replaceRegion,
} from '../../src/options/options-table.js';

const engine = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(engine, path), 'utf8');

function region(text: string, begin: string, end: string): string | undefined {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  return start < 0 || stop < start ? undefined : text.slice(start + begin.length, stop).trim();
}

describe('the generated options docs', () => {
  it('the root README carries the table generated from the registry', () => {
    expect(region(read('../README.md'), TABLE_BEGIN, TABLE_END)).toBe(optionsTable());
  });

  it('language.md carries the table generated from the registry', () => {
    expect(region(read('docs/language.md'), TABLE_BEGIN, TABLE_END)).toBe(optionsTable());
  });

  it('the options README carries the generated table and details', () => {
    const readme = read('src/options/README.md');
    expect(region(readme, TABLE_BEGIN, TABLE_END)).toBe(optionsTable());
    expect(region(readme, DETAILS_BEGIN, DETAILS_END)).toBe(optionsDetails());
  });

  it('has one table row and one detail per option', () => {
    expect(optionsTable().split('\n').length).toBe(ALL_OPTIONS.length + 2);
    expect(optionsDetails().split('\n').length).toBe(ALL_OPTIONS.length);
  });

  it('refuses to fill a doc whose markers are missing', () => {
    expect(replaceRegion('no markers here', TABLE_BEGIN, TABLE_END, 'x')).toBeUndefined();
    expect(replaceRegion(`${TABLE_END}\n${TABLE_BEGIN}`, TABLE_BEGIN, TABLE_END, 'x')).toBeUndefined();
    expect(replaceRegion(`a\n${TABLE_BEGIN}\nold\n${TABLE_END}\nb`, TABLE_BEGIN, TABLE_END, 'new')).toBe(
      `a\n${TABLE_BEGIN}\nnew\n${TABLE_END}\nb`,
    );
  });
});
