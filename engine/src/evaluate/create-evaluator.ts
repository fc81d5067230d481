/** An evaluator: a loaded bundle with its indexes built once, answering decisions synchronously. */
import type { AccessOptions } from '../access/access-types.js';
import type { PolicyBundle } from '../compile/bundle-types.js';
import { buildIndex } from './evaluator-index.js';
import { decideToken } from './decide-token.js';
import type { TokenDecision, TokenRequest } from './token-types.js';

export interface Evaluator {
  readonly bundle: PolicyBundle;
  /** The policy's access options, to pass to `authorize` (`{granted, request, options}`). */
  readonly accessOptions: AccessOptions;
  /** Decides a token request. Pure, synchronous, never throws: errors deny with `errors` set. */
  decideToken(request: TokenRequest): TokenDecision;
}

/**
 * Builds an evaluator from a bundle (use `loadBundle` first for bundles from outside the
 * process). Indexes grant rules by app class, level and type, and compiles conditions to
 * closures, so that each decision only walks the rules that can apply.
 */
export function createEvaluator(bundle: PolicyBundle): Evaluator {
  const index = buildIndex(bundle);
  return {
    bundle,
    accessOptions: bundle.policy.options.access,
    decideToken: (request: TokenRequest) => decideToken(bundle, index, request),
  };
}
