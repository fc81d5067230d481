import type { PermissionLetter, QueryPair, ResourceScope, ScopeLevel } from './scope-types.js';
import { appendAll } from '../util/append-all.js';

/**
 * One conjunct of a query restriction: the resource must match `name` with one of `values`.
 *
 * Values follow FHIR search semantics: a comma separates alternatives (OR), so
 * `category=a,b` becomes `values: ['a', 'b']`. Repeated parameters (`a=x&a=y`) are separate
 * conjuncts (AND), as in FHIR search.
 */
export interface QueryConstraint {
  readonly name: string;
  /** Alternatives, sorted by code unit and unique; a single raw value when `opaque`. */
  readonly values: readonly string[];
  /**
   * True for `_filter`, for `:not` (where a comma does not simply widen the match) and for
   * values with empty alternatives: such values are compared only as whole strings.
   */
  readonly opaque: boolean;
  /** `name=v1,v2` in canonical order: the constraint's identity. */
  readonly key: string;
}

/**
 * The unit of the scope-set algebra: one permission letter on one level and resource type
 * (or `*`), optionally restricted by a conjunction of query constraints. A resource scope is
 * the union of its grants (`patient/Observation.rs` = `…Observation.r` ∪ `…Observation.s`).
 */
export interface Grant {
  readonly level: ScopeLevel;
  /** A resource type name, or `*` for every type (including types a server adds later). */
  readonly resourceType: string;
  readonly letter: PermissionLetter;
  /** Sorted by key, without duplicates and without conjuncts implied by another conjunct. */
  readonly constraints: readonly QueryConstraint[];
  /** Canonical query (`a=x&b=y,z`), `''` when unrestricted. */
  readonly queryKey: string;
  /** Canonical `level/type.letter[?query]`: two grants are identical iff their keys are. */
  readonly key: string;
}

const LETTERS: readonly PermissionLetter[] = ['c', 'r', 'u', 'd', 's'];

/** Code-unit order, independent of locale, so sorted output is the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds a constraint from one query pair as written. */
export function constraintFromPair(pair: QueryPair): QueryConstraint {
  const { name, value } = pair;
  const alternatives = value.split(',');
  const opaque = name === '_filter' || name.endsWith(':not') || alternatives.includes('');
  const values = opaque ? [value] : [...new Set(alternatives)].sort(compareStrings);
  return Object.freeze({ name, values: Object.freeze(values), opaque, key: `${name}=${values.join(',')}` });
}

/** True when every resource matching `narrow` also matches `broad` (both on the same resource). */
export function constraintImplies(narrow: QueryConstraint, broad: QueryConstraint): boolean {
  if (narrow.name !== broad.name || narrow.opaque !== broad.opaque) return false;
  if (narrow.key === broad.key) return true;
  if (narrow.opaque || narrow.values.length > broad.values.length) return false;
  return isSortedSubset(narrow.values, broad.values);
}

/** Subset test on two sorted, duplicate-free arrays in one merge pass (linear, for long value lists). */
function isSortedSubset(small: readonly string[], large: readonly string[]): boolean {
  let j = 0;
  for (const value of small) {
    while (j < large.length && (large[j] as string) < value) j++;
    if (j >= large.length || large[j] !== value) return false;
    j++;
  }
  return true;
}

/**
 * Above this many conjuncts on one parameter name, implied conjuncts are not searched for
 * (the pairwise check is quadratic). The grant stays correct, only less compact.
 */
const MAX_CONJUNCTS_COMPARED = 64;

/** Above this many conjunct pairs, `grantCovers` answers "not covered" instead of comparing. */
const MAX_CONSTRAINT_COMPARISONS = 250_000;

/**
 * The canonical form of a conjunction: duplicates removed, and any conjunct implied by a
 * narrower one dropped (`a=x&a=x,y` ≡ `a=x`), sorted by key.
 */
export function normalizeConstraints(constraints: readonly QueryConstraint[]): readonly QueryConstraint[] {
  const byName = new Map<string, Map<string, QueryConstraint>>();
  for (const c of constraints) {
    const group = byName.get(c.name) ?? new Map<string, QueryConstraint>();
    group.set(c.key, c);
    byName.set(c.name, group);
  }
  const kept: QueryConstraint[] = [];
  for (const group of byName.values()) {
    const unique = [...group.values()];
    if (unique.length === 1 || unique.length > MAX_CONJUNCTS_COMPARED) {
      appendAll(kept, unique);
      continue;
    }
    for (const broad of unique) {
      if (!unique.some((narrow) => narrow.key !== broad.key && constraintImplies(narrow, broad))) kept.push(broad);
    }
  }
  kept.sort((a, b) => compareStrings(a.key, b.key));
  return Object.freeze(kept);
}

/** Builds a grant with its canonical keys. */
export function makeGrant(
  level: ScopeLevel,
  resourceType: string,
  letter: PermissionLetter,
  constraints: readonly QueryConstraint[],
): Grant {
  const normalized = normalizeConstraints(constraints);
  const queryKey = normalized.map((c) => c.key).join('&');
  const key = `${level}/${resourceType}.${letter}${queryKey === '' ? '' : `?${queryKey}`}`;
  return Object.freeze({ level, resourceType, letter, constraints: normalized, queryKey, key });
}

/** Splits a resource scope into one grant per letter (v1 scopes already carry v2 letters). */
export function grantsOfScope(scope: ResourceScope): Grant[] {
  const constraints = scope.query.map(constraintFromPair);
  return LETTERS.filter((letter) => scope.permissions.includes(letter)).map((letter) =>
    makeGrant(scope.level, scope.resourceType, letter, constraints),
  );
}

/** The same grant on another resource type (used to split a `*` grant per type). */
export function withResourceType(grant: Grant, resourceType: string): Grant {
  return makeGrant(grant.level, resourceType, grant.letter, grant.constraints);
}

/** Whether two grants can apply to the same request: same level and letter, and types that can meet. */
export function grantsOverlap(a: Grant, b: Grant): boolean {
  return (
    a.level === b.level && a.letter === b.letter && (a.resourceType === b.resourceType || a.resourceType === '*' || b.resourceType === '*')
  );
}

/**
 * Whether `broad` alone grants everything `narrow` grants: same level and letter, `broad`'s type
 * is `narrow`'s or `*` (a `*` grant is only covered by a `*` grant, since `*` includes future
 * types), and each of `broad`'s constraints is implied by one of `narrow`'s (fewer pairs = broader).
 */
export function grantCovers(broad: Grant, narrow: Grant): boolean {
  if (broad.key === narrow.key) return true;
  if (broad.level !== narrow.level || broad.letter !== narrow.letter) return false;
  if (broad.resourceType !== '*' && broad.resourceType !== narrow.resourceType) return false;
  // Pathological queries: answer "not covered" (the safe side) rather than compare for seconds.
  if (broad.constraints.length * narrow.constraints.length > MAX_CONSTRAINT_COMPARISONS) return false;
  return broad.constraints.every((b) => narrow.constraints.some((n) => constraintImplies(n, b)));
}

/**
 * The intersection of two overlapping grants: the more specific type and both conjunctions.
 * Returns null when they cannot meet.
 */
export function intersectGrants(a: Grant, b: Grant): Grant | null {
  if (!grantsOverlap(a, b)) return null;
  const resourceType = a.resourceType === '*' ? b.resourceType : a.resourceType;
  return makeGrant(a.level, resourceType, a.letter, [...a.constraints, ...b.constraints]);
}

/** Query pairs of a grant in canonical order (for formatting it back as a scope). */
export function queryPairsOf(grant: Grant): QueryPair[] {
  return grant.constraints.map((c) => ({ name: c.name, value: c.values.join(',') }));
}

/**
 * Narrow grants first: specific types, more conjuncts, fewer alternatives; then by key. The one
 * order of `ScopeSet.minimal` and the evaluator's near-linear minimal form, so both keep the same
 * representative among equivalent grants.
 */
export function bySpecificity(a: Grant, b: Grant): number {
  const wildcard = Number(a.resourceType === '*') - Number(b.resourceType === '*');
  if (wildcard !== 0) return wildcard;
  const conjuncts = b.constraints.length - a.constraints.length;
  if (conjuncts !== 0) return conjuncts;
  const alternatives = countValues(a) - countValues(b);
  if (alternatives !== 0) return alternatives;
  return compareStrings(a.key, b.key);
}

function countValues(grant: Grant): number {
  let n = 0;
  for (const c of grant.constraints) n += c.values.length;
  return n;
}
