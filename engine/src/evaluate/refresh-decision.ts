/**
 * Whether `offline_access` / `online_access` may be granted, and how the refresh token lives:
 * the app class's refresh policy (mode, conditions, binding demand) plus OAuth 2.1's rule that a
 * public client's refresh tokens are sender-constrained or rotated.
 */
import type { RequestBinding } from './binding.js';
import type { RequestFacts } from './compile-condition.js';
import { unmetCondition } from './describe-condition.js';
import type { IndexedApp, IndexedRefresh } from './evaluator-index.js';
import type { Drop } from './scope-outcome.js';
import type { RefreshDecision, TokenRequest } from './token-types.js';

export const REFRESH_RULES = {
  noPolicy: 'token.refresh.no-policy',
  publicUnprotected: 'token.refresh.public-unprotected',
} as const;

export type RefreshCheck = { readonly ok: true; readonly refresh: IndexedRefresh } | { readonly ok: false; readonly drop: Drop };

function check(
  refresh: IndexedRefresh,
  mode: 'offline' | 'online',
  facts: RequestFacts,
  request: TokenRequest,
  bound: RequestBinding,
): Drop | null {
  const p = refresh.policy;
  const scope = mode === 'offline' ? 'offline_access' : 'online_access';
  const enabled = mode === 'offline' ? p.offline : p.online;
  if (!enabled) return { rule: p.id, reason: `the refresh policy of ${p.app} does not grant ${scope}`, span: p.span };
  const when = mode === 'offline' ? refresh.offlineWhen : refresh.onlineWhen;
  if (!when(facts)) {
    const unmet = unmetCondition(mode === 'offline' ? p.offlineWhen : p.onlineWhen, facts) ?? 'a condition';
    return {
      rule: p.id,
      reason: `the refresh policy of ${p.app} grants ${scope} only with ${unmet}, which this request lacks`,
      span: p.span,
    };
  }
  const dpop = bound.dpopJkt !== undefined;
  const clientKey = bound.clientKeyJkt !== undefined;
  if (p.binding.required) {
    const met = p.binding.methods.some((m) => (m === 'dpop' ? dpop : clientKey));
    if (!met) {
      const wanted = p.binding.methods
        .map((m) => (m === 'dpop' ? 'DPoP binding' : 'a confidential-asymmetric client bound by its key'))
        .join(' or ');
      const missing = p.binding.methods.map((m) => (m === 'dpop' ? bound.dpopMissing : bound.clientKeyMissing)).join('; ');
      return { rule: p.id, reason: `the refresh policy of ${p.app} needs ${wanted} to issue refresh tokens: ${missing}`, span: p.span };
    }
  }
  if (request.client.type === 'public' && !dpop && p.rotate !== 'every-use') {
    return {
      rule: REFRESH_RULES.publicUnprotected,
      reason: `a public client's refresh token needs DPoP binding or rotation on every use (OAuth 2.1); ${p.app}'s policy does not rotate and ${bound.dpopMissing}`,
      span: p.span,
    };
  }
  return null;
}

/** The first refresh policy of the matched app classes that allows `mode` for this request. */
export function checkRefresh(
  apps: readonly IndexedApp[],
  mode: 'offline' | 'online',
  facts: RequestFacts,
  request: TokenRequest,
  bound: RequestBinding,
): RefreshCheck {
  let firstDrop: Drop | null = null;
  for (const app of apps) {
    if (app.refresh === undefined) continue;
    const drop = check(app.refresh, mode, facts, request, bound);
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
export function refreshDecision(
  refresh: IndexedRefresh,
  mode: 'offline' | 'online',
  request: TokenRequest,
  bound: RequestBinding,
  scope: string,
  issue: boolean,
): RefreshDecision {
  const p = refresh.policy;
  // RFC 9449 §5: a public client that proved a key MUST get a refresh token bound to it.
  // Only well-formed thumbprints bind (issue 5): a refresh token is never bound to "" or junk.
  const binding =
    bound.dpopJkt !== undefined && (request.client.type === 'public' || p.binding.methods.includes('dpop'))
      ? 'dpop'
      : bound.clientKeyJkt !== undefined
        ? 'client-key'
        : 'none';
  const jkt = binding === 'dpop' ? bound.dpopJkt : binding === 'client-key' ? bound.clientKeyJkt : undefined;
  return {
    issue,
    mode,
    scope,
    lifetime: p.lifetime,
    idle: p.idle,
    rotate: p.rotate === 'every-use',
    reuse: p.reuse,
    binding,
    ...(jkt !== undefined ? { jkt } : {}),
    graceSeconds: p.graceSeconds,
    remindEvery: p.remindEvery,
    reminderCap: p.reminderCap,
    rule: p.id,
    span: p.span,
  };
}
