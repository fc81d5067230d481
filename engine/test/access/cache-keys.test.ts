/**
 * The cache-key module: no two inputs share a key, within a space or across the spaces that share
 * a map, and inputs outside a field's range get no key (the outcome is then not cached, instead
 * of wrapping onto another input's key). Proved by decoding: each key gives back exactly the
 * space and the fields it was built from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CACHED_INTERACTIONS,
  INTERACTION_LIMIT,
  KEY_LIMITS,
  decodeFailureKey,
  decodeResultKey,
  decodeSearchOutcomeKey,
  failureKey,
  instanceAllowKey,
  interactionCode,
  letterMissingKey,
  searchAllowKey,
  searchOutcomeKey,
  type PatientLimitCode,
  type ResultKey,
} from '../../src/access/cache-keys.js';

const interaction = fc.constantFrom(...CACHED_INTERACTIONS);
const below = (limit: number) => fc.integer({ min: 0, max: limit - 1 });

/** Any results-map input, tagged with its space. */
const resultInput = fc.oneof(
  fc.record({ space: fc.constant('instance-allow' as const), interaction, scopeIndex: below(KEY_LIMITS.instanceScopeIndex) }),
  fc.record({ space: fc.constant('letter-missing' as const), interaction, hasPatient: fc.boolean() }),
  fc.record({
    space: fc.constant('search-allow' as const),
    interaction,
    scopeIndex: below(KEY_LIMITS.searchScopeIndex),
    kind: below(KEY_LIMITS.searchAllowKind),
  }),
);
type ResultInput = typeof resultInput extends fc.Arbitrary<infer T> ? T : never;

function resultKeyOf(x: ResultInput): ResultKey | undefined {
  if (x.space === 'instance-allow') return instanceAllowKey(x.interaction, x.scopeIndex);
  if (x.space === 'letter-missing') return letterMissingKey(x.interaction, x.hasPatient);
  return searchAllowKey(x.interaction, x.scopeIndex, x.kind);
}

describe('cache keys', () => {
  it('fit the interaction table into its field, with no name twice', () => {
    expect(CACHED_INTERACTIONS.length).toBeLessThan(INTERACTION_LIMIT);
    expect(new Set(CACHED_INTERACTIONS).size).toBe(CACHED_INTERACTIONS.length);
  });

  it('results keys (three spaces in one map) decode to exactly their inputs, so none collide', () => {
    fc.assert(
      fc.property(resultInput, (x) => {
        const key = resultKeyOf(x);
        expect(key).toBeDefined();
        expect(Number.isSafeInteger(key)).toBe(true);
        expect(decodeResultKey(key as ResultKey)).toEqual(x);
      }),
      { numRuns: 3000 },
    );
  });

  it('results keys of different inputs differ (pairwise, across spaces)', () => {
    fc.assert(
      fc.property(resultInput, resultInput, (a, b) => {
        if (JSON.stringify(a) === JSON.stringify(b)) return;
        expect(resultKeyOf(a)).not.toBe(resultKeyOf(b));
      }),
      { numRuns: 3000 },
    );
    // The corners of every space, exhaustively against each other.
    const corners: ResultInput[] = [];
    for (const i of [CACHED_INTERACTIONS[0], CACHED_INTERACTIONS.at(-1)] as const) {
      if (i === undefined) continue;
      for (const s of [0, 1, KEY_LIMITS.instanceScopeIndex - 1]) corners.push({ space: 'instance-allow', interaction: i, scopeIndex: s });
      for (const p of [false, true]) corners.push({ space: 'letter-missing', interaction: i, hasPatient: p });
      for (const s of [0, KEY_LIMITS.searchScopeIndex - 1])
        for (const k of [0, KEY_LIMITS.searchAllowKind - 1])
          corners.push({ space: 'search-allow', interaction: i, scopeIndex: s, kind: k });
    }
    const keys = corners.map(resultKeyOf);
    expect(new Set(keys).size).toBe(corners.length);
  });

  it('search-outcome keys decode to exactly their inputs', () => {
    fc.assert(
      fc.property(
        interaction,
        fc.constantFrom<PatientLimitCode>(0, 1, 2),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        below(KEY_LIMITS.letterIndex),
        (i, limit, h, n, c, li) => {
          const key = searchOutcomeKey(i, limit, h, n, c, li);
          expect(key).toBeDefined();
          expect(decodeSearchOutcomeKey(key as never)).toEqual({
            interaction: i,
            limit,
            history: h,
            narrowAllowed: n,
            compartmentTypesOnly: c,
            letterIndex: li,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('failure keys decode to exactly their inputs', () => {
    fc.assert(
      fc.property(
        below(KEY_LIMITS.failureKind),
        below(KEY_LIMITS.failureScopeIndex),
        below(KEY_LIMITS.failureDetail),
        interaction,
        fc.boolean(),
        (kind, s, detail, i, decode) => {
          const key = failureKey(kind, s, detail, i, decode);
          expect(key).toBeDefined();
          expect(Number.isSafeInteger(key)).toBe(true);
          expect(decodeFailureKey(key as never)).toEqual({ kind, scopeIndex: s, detail, interaction: i, decode });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("give no key outside a field's range or for an interaction outside the table (not cached, never wrapped)", () => {
    const outside = fc.oneof(
      fc.constantFrom('operation $everything', 'operation $x', 'toString', '__proto__', ''),
      fc.string({ maxLength: 12 }).filter((s) => interactionCode(s) === undefined),
    );
    fc.assert(
      fc.property(outside, (name) => {
        expect(instanceAllowKey(name, 0)).toBeUndefined();
        expect(letterMissingKey(name, true)).toBeUndefined();
        expect(searchAllowKey(name, 0, 0)).toBeUndefined();
        expect(searchOutcomeKey(name, 0, false, true, false, 4)).toBeUndefined();
        expect(failureKey(1, 0, 0, name, true)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(instanceAllowKey('read', bad)).toBeUndefined();
      expect(searchAllowKey('read', bad, 0)).toBeUndefined();
      expect(failureKey(bad, 0, 0, 'read', false)).toBeUndefined();
    }
    expect(instanceAllowKey('read', KEY_LIMITS.instanceScopeIndex)).toBeUndefined();
    expect(searchAllowKey('read', KEY_LIMITS.searchScopeIndex, 0)).toBeUndefined();
    expect(searchAllowKey('read', 0, KEY_LIMITS.searchAllowKind)).toBeUndefined();
    expect(searchOutcomeKey('read', 0, false, false, false, KEY_LIMITS.letterIndex)).toBeUndefined();
    expect(failureKey(KEY_LIMITS.failureKind, 0, 0, 'read', false)).toBeUndefined();
    expect(failureKey(0, KEY_LIMITS.failureScopeIndex, 0, 'read', false)).toBeUndefined();
    expect(failureKey(0, 0, KEY_LIMITS.failureDetail, 'read', false)).toBeUndefined();
  });
});
