/**
 * Token introspection (RFC 7662 with SMART's additions, SMART App Launch "Token Introspection"):
 * the caller must authenticate — a resource server with HTTP Basic credentials, or a bearer
 * token of this server carrying a `system/` scope — else 401. An access token that verifies and
 * is live gives its scope exactly as the token response said, its client, expiry, subject, the
 * id_token's `iss`/`sub`/`fhirUser`, `cnf` when bound and every launch-context member; anything
 * else gives `{"active": false}` and nothing more.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildIntrospectionResponse } from '../../../runtime/index.js';
import { type AccessTokenClaims, verifyAccessToken } from '../access-token.js';
import { basicCredentials, sameSecret } from '../client-authentication.js';
import { formField, sendJson, sendOAuthError } from '../oauth-reply.js';
import type { ReferenceContext } from '../reference-context.js';
import { isRevoked } from '../token-status.js';

/** The live claims of an access token of this server, or null. */
export async function liveClaims(ctx: ReferenceContext, token: string | undefined): Promise<AccessTokenClaims | null> {
  if (token === undefined) return null;
  const urls = ctx.urls();
  const claims = await verifyAccessToken(ctx.keys, urls.origin, urls.fhirBase, token, ctx.clock());
  if (claims === null || (await isRevoked(ctx, claims))) return null;
  return claims;
}

async function callerAuthenticated(ctx: ReferenceContext, request: FastifyRequest): Promise<boolean> {
  const basic = basicCredentials(request);
  if (basic !== undefined) {
    let ok = false;
    for (const c of ctx.introspectionCallers) if (c.clientId === basic.id && sameSecret(c.secret, basic.secret)) ok = true;
    return ok;
  }
  const h = request.headers.authorization;
  if (typeof h === 'string' && /^Bearer /i.test(h)) {
    const claims = await liveClaims(ctx, h.slice(7).trim());
    return claims?.scope.split(' ').some((s) => s.startsWith('system/')) === true;
  }
  return false;
}

export function registerIntrospectRoutes(app: FastifyInstance, ctx: ReferenceContext): void {
  app.post('/introspect', async (request, reply) => {
    if (!(await callerAuthenticated(ctx, request))) {
      reply.header('www-authenticate', 'Basic realm="introspection", Bearer');
      return sendJson(reply, 401, { error: 'invalid_client', error_description: 'the caller must authenticate to introspect tokens' });
    }
    const token = formField(request.body, 'token');
    if (token === undefined) return sendOAuthError(reply, 400, 'invalid_request', 'token is required');
    const claims = await liveClaims(ctx, token);
    if (claims === null) return sendJson(reply, 200, { active: false });
    const urls = ctx.urls();
    return sendJson(
      reply,
      200,
      buildIntrospectionResponse(
        {
          scope: claims.scope,
          clientId: claims.client_id,
          issuedAt: claims.iat,
          expiresAt: claims.exp,
          issuer: urls.origin,
          ...(claims.sub !== undefined ? { subject: claims.sub } : {}),
          ...(claims.idt === true && claims.sub !== undefined
            ? { idToken: { iss: urls.origin, sub: claims.sub, ...(claims.fhirUser !== undefined ? { fhirUser: claims.fhirUser } : {}) } }
            : {}),
          ...(claims.cnf !== undefined ? { boundJkt: claims.cnf.jkt, tokenType: 'DPoP' } : { tokenType: 'Bearer' }),
          context: claims.ctx,
        },
        ctx.clock(),
      ),
    );
  });
}
