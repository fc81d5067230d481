/**
 * The JWT bearer grant (RFC 7523 section 2.1) of a trusted-dynamic client instance: the assertion
 * is signed by the instance's device key and checked like a client assertion; `sub` is the
 * instance's client id or the user it was registered for. A bad assertion is `invalid_grant`,
 * an unknown, revoked or expired instance `invalid_client`.
 */
import { OAuthFailure } from '../oauth-failure.js';
import type { ClientInstanceRecord } from '../stores/store-types.js';
import type { AssertionVerifyOptions, VerifiedAssertion } from './client-assertion-types.js';
import { peekIssuer } from './jwt-parts.js';
import { verifyAssertion } from './verify-client-assertion.js';

export interface VerifiedJwtBearerGrant {
  readonly instance: ClientInstanceRecord;
  readonly verified: VerifiedAssertion;
}

export async function verifyJwtBearerGrant(
  assertion: unknown,
  options: Omit<AssertionVerifyOptions, 'algorithms' | 'jwksSource'> & { readonly clientId?: string },
): Promise<VerifiedJwtBearerGrant> {
  const issuer = peekIssuer(assertion);
  if (issuer === null) throw new OAuthFailure('invalid_grant', 'assertion.malformed', 'assertion: not a compact signed JWT with an iss');
  if (options.clientId !== undefined && options.clientId !== issuer) {
    throw new OAuthFailure('invalid_client', 'assertion.client-id', 'client_id does not match the assertion issuer');
  }
  const instance = await options.store.getClientInstance(issuer);
  const now = options.clock();
  if (instance === null) throw new OAuthFailure('invalid_client', 'instance.unknown', 'the client instance is unknown');
  if (instance.revokedAt !== null) throw new OAuthFailure('invalid_client', 'instance.revoked', 'the client instance was revoked');
  if (instance.expiresAt !== null && now >= instance.expiresAt) {
    throw new OAuthFailure('invalid_client', 'instance.expired', 'the client instance expired');
  }
  const verified = await verifyAssertion(
    assertion,
    { clientId: instance.clientId, jwks: instance.jwks },
    { ...options, algorithms: instance.algorithms },
    { error: 'invalid_grant', subjects: [instance.clientId, instance.userId], replayNamespace: 'jwt-bearer-jti' },
  );
  return { instance, verified };
}
