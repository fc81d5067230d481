/**
 * What every step of one decision shares: the prepared token, the context patient, the options.
 * And the internal outcome shape the steps return before `authorize` builds the public result.
 */
import type { AccessOptions, Decision, DecisionError, InteractionName, Reason, SearchNarrowing } from './access-types.js';
import type { Letter } from './classify-request.js';
import type { PreparedToken } from './prepared-token.js';
import type { ServerBase } from './server-base.js';

export interface DecisionContext {
  readonly token: PreparedToken;
  /** The context patient id, when the token has one (a non-empty string). */
  readonly patient: string | undefined;
  readonly options: AccessOptions;
  /** True when the options are the defaults (shared result caches only apply then). */
  readonly defaultOptions: boolean;
  /** This server's base (context, else option); absent: every absolute reference is foreign. */
  readonly serverBase?: ServerBase;
}

/** The decision of one request (or bundle entry) before errors and interaction are attached. */
export interface Outcome {
  readonly decision: Decision;
  readonly reasons: readonly Reason[];
  readonly narrowing?: readonly SearchNarrowing[];
  /**
   * Shared (cached) outcomes are built as complete results: when `interaction` equals the
   * request's, `authorize` returns the outcome itself instead of copying it.
   */
  readonly interaction?: InteractionName | string;
  readonly errors?: readonly DecisionError[];
}

/** The empty error list every clean result shares. */
export const NO_ERRORS: readonly DecisionError[] = Object.freeze([]);

/** The level named in a `missing` scope: the token's own level, else patient when in context. */
export function missingLevel(dc: DecisionContext): string {
  const first = dc.token.resourceScopes[0];
  if (first !== undefined) return first.level;
  return dc.patient !== undefined ? 'patient' : 'user';
}

/** `patient/Observation.r`: the scope that would have allowed the request. */
export function missingScope(dc: DecisionContext, type: string, letter: Letter): string {
  return `${missingLevel(dc)}/${type}.${letter}`;
}

/** Human name of a letter, for messages. */
export const LETTER_NAME: Readonly<Record<Letter, string>> = Object.freeze({
  c: 'create',
  r: 'read',
  u: 'update',
  d: 'delete',
  s: 'search',
});
