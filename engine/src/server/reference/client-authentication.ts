/**
 * Who is calling the token, revocation and introspection endpoints. Public clients name
 * themselves (`client_id`); confidential-asymmetric clients prove their key with a
 * `private_key_jwt` assertion (SMART App Launch, "Client Authentication: Asymmetric"), verified
 * by the runtime (pinned algorithms, audience, expiry, `jti` replay).
 */
import type { FastifyRequest } from 'fastify';
import type { TokenClient } from '../../evaluate/token-types.js';
import { OAuthFailure, verifyClientAssertion } from '../../runtime/index.js';
import { sameText } from './authorization-state.js';
import { formField } from './oauth-reply.js';
import { type ReferenceContext, staticClient } from './reference-context.js';
import type { RegisteredClient } from './reference-types.js';
import { CLIENT_ASSERTION_ALGS } from './smart-configuration.js';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AuthenticatedClient {
  readonly registered: RegisteredClient;
  readonly token: TokenClient;
  /** Thumbprint of the key that signed the client assertion (a `client-key` binding). */
  readonly keyJkt?: string;
}

export function tokenClientOf(client: RegisteredClient): TokenClient {
  return {
    clientId: client.clientId,
    type: client.type,
    authMethod: client.authMethod,
    ...(client.softwareId !== undefined ? { softwareId: client.softwareId } : {}),
    registration: 'static',
  };
}

/**
 * Authenticates a static client from a form body. `required`: a public client must still name
 * itself (false at refresh, where fhirclient omits `client_id`: the family knows its client).
 * Returns null when no client is named and none is required.
 */
export async function authenticateClient(ctx: ReferenceContext, body: unknown, required: boolean): Promise<AuthenticatedClient | null> {
  const assertionType = formField(body, 'client_assertion_type');
  const assertion = formField(body, 'client_assertion');
  const named = formField(body, 'client_id');
  if (assertionType !== undefined || assertion !== undefined) {
    if (assertionType !== ASSERTION_TYPE)
      throw new OAuthFailure('invalid_client', 'assertion.type', `client_assertion_type must be ${ASSERTION_TYPE}`);
    if (assertion === undefined) throw new OAuthFailure('invalid_client', 'assertion.missing', 'client_assertion is missing');
    const claimed = issuerOf(assertion);
    const client = staticClient(ctx, claimed);
    if (client === undefined || client.authMethod !== 'private_key_jwt') {
      throw new OAuthFailure('invalid_client', 'assertion.client', 'the assertion names no client registered for private_key_jwt');
    }
    if (named !== undefined && named !== client.clientId)
      throw new OAuthFailure('invalid_client', 'assertion.client-id', 'client_id does not match the assertion');
    const verified = await verifyClientAssertion(
      assertion,
      { clientId: client.clientId, ...(client.jwks ? { jwks: client.jwks } : {}), ...(client.jwksUri ? { jwksUri: client.jwksUri } : {}) },
      { tokenEndpoint: ctx.urls().tokenEndpoint, algorithms: CLIENT_ASSERTION_ALGS, clock: ctx.clock, store: ctx.store },
    );
    return { registered: client, token: tokenClientOf(client), keyJkt: verified.jkt };
  }
  if (named === undefined) {
    if (required) throw new OAuthFailure('invalid_client', 'client.missing', 'client_id is required');
    return null;
  }
  const client = staticClient(ctx, named);
  if (client === undefined) throw new OAuthFailure('invalid_client', 'client.unknown', 'unknown client');
  if (client.authMethod !== 'none')
    throw new OAuthFailure('invalid_client', 'client.auth-required', 'this client must authenticate with private_key_jwt');
  return { registered: client, token: tokenClientOf(client) };
}

/** The unverified `iss` of a compact JWT, only to find whose keys verify it. */
function issuerOf(jwt: string): string | undefined {
  if (jwt.length > 16_384) return undefined;
  const part = jwt.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (payload === null || typeof payload !== 'object' || !Object.hasOwn(payload, 'iss')) return undefined;
    const iss = (payload as Record<string, unknown>)['iss'];
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of two secrets. */
export const sameSecret = sameText;

/** HTTP Basic credentials of an introspection caller, or undefined. */
export function basicCredentials(request: FastifyRequest): { readonly id: string; readonly secret: string } | undefined {
  const h = request.headers.authorization;
  if (typeof h !== 'string' || !/^Basic /i.test(h) || h.length > 1024) return undefined;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  } catch {
    return undefined;
  }
}
