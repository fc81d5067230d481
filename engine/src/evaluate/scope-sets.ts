/**
 * ScopeSet views of parsed scopes, cached per scope object: parsed scopes come from the shared
 * parse cache and policy rules are parsed once, so the same objects recur across decisions.
 */
import type { Scope } from '../smart/scope-types.js';
import { ScopeSet } from '../smart/scope-set.js';

const sets = new WeakMap<Scope, ScopeSet>();

/** The one-scope set of `scope`. */
export function setOf(scope: Scope): ScopeSet {
  let set = sets.get(scope);
  if (set === undefined) {
    set = ScopeSet.fromScopes([scope]);
    sets.set(scope, set);
  }
  return set;
}

/** True when the two sets share any permission (or non-resource scope). */
export function overlaps(a: ScopeSet, b: ScopeSet): boolean {
  return !a.intersection(b).isEmpty;
}
