/**
 * Golden tests of `compile`: every example policy set compiles to exactly its checked-in
 * `*.bundle.golden.json`. After an intended change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run engine/test/compile/golden.test.ts` and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/compile/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { goldenPathOf, policyEntries, REPO_ROOT, repoRelative } from './policy-entries.js';

const update = process.env.UPDATE_GOLDEN === '1';
const entries = policyEntries();

function render(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

describe('compile golden files', () => {
  it('finds the example policy sets', () => {
    expect(entries.map(repoRelative)).toEqual(
      expect.arrayContaining([
        'policies/clinician-ehr/ehr.smartpolicy',
        'policies/patient-access-api/api.smartpolicy',
        'policies/patient-portal/portal.smartpolicy',
      ]),
    );
  });

  for (const entry of entries) {
    describe(repoRelative(entry), () => {
      const result = compilePolicyFile(entry, { relativeTo: REPO_ROOT });

      it('compiles without diagnostics', () => {
        expect(result.diagnostics).toEqual([]);
        expect(result.bundle).not.toBeNull();
      });

      it('matches its golden bundle', () => {
        const golden = goldenPathOf(entry);
        const actual = render(result.bundle);
        if (update) writeFileSync(golden, actual);
        if (!existsSync(golden)) {
          throw new Error(`missing golden file ${repoRelative(golden)}: run with UPDATE_GOLDEN=1 to create it, then review it`);
        }
        expect(actual).toBe(readFileSync(golden, 'utf8'));
      });

      it('is deterministic and loads back with a valid hash', () => {
        const again = compilePolicyFile(entry, { relativeTo: REPO_ROOT });
        expect(render(again.bundle)).toBe(render(result.bundle));
        const loaded = loadBundle(render(result.bundle));
        expect(loaded.ok).toBe(true);
      });
    });
  }
});
