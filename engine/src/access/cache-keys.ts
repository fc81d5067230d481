/**
 * The keys of the per-type outcome caches of a prepared token (`TypeGrants.results`,
 * `.contextual`, `.failures`), in one place. Each map has a branded key type, so a key built for
 * one map cannot be used with another; the key spaces that share the `results` map carry a tag in
 * their lowest bits, so they cannot collide whatever their fields. Every field has a fixed range:
 * a value outside it (a scope index past the limit, an interaction outside the fixed table, such
 * as `operation $x`) gives `undefined`, and the outcome is then computed and not cached — a key
 * that wrapped around would share a wrong outcome. `decodeResultKey` and friends invert the
 * encoding; the tests use them to prove that no two inputs share a key.
 *
 * No table here grows at run time: interaction codes come from the closed list below.
 */
import type { InteractionName } from './access-types.js';

/** A key of `TypeGrants.results` (shared frozen outcomes that depend on no patient and no option). */
export type ResultKey = number & { readonly __cacheMap: 'results' };
/** A key of `TypeGrants.contextual` (outcomes checked against the patient and options on lookup). */
export type ContextualKey = number & { readonly __cacheMap: 'contextual' };
/** A key of `TypeGrants.failures` (deny reasons checked against the patient on lookup). */
export type FailureKey = number & { readonly __cacheMap: 'failures' };

/** Every interaction that outcomes are cached for, in a fixed order (code = position + 1). */
export const CACHED_INTERACTIONS: readonly InteractionName[] = Object.freeze([
  'read',
  'vread',
  'history-instance',
  'update',
  'update-as-create',
  'update-conditional',
  'patch',
  'patch-conditional',
  'delete',
  'delete-conditional',
  'create',
  'create-conditional',
  'search-type',
  'search-type-post',
  'search-system',
  'search-system-post',
  'search-compartment',
  'history-type',
  'history-system',
  'capabilities',
  'operation',
  'batch',
  'transaction',
  'unknown',
]);

const INTERACTION_CODE: ReadonlyMap<string, number> = new Map(CACHED_INTERACTIONS.map((name, i) => [name, i + 1]));
/** Interaction codes are 1..INTERACTION_LIMIT-1 (the tests check that the table fits). */
export const INTERACTION_LIMIT = 32;

/** Field limits (exclusive); documented so that callers know what is cached. */
export const KEY_LIMITS = Object.freeze({
  instanceScopeIndex: 4096,
  searchScopeIndex: 8192,
  searchAllowKind: 8,
  letterIndex: 8,
  failureKind: 16,
  failureScopeIndex: 2048,
  failureDetail: 64,
});

/** The interaction's code, or undefined when it is not in the fixed table (`operation $x`, …). */
export function interactionCode(interaction: string): number | undefined {
  return INTERACTION_CODE.get(interaction);
}

function inRange(n: number, limit: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < limit;
}

// ---- TypeGrants.results: three spaces, told apart by the lowest two bits -----------------------

const TAG_INSTANCE_ALLOW = 0;
const TAG_LETTER_MISSING = 1;
const TAG_SEARCH_ALLOW = 2;

/** An allow of an instance interaction by one scope: depends on (type, interaction, scope) only. */
export function instanceAllowKey(interaction: string, scopeIndex: number): ResultKey | undefined {
  const ic = interactionCode(interaction);
  if (ic === undefined || !inRange(scopeIndex, KEY_LIMITS.instanceScopeIndex)) return undefined;
  return ((ic * KEY_LIMITS.instanceScopeIndex + scopeIndex) * 4 + TAG_INSTANCE_ALLOW) as ResultKey;
}

/** A deny for a letter no scope gives: depends on (type, interaction, whether a patient is in context). */
export function letterMissingKey(interaction: string, hasPatient: boolean): ResultKey | undefined {
  const ic = interactionCode(interaction);
  if (ic === undefined) return undefined;
  return ((ic * 2 + (hasPatient ? 1 : 0)) * 4 + TAG_LETTER_MISSING) as ResultKey;
}

/** An allow of a search by one scope, of one kind (open, by query, non-compartment, patient-limited). */
export function searchAllowKey(interaction: string, scopeIndex: number, kind: number): ResultKey | undefined {
  const ic = interactionCode(interaction);
  if (ic === undefined || !inRange(scopeIndex, KEY_LIMITS.searchScopeIndex) || !inRange(kind, KEY_LIMITS.searchAllowKind)) return undefined;
  return (((ic * KEY_LIMITS.searchScopeIndex + scopeIndex) * KEY_LIMITS.searchAllowKind + kind) * 4 + TAG_SEARCH_ALLOW) as ResultKey;
}

export type DecodedResultKey =
  | { readonly space: 'instance-allow'; readonly interaction: InteractionName; readonly scopeIndex: number }
  | { readonly space: 'letter-missing'; readonly interaction: InteractionName; readonly hasPatient: boolean }
  | { readonly space: 'search-allow'; readonly interaction: InteractionName; readonly scopeIndex: number; readonly kind: number };

function interactionOf(code: number): InteractionName {
  return CACHED_INTERACTIONS[code - 1] ?? 'unknown';
}

/** The inputs a results key was built from. */
export function decodeResultKey(key: ResultKey): DecodedResultKey {
  const tag = key % 4;
  let rest = (key - tag) / 4;
  if (tag === TAG_INSTANCE_ALLOW) {
    const scopeIndex = rest % KEY_LIMITS.instanceScopeIndex;
    return { space: 'instance-allow', interaction: interactionOf((rest - scopeIndex) / KEY_LIMITS.instanceScopeIndex), scopeIndex };
  }
  if (tag === TAG_LETTER_MISSING)
    return { space: 'letter-missing', interaction: interactionOf(Math.floor(rest / 2)), hasPatient: rest % 2 === 1 };
  const kind = rest % KEY_LIMITS.searchAllowKind;
  rest = (rest - kind) / KEY_LIMITS.searchAllowKind;
  const scopeIndex = rest % KEY_LIMITS.searchScopeIndex;
  return { space: 'search-allow', interaction: interactionOf((rest - scopeIndex) / KEY_LIMITS.searchScopeIndex), scopeIndex, kind };
}

// ---- TypeGrants.contextual ----------------------------------------------------------------------

export type PatientLimitCode = 0 | 1 | 2;

/** A search outcome without query scopes: (interaction, patient limit, flags, letter). */
export function searchOutcomeKey(
  interaction: string,
  limit: PatientLimitCode,
  history: boolean,
  narrowAllowed: boolean,
  compartmentTypesOnly: boolean,
  letterIndex: number,
): ContextualKey | undefined {
  const ic = interactionCode(interaction);
  if (ic === undefined || !inRange(limit, 3) || !inRange(letterIndex, KEY_LIMITS.letterIndex)) return undefined;
  const flags = (history ? 4 : 0) + (narrowAllowed ? 2 : 0) + (compartmentTypesOnly ? 1 : 0);
  return (((ic * 4 + limit) * 8 + flags) * KEY_LIMITS.letterIndex + letterIndex) as ContextualKey;
}

export interface DecodedSearchOutcomeKey {
  readonly interaction: InteractionName;
  readonly limit: number;
  readonly history: boolean;
  readonly narrowAllowed: boolean;
  readonly compartmentTypesOnly: boolean;
  readonly letterIndex: number;
}

export function decodeSearchOutcomeKey(key: ContextualKey): DecodedSearchOutcomeKey {
  const letterIndex = key % KEY_LIMITS.letterIndex;
  let rest = (key - letterIndex) / KEY_LIMITS.letterIndex;
  const flags = rest % 8;
  rest = (rest - flags) / 8;
  const limit = rest % 4;
  return {
    interaction: interactionOf((rest - limit) / 4),
    limit,
    history: (flags & 4) !== 0,
    narrowAllowed: (flags & 2) !== 0,
    compartmentTypesOnly: (flags & 1) !== 0,
    letterIndex,
  };
}

// ---- TypeGrants.failures ------------------------------------------------------------------------

/** A deny reason: (failure kind, scope, detail, interaction, decode mode). */
export function failureKey(kind: number, scopeIndex: number, detail: number, interaction: string, decode: boolean): FailureKey | undefined {
  const ic = interactionCode(interaction);
  if (
    ic === undefined ||
    !inRange(kind, KEY_LIMITS.failureKind) ||
    !inRange(scopeIndex, KEY_LIMITS.failureScopeIndex) ||
    !inRange(detail, KEY_LIMITS.failureDetail)
  ) {
    return undefined;
  }
  return ((((kind * KEY_LIMITS.failureScopeIndex + scopeIndex) * KEY_LIMITS.failureDetail + detail) * INTERACTION_LIMIT + ic) * 2 +
    (decode ? 1 : 0)) as FailureKey;
}

export interface DecodedFailureKey {
  readonly kind: number;
  readonly scopeIndex: number;
  readonly detail: number;
  readonly interaction: InteractionName;
  readonly decode: boolean;
}

export function decodeFailureKey(key: FailureKey): DecodedFailureKey {
  const decode = key % 2 === 1;
  let rest = (key - (decode ? 1 : 0)) / 2;
  const ic = rest % INTERACTION_LIMIT;
  rest = (rest - ic) / INTERACTION_LIMIT;
  const detail = rest % KEY_LIMITS.failureDetail;
  rest = (rest - detail) / KEY_LIMITS.failureDetail;
  const scopeIndex = rest % KEY_LIMITS.failureScopeIndex;
  return { kind: (rest - scopeIndex) / KEY_LIMITS.failureScopeIndex, scopeIndex, detail, interaction: interactionOf(ic), decode };
}
