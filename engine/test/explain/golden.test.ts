/**
 * Golden consent text: the reviewed short and long text of the corpus in English and Spanish.
 * `UPDATE_GOLDEN=1 npx vitest run engine/test/explain/golden.test.ts` rewrites the files; review
 * the diff as you would review text shown to patients.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/explain/index.js';
import { corpusCases } from './corpus.js';

interface GoldenCase {
  readonly scope: string;
  readonly audience: string;
  readonly short: string;
  readonly long: string;
  readonly warnings?: readonly string[];
}

const update = process.env['UPDATE_GOLDEN'] === '1';

function render(locale: string): GoldenCase[] {
  return corpusCases().map(({ scope, audience }) => {
    const result = explain([scope], { locale, audience });
    const one = result.scopes[0];
    // An empty scope string yields no entry at all; record it as such.
    if (!one) return { scope, audience, short: '', long: '' };
    return {
      scope,
      audience,
      short: one.short,
      long: one.long,
      ...(one.warnings ? { warnings: one.warnings.map((w) => w.code) } : {}),
    };
  });
}

describe('golden consent text', () => {
  it('has at least 150 cases', () => {
    expect(corpusCases().length).toBeGreaterThanOrEqual(150);
  });

  for (const locale of ['en', 'es']) {
    it(`matches golden/scopes.${locale}.json`, () => {
      const file = fileURLToPath(new URL(`./golden/scopes.${locale}.json`, import.meta.url));
      const actual = render(locale);
      if (update || !existsSync(file)) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
      const expected = JSON.parse(readFileSync(file, 'utf8')) as GoldenCase[];
      expect(actual).toEqual(expected);
    });
  }
});
