/**
 * The evaluator's decisions as wire operations: for each kind, the published schema its input is
 * checked against and the JSON it answers. The CLI (`smart-policy eval <kind>`) and the decision
 * server (`POST /v1/decide/<kind>`, `/v1/introspection`) both go through this table, so one input
 * gives the same JSON through the library, the CLI and HTTP.
 */
import {
  REGISTRATION_REQUEST_SCHEMA,
  TOKEN_REQUEST_SCHEMA,
  type RegistrationRequestWire,
  type TokenRequestWire,
} from '../schema/generated/wire-schemas.js';
import { type WireCheck, wireValidator } from '../schema/wire-validator.js';
import type { Evaluator } from './create-evaluator.js';
import type { TokenRequest } from './token-types.js';

export const DECISION_KINDS = ['token', 'refresh', 'introspection', 'registration'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** A decision as JSON (a TokenDecision, an IntrospectionDecision or a RegistrationDecision). */
export type DecisionOutput = object;

export interface DecisionOperation {
  /** Checks the input against the published schema (the first problem as a JSON pointer). */
  readonly check: (input: unknown) => WireCheck<unknown>;
  /** Decides a checked input. Never throws (the evaluator's contract). */
  readonly decide: (evaluator: Evaluator, input: unknown) => DecisionOutput;
  /** How it went, in one word: `allow`/`deny`, or `active`/`inactive` for introspection. */
  readonly outcome: (output: DecisionOutput) => string;
  /** The rule ids among the output's reasons: what a decision log may say (they come from the policy, never from the input). */
  readonly reasonRules: (output: DecisionOutput) => readonly string[];
}

const checkToken = wireValidator<TokenRequestWire>(TOKEN_REQUEST_SCHEMA);
const checkRegistration = wireValidator<RegistrationRequestWire>(REGISTRATION_REQUEST_SCHEMA);
type WithReasons = { readonly reasons?: readonly { readonly rule?: unknown }[] };

const allowOrDeny = (output: DecisionOutput) => ((output as { decision?: unknown }).decision === 'allow' ? 'allow' : 'deny');
const rulesOf = (output: DecisionOutput): string[] =>
  ((output as WithReasons).reasons ?? []).map((r) => r.rule).filter((rule): rule is string => typeof rule === 'string');

/** A refresh request may leave `grantType` out: the operation says it (`decideRefresh` sets it whatever the input says). */
function asRefresh(input: unknown): unknown {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...input, grantType: 'refresh_token' } : input;
}

export const DECISION_OPERATIONS: Readonly<Record<DecisionKind, DecisionOperation>> = {
  token: { check: checkToken, decide: (e, input) => e.decideToken(input as TokenRequest), outcome: allowOrDeny, reasonRules: rulesOf },
  refresh: {
    check: (input) => checkToken(asRefresh(input)),
    decide: (e, input) => e.decideRefresh(input as TokenRequest),
    outcome: allowOrDeny,
    reasonRules: rulesOf,
  },
  introspection: {
    check: checkToken,
    decide: (e, input) => e.decideIntrospection(input as TokenRequest),
    outcome: (output) => ((output as { active?: unknown }).active === true ? 'active' : 'inactive'),
    reasonRules: (output) => rulesOf((output as { decision?: object }).decision ?? {}),
  },
  registration: {
    check: checkRegistration,
    decide: (e, input) => e.decideRegistration(input as RegistrationRequestWire),
    outcome: allowOrDeny,
    reasonRules: rulesOf,
  },
};
