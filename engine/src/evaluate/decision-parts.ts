/**
 * The pieces of a token decision that are not its control flow: the per-scope working record,
 * refusals, scope splitting, request facts, and how granted scopes are written and explained.
 */
import type { BundleGrant, PolicyBundle } from '../compile/bundle-types.js';
import type { Scope } from '../smart/scope-types.js';
import { formatScope } from '../smart/format-scope.js';
import type { RequestFacts } from './compile-condition.js';
import type { RequestBinding } from './binding.js';
import { userTypeOf } from './match-app.js';
import type { Drop, Piece } from './scope-outcome.js';
import { setOf } from './scope-sets.js';
import type { TokenDecision, TokenError, TokenOAuthErrorCode, TokenRequest } from './token-types.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** One requested scope on its way through the decision. */
export interface Outcome {
  readonly text: string;
  readonly scope: Scope | null;
  pieces: Piece[];
  drop?: Drop;
  note?: string;
  cutRules: readonly string[];
}

/** A denial before any scope was looked at (bad request, unknown client, …). */
export function refuse(
  error: TokenOAuthErrorCode,
  description: string,
  rule: string,
  errors: readonly TokenError[] = [],
  apps: readonly string[] = [],
  extra: Partial<Pick<TokenDecision, 'dropped' | 'narrowed' | 'reasons'>> = {},
): TokenDecision {
  return {
    decision: 'deny',
    reasons: [{ rule, message: description }, ...(extra.reasons ?? [])],
    errors,
    apps,
    granted: { scope: '', scopes: [] },
    dropped: extra.dropped ?? [],
    narrowed: extra.narrowed ?? [],
    context: {},
    tokenResponse: { mustInclude: [], tokenType: 'Bearer', expiresIn: 0, members: {} },
    introspection: { echo: [], members: {} },
    refresh: null,
    oauthError: { error, error_description: description },
  };
}

/** Whitespace-separated tokens, first occurrence of each kept (hand-written: this runs on every request). */
export function splitScopes(text: string): string[] {
  const out: string[] = [];
  // Small requests dedupe with a scan; long ones (hostile input) with a set, to stay linear.
  let seen: Set<string> | undefined;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
    if (!space) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const token = text.slice(start, i);
      if (seen === undefined && out.length >= 32) seen = new Set(out);
      if (seen !== undefined) {
        if (!seen.has(token)) {
          seen.add(token);
          out.push(token);
        }
      } else if (!out.includes(token)) out.push(token);
      start = -1;
    }
  }
  return out;
}

export const NO_RULES: readonly string[] = [];

/**
 * Most scopes one request may carry. Real requests hold tens; the cap bounds the work a hostile
 * request can cause (every distinct scope may need the set algebra).
 */
export const MAX_SCOPES = 1000;

/** Which kinds of non-resource scope are granted (one pass over the outcomes). */
export function grantedKinds(outcomes: readonly Outcome[]) {
  const k = { launch: false, launchPatient: false, offline: false, online: false, openid: false, fhirUser: false };
  for (const o of outcomes) {
    if (o.drop !== undefined) continue;
    for (const p of o.pieces) {
      const s = p.scope;
      if (s.type === 'launch') k.launch = true;
      else if (s.type === 'launch-context' && s.contextType === 'patient') k.launchPatient = true;
      else if (s.type === 'refresh') {
        if (s.mode === 'offline') k.offline = true;
        else k.online = true;
      } else if (s.type === 'identity') {
        if (s.name === 'openid') k.openid = true;
        else if (s.name === 'fhirUser') k.fhirUser = true;
      }
    }
  }
  return k;
}

const allowMessages = new WeakMap<BundleGrant, string>();

/** `allowed by patient/*.rs (grant:portal:allow:patient/*.rs)`, built once per rule. */
export function allowMessage(rule: BundleGrant): string {
  let m = allowMessages.get(rule);
  if (m === undefined) {
    m = `allowed by ${rule.effect} ${rule.scope} (${rule.id})`;
    allowMessages.set(rule, m);
  }
  return m;
}

/** The language's names of the grant types (`grant is jwt_bearer`). */
const GRANT_NAMES: Readonly<Record<string, string>> = {
  authorization_code: 'authorization_code',
  client_credentials: 'client_credentials',
  refresh_token: 'refresh_token',
  [JWT_BEARER]: 'jwt_bearer',
};

/** The facts conditions test; `bound` holds only bindings proved with a well-formed thumbprint. */
export function factsOf(request: TokenRequest, binding: RequestBinding): RequestFacts {
  const bound: string[] = [];
  if (binding.dpopJkt !== undefined) bound.push('dpop');
  if (binding.clientKeyJkt !== undefined) bound.push('client-key');
  return {
    // A refresh or JWT bearer request may carry the launch mode of the original grant.
    launch: request.launch !== undefined ? [request.launch] : request.grantType === 'authorization_code' ? ['standalone'] : [],
    user: [userTypeOf(request)],
    client: [request.client.type],
    grant: [GRANT_NAMES[request.grantType] ?? request.grantType],
    bound,
  };
}

/** Fields of context blocks that apply to the matched app classes. */
export function fieldsFor(blocks: PolicyBundle['context']['tokenCarries'], names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.app !== undefined && !names.has(b.app)) continue;
    for (const f of b.fields) if (!out.includes(f)) out.push(f);
  }
  return out;
}

/** The text a granted piece takes in the token response's `scope`. */
export function pieceText(piece: Scope, outcome: Outcome, exact: boolean, echoV1: boolean): string {
  const requested = outcome.scope;
  if (piece.type !== 'resource' || requested === null || requested.type !== 'resource') return outcome.text;
  if (exact) return requested.syntax === 'v1' && !echoV1 ? formatScope(requested) : outcome.text;
  if (requested.syntax === 'v1' && echoV1) return formatScope({ ...piece, syntax: 'v1' }, { syntax: 'as-written' });
  return formatScope(piece);
}

export function isExact(outcome: Outcome): boolean {
  const requested = outcome.scope;
  const only = outcome.pieces[0];
  if (outcome.pieces.length !== 1 || only === undefined || requested === null) return false;
  if (only.scope === requested || requested.type !== 'resource' || only.scope.type !== 'resource') return true;
  return setOf(only.scope).equivalent(setOf(requested));
}
