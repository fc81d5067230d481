/**
 * Whether a verified access token is still live: not revoked one by one (RFC 7009), its
 * refresh-token family not revoked (reuse, the user, the client), its client instance not revoked.
 */
import type { AccessTokenClaims } from './access-token.js';
import type { ReferenceContext } from './reference-context.js';

export async function isRevoked(ctx: ReferenceContext, claims: AccessTokenClaims): Promise<boolean> {
  if (ctx.revokedAccessTokens.has(claims.jti)) return true;
  const grant = claims.grant;
  if (grant === undefined) return false;
  if (grant.startsWith('family:')) {
    const family = await ctx.store.getFamily(grant.slice('family:'.length));
    return family === null || family.revokedAt !== null;
  }
  if (grant.startsWith('instance:')) {
    const instance = await ctx.store.getClientInstance(grant.slice('instance:'.length));
    return instance === null || instance.revokedAt !== null;
  }
  return true;
}

/** Forgets one-by-one revocations of tokens that have expired anyway (keeps the map bounded). */
export function pruneRevoked(ctx: ReferenceContext, now: number): void {
  for (const [jti, exp] of ctx.revokedAccessTokens) if (exp <= now) ctx.revokedAccessTokens.delete(jti);
}
