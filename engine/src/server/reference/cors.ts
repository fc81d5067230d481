/**
 * CORS as SMART App Launch asks ("Best practices", CORS): discovery and `metadata` for any
 * origin; the token endpoint and the FHIR API for the origins of registered apps (the origins of
 * their redirect URIs), so that browser apps can call them. Preflights answer with the methods
 * and headers those calls need (`Authorization`, `DPoP`, `Content-Type`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReferenceContext } from './reference-context.js';

const APP_PATHS = /^\/(token|revoke|fhir\/)/;

/** Origins of every registered client's redirect URIs (dynamic: redirect URIs may depend on the server's origin). */
function registeredOrigins(ctx: ReferenceContext): Set<string> {
  const origins = new Set<string>();
  for (const c of ctx.clients.values()) {
    for (const uri of c.redirectUris) {
      try {
        origins.add(new URL(uri).origin);
      } catch {
        // a malformed registration adds no origin
      }
    }
  }
  return origins;
}

function allow(reply: FastifyReply, origin: string): void {
  reply.header('access-control-allow-origin', origin);
  reply.header('vary', 'Origin');
  reply.header('access-control-expose-headers', 'DPoP-Nonce, WWW-Authenticate');
}

export function registerCors(app: FastifyInstance, ctx: ReferenceContext): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !APP_PATHS.test(request.url)) return;
    if (request.url.startsWith('/fhir/metadata') || request.url.startsWith('/fhir/.well-known/')) return; // answered for any origin by their routes
    if (!registeredOrigins(ctx).has(origin)) return;
    allow(reply, origin);
    if (request.method === 'OPTIONS') {
      await reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
        .header('access-control-allow-headers', 'Authorization, DPoP, Content-Type, Accept')
        .header('access-control-max-age', '600')
        .send();
    }
  });
}
