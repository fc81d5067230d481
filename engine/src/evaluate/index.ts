/** Public API of the evaluator: token decisions and policy tests over a compiled bundle. */
export { createEvaluator } from './create-evaluator.js';
export type { Evaluator, IntrospectionDecision } from './create-evaluator.js';
export { GRANT_TYPES } from './token-types.js';
export { DEFAULT_REGISTRATION_ALGORITHMS, REGISTRATION_RULES } from './decide-registration.js';
export type { RegistrationDecision, RegistrationOAuthErrorCode, RegistrationRequest } from './decide-registration.js';
export type {
  ContextDemand,
  DroppedScope,
  GrantType,
  NarrowedScope,
  RefreshDecision,
  TokenClient,
  TokenContextDecision,
  TokenDecision,
  TokenError,
  TokenOAuthErrorCode,
  TokenReason,
  TokenRequest,
  TokenUser,
} from './token-types.js';
export { BUILT_IN_RULES } from './built-in-rules.js';

import type { PolicyBundle } from '../compile/bundle-types.js';
import { createEvaluator } from './create-evaluator.js';
import type { TokenDecision, TokenRequest } from './token-types.js';

const evaluators = new WeakMap<PolicyBundle, ReturnType<typeof createEvaluator>>();

/**
 * Decides one token request against a bundle, building (and caching per bundle object) the
 * evaluator's indexes on first use. For many decisions, keep an evaluator from `createEvaluator`.
 */
export function decideToken(bundle: PolicyBundle, request: TokenRequest): TokenDecision {
  let evaluator = evaluators.get(bundle);
  if (evaluator === undefined) {
    evaluator = createEvaluator(bundle);
    evaluators.set(bundle, evaluator);
  }
  return evaluator.decideToken(request);
}
export { runPolicyTests } from './run-policy-tests.js';
export type { PolicyTestCaseResult, PolicyTestReport, RunPolicyTestsOptions, TestFailure, UncoveredRule } from './run-policy-tests.js';
export { tokenRequestOf, TEST_CLIENT_KEY_JKT, TEST_DPOP_JKT } from './test-request.js';
export { MAX_SCOPES } from './decision-parts.js';
