/**
 * Token revocation (RFC 7009): a client revokes its own refresh token (the whole family ends) or
 * access token. The answer is 200 whether or not the token was known, so the endpoint tells a
 * caller nothing about other clients' tokens; a client that fails to authenticate gets 401.
 */
import type { FastifyInstance } from 'fastify';
import { authenticateClient } from '../client-authentication.js';
import { formField, sendFailure, sendJson, sendOAuthError } from '../oauth-reply.js';
import type { ReferenceContext } from '../reference-context.js';
import { pruneRevoked } from '../token-status.js';
import { liveClaims } from './introspect-routes.js';

export function registerRevokeRoutes(app: FastifyInstance, ctx: ReferenceContext): void {
  app.post('/revoke', async (request, reply) => {
    const token = formField(request.body, 'token');
    let clientId: string;
    try {
      const client = await authenticateClient(ctx, request.body, true);
      if (client === null) return sendOAuthError(reply, 401, 'invalid_client', 'client_id is required');
      clientId = client.registered.clientId;
    } catch (e) {
      return sendFailure(reply, e);
    }
    if (token === undefined) return sendOAuthError(reply, 400, 'invalid_request', 'token is required');
    const now = ctx.clock();
    pruneRevoked(ctx, now);
    const claims = await liveClaims(ctx, token);
    if (claims !== null) {
      if (claims.client_id === clientId) ctx.revokedAccessTokens.set(claims.jti, claims.exp);
    } else {
      await ctx.refresh.revokeToken(token, clientId);
    }
    return sendJson(reply, 200, {});
  });
}
