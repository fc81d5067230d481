/**
 * Whether `offline_access` / `online_access` may be granted, and how the refresh token lives:
 * the app class's refresh policy (mode, conditions, binding demand) plus OAuth 2.1's rule that a
 * public client's refresh tokens are sender-constrained or rotated.
 */
import type { RequestFacts } from './compile-condition.js';
import type { IndexedApp, IndexedRefresh } from './evaluator-index.js';
import type { Drop } from './scope-outcome.js';
import type { RefreshDecision, TokenRequest } from './token-types.js';

export const REFRESH_RULES = {
  noPolicy: 'token.refresh.no-policy',
  publicUnprotected: 'token.refresh.public-unprotected',
} as const;

export type RefreshCheck =
  | { readonly ok: true; readonly refresh: IndexedRefresh }
  | { readonly ok: false; readonly drop: Drop };

function check(refresh: IndexedRefresh, mode: 'offline' | 'online', facts: RequestFacts, request: TokenRequest): Drop | null {
  const p = refresh.policy;
  const scope = mode === 'offline' ? 'offline_access' : 'online_access';
  const enabled = mode === 'offline' ? p.offline : p.online;
  if (!enabled) return { rule: p.id, reason: `the refresh policy of ${p.app} does not grant ${scope}`, span: p.span };
  const when = mode === 'offline' ? refresh.offlineWhen : refresh.onlineWhen;
  if (!when(facts)) return { rule: p.id, reason: `the refresh policy of ${p.app} grants ${scope} only under conditions this request does not meet`, span: p.span };
  const dpop = request.binding?.dpopJkt !== undefined;
  const clientKey = request.client.type === 'confidential-asymmetric';
  if (p.binding.required) {
    const met = p.binding.methods.some((m) => (m === 'dpop' ? dpop : clientKey));
    if (!met) {
      const wanted = p.binding.methods.map((m) => (m === 'dpop' ? 'a DPoP key' : "the client's own key (private_key_jwt)")).join(' or ');
      return { rule: p.id, reason: `the refresh policy of ${p.app} issues refresh tokens only when bound to ${wanted}, and this request has no such binding`, span: p.span };
    }
  }
  if (request.client.type === 'public' && !dpop && p.rotate !== 'every-use') {
    return {
      rule: REFRESH_RULES.publicUnprotected,
      reason: `a public client's refresh token must be DPoP-bound or rotated on every use (OAuth 2.1); ${p.app}'s policy does not rotate and the request carried no DPoP proof`,
      span: p.span,
    };
  }
  return null;
}

/** The first refresh policy of the matched app classes that allows `mode` for this request. */
export function checkRefresh(apps: readonly IndexedApp[], mode: 'offline' | 'online', facts: RequestFacts, request: TokenRequest): RefreshCheck {
  let firstDrop: Drop | null = null;
  for (const app of apps) {
    if (app.refresh === undefined) continue;
    const drop = check(app.refresh, mode, facts, request);
    if (drop === null) return { ok: true, refresh: app.refresh };
    firstDrop ??= drop;
  }
  return {
    ok: false,
    drop: firstDrop ?? {
      rule: REFRESH_RULES.noPolicy,
      reason: `no refresh policy covers app class ${apps.map((a) => a.app.name).join(', ')}, so refresh tokens are not issued`,
    },
  };
}

/** The refresh-token decision for a policy that allows it. */
export function refreshDecision(refresh: IndexedRefresh, mode: 'offline' | 'online', request: TokenRequest, scope: string, issue: boolean): RefreshDecision {
  const p = refresh.policy;
  const jkt = request.binding?.dpopJkt;
  // RFC 9449 §5: a public client that proved a key MUST get a refresh token bound to it.
  const binding = jkt !== undefined && (request.client.type === 'public' || p.binding.methods.includes('dpop'))
    ? 'dpop'
    : request.client.type === 'confidential-asymmetric'
      ? 'client-key'
      : 'none';
  return {
    issue,
    mode,
    scope,
    lifetime: p.lifetime,
    idle: p.idle,
    rotate: p.rotate === 'every-use',
    reuse: p.reuse,
    binding,
    ...(binding === 'dpop' && jkt !== undefined ? { jkt } : {}),
    graceSeconds: p.graceSeconds,
    remindEvery: p.remindEvery,
    reminderCap: p.reminderCap,
    rule: p.id,
    span: p.span,
  };
}
