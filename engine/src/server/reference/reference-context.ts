/**
 * Everything the reference server's routes share: the policy's evaluator, the store, the clock,
 * the signing keys, the registered clients, the FHIR data and the in-flight authorizations.
 * Built once per server by `createReferenceServer`.
 */
import type { Logger } from 'pino';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import type { Evaluator } from '../../evaluate/create-evaluator.js';
import type { Clock, DpopNonceSource, RefreshRuntime, Store } from '../../runtime/index.js';
import type { AuthorizationState } from './authorization-state.js';
import type { FhirData } from './fhir/fhir-data.js';
import type { IntrospectionCaller, RegisteredClient, ServerUrls } from './reference-types.js';
import type { ServerKeys } from './server-keys.js';
import type { UserSessions } from './user-sessions.js';

export interface ReferenceContext {
  readonly bundle: PolicyBundle;
  readonly evaluator: Evaluator;
  readonly store: Store;
  readonly clock: Clock;
  readonly keys: ServerKeys;
  /** Known once the server listens. */
  urls(): ServerUrls;
  readonly clients: ReadonlyMap<string, RegisteredClient>;
  readonly introspectionCallers: readonly IntrospectionCaller[];
  readonly fhir: FhirData;
  readonly authorizations: AuthorizationState;
  /** Sandbox sign-in sessions: `online_access` families end with them. */
  readonly sessions: UserSessions;
  readonly refresh: RefreshRuntime;
  /** Structured logs (silent unless a logger was given); never a token, code, secret or assertion. */
  readonly log: Logger;
  /** Server-provided DPoP nonces (RFC 9449), when the server demands them. */
  readonly dpopNonces?: DpopNonceSource;
  /** Access tokens revoked one by one (RFC 7009), until they expire: jti → exp. */
  readonly revokedAccessTokens: Map<string, number>;
}

/** The registered client with this id (own properties only: ids like `__proto__` find nothing). */
export function staticClient(ctx: ReferenceContext, clientId: unknown): RegisteredClient | undefined {
  return typeof clientId === 'string' && clientId.length <= 256 ? ctx.clients.get(clientId) : undefined;
}

/** The app class a client belongs to, as the policy matches it (for the consent screen and registration). */
export function appClassOf(ctx: ReferenceContext, client: RegisteredClient, user: 'patient' | 'none'): string | undefined {
  const probe = ctx.evaluator.decideToken({
    grantType: user === 'none' ? 'client_credentials' : 'authorization_code',
    client: {
      clientId: client.clientId,
      type: client.type,
      authMethod: client.authMethod,
      ...(client.softwareId ? { softwareId: client.softwareId } : {}),
    },
    user: { type: user },
    ...(user === 'none' ? {} : { launch: 'standalone' as const }),
    requestedScope: '',
  });
  // A class that names the client's software id is the more specific one (the wallet, not every patient app).
  const specific = probe.apps.find((name) =>
    ctx.bundle.apps.some((a) => a.name === name && client.softwareId !== undefined && a.softwareIds.includes(client.softwareId)),
  );
  return specific ?? probe.apps[0];
}
