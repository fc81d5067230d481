/**
 * Golden `fmt` tests: every `policies/**\/*.smartpolicy` file and every fixture formats to its
 * checked-in `*.fmt.golden`, and formatting that again changes nothing.
 * Regenerate after an intended change: `npm run goldens:update` (a missing golden fails).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPolicy } from '../../src/language/format-policy.js';
import { FIXTURES, REPO_ROOT, policyFiles } from './helpers.js';
import { readGolden } from '../support/golden.js';

const GOLDEN = new URL('./golden/', import.meta.url).pathname;

const sources = [
  ...policyFiles(join(REPO_ROOT, 'policies')).map((p) => ({
    path: p,
    golden: join(GOLDEN, 'policies', relative(join(REPO_ROOT, 'policies'), p)),
  })),
  ...policyFiles(FIXTURES).map((p) => ({ path: p, golden: join(GOLDEN, 'fixtures', relative(FIXTURES, p)) })),
];

describe('fmt golden files', () => {
  it('has sources', () => {
    expect(sources.length).toBeGreaterThan(0);
  });

  for (const { path, golden } of sources) {
    const name = relative(REPO_ROOT, path);
    it(`${name} formats to its golden file, idempotently`, () => {
      const result = formatPolicy(readFileSync(path, 'utf8'), name);
      expect(result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([]);
      expect(result.text).toBe(readGolden(`${golden}.fmt.golden`, result.text));
      const again = formatPolicy(result.text, name);
      expect(again).toMatchObject({ ok: true, changed: false, text: result.text });
    });
  }
});
