/**
 * The reference SMART authorization server (and its sandbox FHIR endpoint) as a Fastify app on
 * the shared server plumbing: discovery, authorize + consent, token, introspect, revoke,
 * register, `/fhir`, the home page and the built-in demo app. The store, clock and policy come
 * in from outside; `startReferenceServer` adds the listening socket.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { type Logger } from 'pino';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import { createEvaluator } from '../../evaluate/create-evaluator.js';
import { randomBytes } from 'node:crypto';
import { type Clock, type Store, createDpopNonces, createRefreshRuntime, systemClock } from '../../runtime/index.js';
import { createServerApp } from '../create-server-app.js';
import { AuthorizationState, randomToken } from './authorization-state.js';
import { registerCors } from './cors.js';
import { demoClients } from './demo-clients.js';
import { createFhirData } from './fhir/fhir-data.js';
import { syntheticResources } from './fhir/synthetic-patients.js';
import { sendJson, sendOAuthError } from './oauth-reply.js';
import type { ReferenceContext } from './reference-context.js';
import { type IntrospectionCaller, type RegisteredClient, type ServerUrls, urlsOf } from './reference-types.js';
import { registerAccountRoutes } from './routes/account-routes.js';
import { registerAuthorizeRoutes } from './routes/authorize-routes.js';
import { registerDemoRoutes } from './routes/demo-routes.js';
import { registerFhirRoutes } from './routes/fhir-routes.js';
import { registerIntrospectRoutes } from './routes/introspect-routes.js';
import { registerRegisterRoutes } from './routes/register-routes.js';
import { registerRevokeRoutes } from './routes/revoke-routes.js';
import { registerTokenRoutes } from './routes/token-routes.js';
import { createServerKeys, type ServerKeys } from './server-keys.js';
import { UserSessions } from './user-sessions.js';
import { smartConfiguration } from './smart-configuration.js';

/** Form bodies of the OAuth endpoints are small; larger ones are refused (413). */
export const OAUTH_BODY_LIMIT = 64 * 1024;

export interface ReferenceServerOptions {
  readonly bundle: PolicyBundle;
  readonly store: Store;
  readonly clock?: Clock;
  /** Clients registered out of band, besides the built-in demo app and wallet. */
  readonly clients?: readonly RegisteredClient[];
  /** Resource servers allowed to introspect; default: one with a random secret (see `introspectionCaller`). */
  readonly introspectionCallers?: readonly IntrospectionCaller[];
  /** Demand server-provided DPoP nonces at the token and FHIR endpoints (RFC 9449); default off. */
  readonly dpopNonces?: boolean;
  /** Structured logs (pino): one line per token-endpoint outcome, never a token, code, secret or assertion. */
  readonly logger?: Logger;
  /** The signing key (e.g. `loadOrCreateServerKeys(file)`); default: one made for this process. */
  readonly keys?: ServerKeys;
  /** Fixed origin (else set by `setOrigin` once listening). */
  readonly origin?: string;
}

export interface ReferenceServer {
  readonly app: FastifyInstance;
  readonly context: ReferenceContext;
  /** Tells the server its public origin (`http://127.0.0.1:PORT`) once it listens. */
  setOrigin(origin: string): void;
  /** The credentials of the built-in resource server (the demo app's introspection). */
  readonly introspectionCaller: IntrospectionCaller;
}

const FORM = 'application/x-www-form-urlencoded';

function requireForm(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const type = request.headers['content-type'];
  if (typeof type !== 'string' || type.split(';')[0]?.trim().toLowerCase() !== FORM) {
    void sendOAuthError(reply, 400, 'invalid_request', `the request body must be ${FORM}`);
    return;
  }
  done();
}

export async function createReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  const { app, metrics } = createServerApp({ bodyLimit: 1024 * 1024, ...(options.logger !== undefined ? { logger: options.logger } : {}) });
  let urls: ServerUrls | undefined = options.origin !== undefined ? urlsOf(options.origin) : undefined;
  const evaluator = createEvaluator(options.bundle);
  const clock = options.clock ?? systemClock;
  const introspectionCaller: IntrospectionCaller = { clientId: 'sandbox-resource-server', secret: randomToken() };
  const clients = new Map<string, RegisteredClient>();
  for (const c of [...demoClients(() => context.urls().origin), ...(options.clients ?? [])]) clients.set(c.clientId, c);
  const sessions = new UserSessions();
  const context: ReferenceContext = {
    bundle: options.bundle,
    evaluator,
    store: options.store,
    clock,
    keys: options.keys ?? (await createServerKeys()),
    urls: () => {
      if (urls === undefined) throw new Error('the reference server does not know its origin yet');
      return urls;
    },
    clients,
    introspectionCallers: [introspectionCaller, ...(options.introspectionCallers ?? [])],
    fhir: createFhirData(syntheticResources()),
    authorizations: new AuthorizationState(),
    sessions,
    refresh: createRefreshRuntime({ store: options.store, evaluator, clock, sessionLive: (id) => sessions.isLive(id, clock()) }),
    revokedAccessTokens: new Map(),
    log: options.logger ?? pino({ level: 'silent' }),
    ...(options.dpopNonces === true ? { dpopNonces: createDpopNonces({ secret: randomBytes(32), clock }) } : {}),
  };

  await app.register(formbody, { bodyLimit: OAUTH_BODY_LIMIT });
  registerCors(app, context);
  // SMART discovery lives under the FHIR base; the issuer's copy serves clients that start from it.
  for (const path of ['/.well-known/smart-configuration', '/fhir/.well-known/smart-configuration']) {
    app.get(path, async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
      return sendJson(reply, 200, smartConfiguration(options.bundle, context.urls()));
    });
  }
  app.get('/.well-known/oauth-authorization-server', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    return sendJson(reply, 200, {
      ...smartConfiguration(options.bundle, context.urls()),
      authorization_response_iss_parameter_supported: true,
    });
  });
  app.get('/.well-known/jwks.json', async (_request, reply) => sendJson(reply, 200, context.keys.jwks));
  app.get('/metrics', async (_request, reply) =>
    reply
      .code(200)
      .header('cache-control', 'no-store')
      .type(metrics.registry.contentType)
      .send(await metrics.registry.metrics()),
  );

  await app.register(async (oauth) => {
    oauth.addHook('preHandler', requireForm);
    registerTokenRoutes(oauth, context);
    registerIntrospectRoutes(oauth, context);
    registerRevokeRoutes(oauth, context);
  });
  registerAuthorizeRoutes(app, context);
  registerRegisterRoutes(app, context);
  registerFhirRoutes(app, context);
  registerDemoRoutes(app, context, introspectionCaller);
  registerAccountRoutes(app, context);

  return {
    app,
    context,
    introspectionCaller,
    setOrigin: (origin) => {
      urls = urlsOf(origin);
    },
  };
}
