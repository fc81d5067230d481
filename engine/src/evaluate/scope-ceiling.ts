/**
 * The ceiling of a refresh (SMART App Launch, App Launch: "Refresh access token") or a JWT bearer grant (persistent-access proposal, step 3): a requested scope
 * must lie within the original grant, semantically by the scope-set algebra
 * (`patient/Observation.r` is within `patient/Observation.rs`; `X.rs` within `X.r X.s`).
 * Anything new fails the whole request with `invalid_scope`, as RFC 6749 §6 says.
 */
import type { Scope } from '../smart/scope-types.js';
import { ScopeSet } from '../smart/scope-set.js';
import { setOf } from './scope-sets.js';

export interface CeilingResult {
  /** Requested scopes (as written) the original grant does not cover. */
  readonly outside: readonly string[];
  /** True when the request asks for everything the original grant holds (not a strict subset). */
  readonly equal: boolean;
}

/** Checks `requested` against `original` (both parsed, valid scopes; requested with their texts). */
export function checkCeiling(
  requested: readonly { readonly text: string; readonly scope: Scope }[],
  original: readonly Scope[],
): CeilingResult {
  const originalSet = ScopeSet.fromScopes(original);
  const outside = requested.filter((r) => !originalSet.covers(setOf(r.scope))).map((r) => r.text);
  const equal = outside.length === 0 && ScopeSet.fromScopes(requested.map((r) => r.scope)).covers(originalSet);
  return { outside, equal };
}
