/**
 * Golden consent text: the reviewed short and long text of the corpus in English and Spanish.
 * `npm run goldens:update` (or `UPDATE_GOLDEN=1 npx vitest run engine/test/explain/golden.test.ts`)
 * rewrites the files; review the diff as you would review text shown to patients. A missing file fails.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/explain/index.js';
import { corpusCases } from './corpus.js';
import { readGolden } from '../support/golden.js';

interface GoldenCase {
  readonly scope: string;
  readonly audience: string;
  readonly short: string;
  readonly long: string;
  readonly warnings?: readonly string[];
}

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
      const expected = JSON.parse(readGolden(file, `${JSON.stringify(actual, null, 2)}\n`)) as GoldenCase[];
      expect(actual).toEqual(expected);
    });
  }
});
