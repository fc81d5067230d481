/**
 * Golden `fmt` tests: every `policies/**\/*.smartpolicy` file and every fixture formats to its
 * checked-in `*.fmt.golden`, and formatting that again changes nothing.
 * Regenerate after an intended change: `UPDATE_GOLDEN=1 npx vitest run engine/test/language/format-golden.test.ts`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPolicy } from '../../src/language/format-policy.js';
import { FIXTURES, REPO_ROOT, policyFiles } from './helpers.js';

const GOLDEN = new URL('./golden/', import.meta.url).pathname;
const update = process.env['UPDATE_GOLDEN'] === '1';

const sources = [
  ...policyFiles(join(REPO_ROOT, 'policies')).map((p) => ({ path: p, golden: join(GOLDEN, 'policies', relative(join(REPO_ROOT, 'policies'), p)) })),
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
      const goldenPath = `${golden}.fmt.golden`;
      if (update) {
        mkdirSync(dirname(goldenPath), { recursive: true });
        writeFileSync(goldenPath, result.text);
      }
      expect(existsSync(goldenPath), `missing ${relative(REPO_ROOT, goldenPath)}; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
      expect(result.text).toBe(readFileSync(goldenPath, 'utf8'));
      const again = formatPolicy(result.text, name);
      expect(again).toMatchObject({ ok: true, changed: false, text: result.text });
    });
  }
});
