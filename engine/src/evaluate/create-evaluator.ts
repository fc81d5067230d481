/**
 * An evaluator: a loaded bundle with its indexes built once and its caches inside, answering
 * every decision the policy makes — access, token, refresh, introspection and explanations —
 * synchronously. Nothing a decision remembers is shared with another evaluator (see
 * `access/access-evaluator.ts` and `EvaluatorIndex`): a fresh evaluator decides the same as a
 * warm one, from a cold start.
 */
import { createAccessEvaluator } from '../access/access-evaluator.js';
import type { AccessOptions, AccessRequest, AccessResult } from '../access/access-types.js';
import type { PreparedToken } from '../access/prepared-token.js';
import type { PolicyBundle } from '../compile/bundle-types.js';
import { catalogFromBundle } from '../explain/catalog-from-bundle.js';
import { explain } from '../explain/explain.js';
import type { ExplainOptions, ExplainResult } from '../explain/explain-types.js';
import type { ExplanationCatalog } from '../explain/explanation-catalog.js';
import { buildIndex } from './evaluator-index.js';
import { decideToken } from './decide-token.js';
import type { TokenDecision, TokenRequest } from './token-types.js';
import { decideRegistration, type RegistrationDecision, type RegistrationRequest } from './decide-registration.js';

/** What introspection of a token issued by a decision answers (rule 40). */
export interface IntrospectionDecision {
  /** True when the decision issued a token. */
  readonly active: boolean;
  /** The granted scope (empty when inactive). */
  readonly scope: string;
  /** The members the introspection response echoes, and the launch-context values among them. */
  readonly echo: readonly string[];
  readonly members: TokenDecision['introspection']['members'];
  /** The decision the answer comes from (reasons, errors). */
  readonly decision: TokenDecision;
}

export interface Evaluator {
  readonly bundle: PolicyBundle;
  /** The policy's access options: every `authorize` starts from them. */
  readonly accessOptions: AccessOptions;
  /** Decides a FHIR REST request under the policy's access options (a request's `options` override them). Never throws. */
  authorize(request: AccessRequest): AccessResult;
  /** A token prepared with this evaluator's scope memo; pass it as `granted`. */
  prepareToken(granted: readonly string[]): PreparedToken;
  /** Decides a token request. Pure, synchronous, never throws: errors deny with `errors` set. */
  decideToken(request: TokenRequest): TokenDecision;
  /** Decides a refresh-token request (`grantType` is `refresh_token` whatever the input says). */
  decideRefresh(request: Omit<TokenRequest, 'grantType'>): TokenDecision;
  /** What introspection answers for the token a request would be issued. */
  decideIntrospection(request: TokenRequest): IntrospectionDecision;
  /** Decides a trusted dynamic client registration (RFC 7591; the persistent-access proposal, step 2). Never throws. */
  decideRegistration(request: RegistrationRequest): RegistrationDecision;
  /** Plain-language explanations of scopes, in the policy's words (its catalog and phrasebooks). */
  explain(scopes: string | readonly string[], options?: Omit<ExplainOptions, 'catalog'>): ExplainResult;
}

/**
 * Builds an evaluator from a bundle (use `loadBundle` first for bundles from outside the
 * process). Indexes grant rules by app class, level and type, and compiles conditions to
 * closures, so that each decision only walks the rules that can apply.
 */
export function createEvaluator(bundle: PolicyBundle): Evaluator {
  const index = buildIndex(bundle);
  const access = createAccessEvaluator(bundle.policy.options.access);
  let catalog: ExplanationCatalog | undefined;
  const token = (request: TokenRequest) => decideToken(bundle, index, request);
  return {
    bundle,
    accessOptions: bundle.policy.options.access,
    authorize: (request) => access.authorize(request),
    prepareToken: (granted) => access.prepareToken(granted),
    decideToken: token,
    decideRefresh: (request) => token({ ...(isObject(request) ? request : {}), grantType: 'refresh_token' } as TokenRequest),
    decideIntrospection: (request) => {
      const decision = token(request);
      const active = decision.decision === 'allow';
      return {
        active,
        scope: active ? decision.granted.scope : '',
        echo: active ? decision.introspection.echo : ['active'],
        members: active ? decision.introspection.members : {},
        decision,
      };
    },
    decideRegistration: (request) => decideRegistration(index, request),
    explain: (scopes, options = {}) => {
      catalog ??= catalogFromBundle(bundle);
      return explain(scopes, { ...(isObject(options) ? options : {}), catalog });
    },
  };
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
