/**
 * Golden tests of `compile`: every example policy set compiles to exactly its checked-in
 * `*.bundle.golden.json`. After an intended change, regenerate with
 * `npm run goldens:update` and review the diff (a missing golden fails).
 */
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../src/compile/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { goldenPathOf, policyEntries, REPO_ROOT, repoRelative } from './policy-entries.js';
import { readGolden } from '../support/golden.js';

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
        const actual = render(result.bundle);
        expect(actual).toBe(readGolden(goldenPathOf(entry), actual));
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
