/**
 * The FHIR facts the engine ships (engine/src/fhir/data/*.json) are generated from ../shared/fhir:
 * regenerating must give exactly the committed files, and only engine/src/fhir/ reads them, so
 * every layer asks the same lookups.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { generateFhirData } from '../../scripts/fhir-data.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const engineDir = join(here, '../..');
const dataDir = join(engineDir, 'src/fhir/data');
const sharedFhir = join(engineDir, '../../shared/fhir');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('generated FHIR data', () => {
  const generated = generateFhirData(sharedFhir) as Map<string, string>;

  it('regenerating from ../shared/fhir gives the committed files, byte for byte', () => {
    const committed = readdirSync(dataDir)
      .filter((n) => n.endsWith('.json'))
      .sort();
    expect(committed).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) {
      expect(
        readFileSync(join(dataDir, name), 'utf8') === text,
        `${name} differs from its source: run npm run generate:fhir -w engine`,
      ).toBe(true);
    }
  });

  it('keeps every fact of the source', () => {
    const source = JSON.parse(readFileSync(join(sharedFhir, 'search-parameters-r4.json'), 'utf8')) as {
      byResource: Record<string, Record<string, unknown>>;
    };
    const shipped = JSON.parse(generated.get('search-parameters-r4.json') ?? '{}') as {
      byResource: Record<string, Record<string, unknown>>;
    };
    let pairs = 0;
    for (const [type, codes] of Object.entries(source.byResource)) {
      for (const code of Object.keys(codes)) {
        pairs++;
        expect(Object.hasOwn(shipped.byResource[type] ?? {}, code), `${type}.${code}`).toBe(true);
      }
    }
    expect(pairs).toBeGreaterThan(1700);
  });

  it('is read only by engine/src/fhir/ (every other layer asks its lookups)', () => {
    const readers = sourceFiles(join(engineDir, 'src'))
      .filter(
        (f) =>
          /fhir\/data\/|\.json['"]/.test(readFileSync(f, 'utf8')) &&
          /from ['"][^'"]*data\/[^'"]*-r4\.json['"]/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => relative(join(engineDir, 'src'), f));
    expect(readers.length).toBeGreaterThan(0);
    for (const f of readers) expect(f.startsWith('fhir/'), f).toBe(true);
  });
});
