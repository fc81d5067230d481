/**
 * The part of one requested grant that one allowed grant gives (issue 16). The exact
 * intersection of two query-restricted grants is the conjunction of both queries
 * (`category=social-history` ∩ `category=laboratory` = resources with both categories), which
 * a consent screen would render as "social history": something the policy never meant to
 * allow. So, by default (`option scopes.query_conflict drop`), a grant is only given
 *
 * - as requested, when the allow covers it;
 * - as the allow's own restriction, when the request covers the allow (the request was broader);
 * - as the request narrowed to values both name (`category=a,b` against `category=b,c` gives
 *   `category=b`), never with a value the request did not ask for;
 *
 * and otherwise not at all (the query conflicts). Under `option scopes.query_conflict
 * conjunction` the exact intersection is given instead. Every answer lies within both grants.
 */
import type { Grant, QueryConstraint } from '../smart/scope-grant.js';
import { compareStrings, constraintImplies, grantsOverlap, makeGrant } from '../smart/scope-grant.js';
import { countWork } from './work-counter.js';

export type QueryConflictMode = 'drop' | 'conjunction';

/** Above this many conjunct pairs the query comparison answers "no" (the safe side), as the algebra does. */
const MAX_COMPARISONS = 250_000;

/** Every constraint of `broad` is implied by one of `narrow`: `narrow`'s query is within `broad`'s. */
export function queryWithin(narrow: readonly QueryConstraint[], broad: readonly QueryConstraint[]): boolean {
  if (broad.length === 0) return true;
  if (broad.length * narrow.length > MAX_COMPARISONS) return false;
  return broad.every((b) => narrow.some((n) => constraintImplies(n, b)));
}

function constraintOf(name: string, values: readonly string[]): QueryConstraint {
  return Object.freeze({ name, values: Object.freeze([...values]), opaque: false, key: `${name}=${values.join(',')}` });
}

/** Sorted-array intersection (values are sorted and unique in a constraint). */
function commonValues(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c = compareStrings(a[i] as string, b[j] as string);
    if (c === 0) {
      out.push(a[i] as string);
      i++;
      j++;
    } else if (c < 0) i++;
    else j++;
  }
  return out;
}

/**
 * The request's conjuncts with their values narrowed to those every allowed conjunct of the
 * same name accepts; null when an allowed conjunct has no requested conjunct to narrow (a
 * parameter the request does not restrict, or no value in common).
 */
function narrowedRequest(requested: readonly QueryConstraint[], allowed: readonly QueryConstraint[]): QueryConstraint[] | null {
  if (requested.length * allowed.length > MAX_COMPARISONS) return null;
  const out = [...requested];
  for (const a of allowed) {
    if (out.some((c) => constraintImplies(c, a))) continue;
    if (a.opaque) return null;
    const k = out.findIndex((c) => c.name === a.name && !c.opaque && commonValues(c.values, a.values).length > 0);
    const target = out[k];
    if (target === undefined) return null;
    out[k] = constraintOf(a.name, commonValues(target.values, a.values));
  }
  return out;
}

/** What `allowed` gives of `requested` under `mode`, or null (nothing, or a query conflict). */
export function meetGrants(requested: Grant, allowed: Grant, mode: QueryConflictMode): Grant | null {
  countWork();
  if (!grantsOverlap(requested, allowed)) return null;
  const type = requested.resourceType === '*' ? allowed.resourceType : requested.resourceType;
  const same = (constraints: readonly QueryConstraint[]) =>
    type === requested.resourceType && constraints === requested.constraints
      ? requested
      : makeGrant(requested.level, type, requested.letter, constraints);
  if (queryWithin(requested.constraints, allowed.constraints)) return same(requested.constraints);
  if (queryWithin(allowed.constraints, requested.constraints)) return same(allowed.constraints);
  if (mode === 'conjunction') return same([...requested.constraints, ...allowed.constraints]);
  const narrowed = narrowedRequest(requested.constraints, allowed.constraints);
  return narrowed === null ? null : same(narrowed);
}
