import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScopeSet } from '../../src/smart/scope-set.js';

/**
 * Small vocabularies so that generated scopes often overlap, cover and contradict each other;
 * with a large alphabet almost every pair would be unrelated and the laws would hold trivially.
 */
const levelArb = fc.constantFrom('patient', 'user');
const typeArb = fc.constantFrom('*', 'Observation', 'Patient');
const lettersArb = fc.subarray(['c', 'r', 'u', 'd', 's'], { minLength: 1 }).map((letters) => letters.join(''));
const pairArb = fc
  .tuple(fc.constantFrom('category', 'status', 'code:in'), fc.constantFrom('a', 'b', 'a,b', 'b,c'))
  .map(([n, v]) => `${n}=${v}`);
const queryArb = fc.array(pairArb, { maxLength: 2 }).map((pairs) => (pairs.length === 0 ? '' : `?${pairs.join('&')}`));
const resourceScopeArb = fc.tuple(levelArb, typeArb, lettersArb, queryArb).map(([l, t, p, q]) => `${l}/${t}.${p}${q}`);
const v1ScopeArb = fc.tuple(levelArb, typeArb, fc.constantFrom('read', 'write', '*')).map(([l, t, w]) => `${l}/${t}.${w}`);
const otherScopeArb = fc.constantFrom('openid', 'fhirUser', 'launch/patient', 'offline_access', '__x');
const scopeArb = fc.oneof(
  { arbitrary: resourceScopeArb, weight: 6 },
  { arbitrary: v1ScopeArb, weight: 1 },
  { arbitrary: otherScopeArb, weight: 1 },
);
const setArb = fc.array(scopeArb, { maxLength: 4 }).map((scopes) => ScopeSet.of(...scopes));

const eq = (a: ScopeSet, b: ScopeSet) => a.equivalent(b);
const runs = { numRuns: 300 };

describe('scope-set algebra laws', () => {
  it('union is commutative, associative and idempotent', () =>
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        expect(eq(a.union(b), b.union(a))).toBe(true);
        expect(eq(a.union(b).union(c), a.union(b.union(c)))).toBe(true);
        expect(eq(a.union(a), a)).toBe(true);
      }),
      runs,
    ));

  it('intersection is commutative, associative and idempotent', () =>
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        expect(eq(a.intersection(b), b.intersection(a))).toBe(true);
        expect(eq(a.intersection(b).intersection(c), a.intersection(b.intersection(c)))).toBe(true);
        expect(eq(a.intersection(a), a)).toBe(true);
      }),
      runs,
    ));

  it('absorption and distributivity', () =>
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        expect(eq(a.union(a.intersection(b)), a)).toBe(true);
        expect(eq(a.intersection(a.union(b)), a)).toBe(true);
        expect(eq(a.intersection(b.union(c)), a.intersection(b).union(a.intersection(c)))).toBe(true);
      }),
      runs,
    ));

  it('covers is reflexive and transitive', () =>
    fc.assert(
      fc.property(setArb, setArb, setArb, (a, b, c) => {
        expect(a.covers(a)).toBe(true);
        const ab = a.union(b);
        const abc = ab.union(c);
        // Build chains that are guaranteed to be ordered, and also test random triples.
        expect(abc.covers(ab) && ab.covers(a) ? abc.covers(a) : true).toBe(true);
        if (a.covers(b) && b.covers(c)) expect(a.covers(c)).toBe(true);
      }),
      runs,
    ));

  it('union covers both operands; both operands cover the intersection', () =>
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const u = a.union(b);
        const i = a.intersection(b);
        expect(u.covers(a) && u.covers(b)).toBe(true);
        expect(a.covers(i) && b.covers(i)).toBe(true);
      }),
      runs,
    ));

  it('a covers b exactly when a ∩ b is equivalent to b', () =>
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        expect(a.covers(b)).toBe(eq(a.intersection(b), b));
      }),
      runs,
    ));

  it('minimal(s) is equivalent to s and no element is covered by the others', () =>
    fc.assert(
      fc.property(setArb, (s) => {
        expect(eq(s.minimal(), s)).toBe(true);
        const out = s.toStrings();
        expect(eq(ScopeSet.of(...out), s)).toBe(true);
        out.forEach((scope, k) => {
          const rest = ScopeSet.of(...out.filter((_, j) => j !== k));
          expect(rest.covers(ScopeSet.of(scope)), `${scope} is covered by ${rest.toString()}`).toBe(false);
        });
        expect(ScopeSet.of(...out).toStrings()).toEqual(out);
      }),
      runs,
    ));

  it('difference is covered by a and disjoint from b', () =>
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const d = a.difference(b);
        expect(a.covers(d)).toBe(true);
        expect(d.intersection(b).isEmpty).toBe(true);
        if (b.isEmpty) expect(eq(d, a)).toBe(true);
      }),
      runs,
    ));

  it('v1 → v2 preserves the permission set', () =>
    fc.assert(
      fc.property(v1ScopeArb, (v1) => {
        const v2 = ScopeSet.of(v1).toStrings();
        expect(v2.every((s) => !/\.(read|write|\*)$/.test(s))).toBe(true);
        expect(eq(ScopeSet.of(...v2), ScopeSet.of(v1))).toBe(true);
      }),
    ));
});
