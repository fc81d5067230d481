/**
 * The example policy sets in `policies/` check without errors (issue 3: `smart-policy check`
 * reports no errors on them), and every ignore comment in them still silences something.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../../src/node/run-check.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../policies');

/** Entry files: the policy files of a set that no other file of the set imports. */
function entries(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.smartpolicy'));
  const imported = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/^\s*import\s+"([^"]+)"/gm)) imported.add(m[1]!);
  }
  return files.filter((f) => !imported.has(f)).map((f) => join(dir, f));
}

const sets = existsSync(ROOT)
  ? readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(ROOT, d.name))
  : [];

describe('example policy sets', () => {
  it('exist', () => {
    expect(sets.length).toBeGreaterThanOrEqual(3);
  });

  for (const set of sets) {
    for (const entry of entries(set)) {
      it(`${entry.slice(ROOT.length + 1)} has no errors and no stale ignores`, () => {
        const result = runCheck(entry, { cwd: ROOT });
        const problems = result.diagnostics.filter((d) => d.severity === 'error' || d.code === 'semantic.unused-ignore');
        expect(problems.map((d) => `${d.uri}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([]);
        expect(result.exitCode).toBe(0);
      });
    }
  }
});
