/**
 * Trusted dynamic client registration (persistent access for public apps, step 2; RFC 7591):
 * the access token of a launch that granted `system/DynamicClient.register` is the initial
 * access token; the runtime checks it is fresh and unused, that `software_id` pairs with the
 * client it was issued to, and that the device key is new and of an allowed algorithm, then
 * records the instance (its ceiling: what the user approved at that launch).
 */
import type { FastifyInstance } from 'fastify';
import { OAuthFailure, registerClientInstance } from '../../../runtime/index.js';
import { sendFailure, sendJson } from '../oauth-reply.js';
import { appClassOf, type ReferenceContext, staticClient } from '../reference-context.js';
import { verifyAccessToken } from '../access-token.js';
import { isRevoked } from '../token-status.js';

export function registerRegisterRoutes(app: FastifyInstance, ctx: ReferenceContext): void {
  const softwareClients = new Map<string, string>();
  for (const c of ctx.clients.values()) if (c.softwareId !== undefined) softwareClients.set(c.softwareId, c.clientId);

  app.post('/register', async (request, reply) => {
    try {
      const h = request.headers.authorization;
      if (typeof h !== 'string' || !/^Bearer /i.test(h)) {
        throw new OAuthFailure('invalid_token', 'initial-token.missing', 'an initial access token is required (Authorization: Bearer)');
      }
      const urls = ctx.urls();
      // Expiry is the runtime's check (a stale token is refused by name); the signature is checked here.
      const claims = await verifyAccessToken(ctx.keys, urls.origin, urls.fhirBase, h.slice(7).trim(), 0);
      const base = claims === null ? undefined : staticClient(ctx, claims.client_id);
      if (claims === null || base === undefined || claims.sub === undefined || (await isRevoked(ctx, claims))) {
        throw new OAuthFailure('invalid_token', 'initial-token.invalid', 'the initial access token is not valid');
      }
      const appClass = appClassOf(ctx, base, 'patient');
      const policy = ctx.bundle.registration.find((r) => r.app === appClass);
      if (appClass === undefined || policy === undefined) {
        throw new OAuthFailure('invalid_client_metadata', 'registration.policy', 'the policy allows no dynamic registration for this app');
      }
      const { response } = await registerClientInstance(
        request.body,
        {
          jti: claims.jti,
          clientId: claims.client_id,
          userId: claims.sub,
          issuedAt: claims.iat,
          expiresAt: claims.exp,
          scope: claims.scope,
          context: claims.ctx,
          launch: 'standalone',
          app: appClass,
        },
        { store: ctx.store, clock: ctx.clock, policy, softwareClients },
      );
      return sendJson(reply, 201, response);
    } catch (e) {
      return sendFailure(reply, e);
    }
  });
}
