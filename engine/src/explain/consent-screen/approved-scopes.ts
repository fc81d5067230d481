/**
 * The result of a consent form: the exact scopes the person approved, computed with the ScopeSet
 * algebra (SMART lets the user grant less than the app asked for).
 *
 * approved = request ∩ ⋃ over ticked groups g of (g − ⋃ unticked groups that overlap g without covering it)
 *
 * - Unticking a group removes its permissions from every broader ticked group (`*.rs` ticked,
 *   Observation unticked → every other type; a `*` split this way no longer covers types added
 *   after FHIR R4, see `ScopeSet.difference`).
 * - A ticked group is kept whole when the unticked group covers it (`*.rs` unticked,
 *   Observation ticked → Observation): the person chose that one explicitly.
 * - Where a removal cannot be said in SMART's query syntax, the difference removes more, never
 *   less. The result is never wider than the request (property-tested).
 */
import { ScopeSet } from '../../smart/scope-set.js';
import type { Scope } from '../../smart/scope-types.js';
import { parseRequestScope, requestTokens } from './group-request.js';
import type { ConsentGroup } from './screen-types.js';

export interface ApprovedScopes {
  /** Canonical v2 scopes, minimal. */
  readonly scopes: readonly string[];
  /** The same as one `scope` parameter. */
  readonly scope: string;
  readonly set: ScopeSet;
}

function setOf(scopes: readonly string[] | undefined): ScopeSet {
  const parsed = (Array.isArray(scopes) ? scopes : []).map((s) => (typeof s === 'string' ? parseRequestScope(s) : null));
  return ScopeSet.fromScopes(parsed.filter((s): s is Scope => s !== null));
}

/**
 * The approved scopes of a request given the screen's groups and the ids of the groups left
 * unticked. Unknown ids are ignored; invalid scope text grants nothing. Never throws.
 */
export function approvedScopes(
  request: string | readonly string[],
  groups: readonly Pick<ConsentGroup, 'id' | 'scopes'>[],
  unticked: Iterable<string>,
): ApprovedScopes {
  try {
    const requested = setOf(requestTokens(request));
    const off = new Set<string>();
    for (const id of unticked) if (typeof id === 'string') off.add(id);
    const sets = (Array.isArray(groups) ? groups : []).map((g) => ({ id: g?.id, set: setOf(g?.scopes) }));
    const removed = sets.filter((g) => typeof g.id === 'string' && off.has(g.id));
    let approved = ScopeSet.EMPTY;
    for (const g of sets) {
      if (typeof g.id !== 'string' || off.has(g.id)) continue;
      let kept = g.set;
      for (const u of removed) if (!u.set.covers(g.set)) kept = kept.difference(u.set);
      approved = approved.union(kept);
    }
    const result = approved.intersection(requested).minimal();
    return { scopes: result.toStrings(), scope: result.toString(), set: result };
  } catch {
    // Fail closed: nothing is approved when the inputs cannot be read.
    return { scopes: [], scope: '', set: ScopeSet.EMPTY };
  }
}

/** The unticked groups of a submitted form: every optional group whose id was not posted. */
export function untickedGroups(groups: readonly Pick<ConsentGroup, 'id' | 'required'>[], posted: Iterable<string>): string[] {
  const on = new Set<string>();
  for (const id of posted) if (typeof id === 'string') on.add(id);
  return groups.filter((g) => !g.required && !on.has(g.id)).map((g) => g.id);
}
