/** The opaque refresh-token format: 256-bit secrets, family ids found without a scan, junk refused. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyIdOf, hashToken, MAX_REFRESH_TOKEN_LENGTH } from '../../../src/runtime/index.js';
import { newFamilyId, newRefreshToken } from '../../../src/runtime/refresh/refresh-token-format.js';

describe('refresh-token format', () => {
  it('carries its family id and a fresh 256-bit secret; stores see only a SHA-256 hash', () => {
    const id = newFamilyId();
    const a = newRefreshToken(id);
    const b = newRefreshToken(id);
    expect(familyIdOf(a)).toBe(id);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('.')[2] as string, 'base64url')).toHaveLength(32);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(a.length).toBeLessThanOrEqual(MAX_REFRESH_TOKEN_LENGTH);
  });

  it('property: anything else has no family id, and reading it never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.anything()), (value) => {
        const id = familyIdOf(value);
        if (id !== null) expect(value).toMatch(/^spr1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
      }),
      { numRuns: 500 },
    );
    for (const bad of [
      'spr1..',
      `spr2.${'A'.repeat(22)}.${'B'.repeat(43)}`,
      `spr1.${'A'.repeat(22)}.${'B'.repeat(42)}`,
      `spr1.${'A'.repeat(22)}.${'B'.repeat(43)}.x`,
    ]) {
      expect(familyIdOf(bad)).toBeNull();
    }
  });
});
