/**
 * Trusted dynamic client registration, step 2 of the persistent-access proposal (RFC 7591
 * "protected registration"): the initial access token from the public app's launch, the app's
 * `software_id` (1:1 with the client the token was issued to) and a fresh per-device public key
 * create a client instance bound to the user, whose JWT bearer grants never exceed the launch's
 * grant. The decisions the proposal leaves open are in this folder's README.
 */
import { randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { REGISTRATION_SCOPE } from '../../smart/index.js';
import { OAuthFailure } from '../oauth-failure.js';
import type { ClientInstanceRecord } from '../stores/store-types.js';
import { curveFor, hasPrivateMembers, keyTypeFor } from '../verify/jose-algorithms.js';
import type { InitialAccessToken, RegistrationOptions, RegistrationResult } from './registration-types.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Device keys per registration: one is the design, a successor allows a planned rotation. */
export const MAX_DEVICE_KEYS = 2;

const metadata = (check: string, description: string) => new OAuthFailure('invalid_client_metadata', `registration.${check}`, description);

/** Scopes a JWT bearer grant can never carry, so they leave the instance's ceiling. */
function ceilingOf(scope: string): string {
  return scope
    .split(/\s+/)
    .filter(
      (s) =>
        s !== '' &&
        s !== REGISTRATION_SCOPE &&
        s !== 'openid' &&
        s !== 'fhirUser' &&
        s !== 'profile' &&
        s !== 'offline_access' &&
        s !== 'online_access' &&
        s !== 'launch' &&
        !s.startsWith('launch/'),
    )
    .join(' ');
}

/** The algorithm of the policy's list this key can sign with, or null. */
function algorithmFor(key: JWK, allowed: readonly string[]): string | null {
  for (const alg of allowed) {
    if (keyTypeFor(alg) !== key.kty) continue;
    const crv = curveFor(alg);
    if (crv !== null && key.crv !== crv) continue;
    if (key.kty === 'OKP' && key.crv !== 'Ed25519') continue;
    if (key.alg !== undefined && key.alg !== alg) continue;
    return alg;
  }
  return null;
}

export async function registerClientInstance(
  body: unknown,
  token: InitialAccessToken,
  options: RegistrationOptions,
): Promise<RegistrationResult> {
  const { policy, store } = options;
  const now = options.clock();
  if (now >= token.expiresAt) throw new OAuthFailure('invalid_token', 'registration.token-expired', 'the initial access token expired');
  if (policy.initialTokenMaxAge !== null && now - token.issuedAt > policy.initialTokenMaxAge) {
    throw new OAuthFailure('invalid_token', 'registration.token-stale', 'the initial access token is too old to register with');
  }
  if (!token.scope.split(/\s+/).includes(REGISTRATION_SCOPE)) {
    throw new OAuthFailure('insufficient_scope', 'registration.scope', `the initial access token lacks ${REGISTRATION_SCOPE}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw metadata('body', 'the registration request must be a JSON object');
  const softwareId = Object.hasOwn(body, 'software_id') ? (body as { software_id?: unknown }).software_id : undefined;
  if (typeof softwareId !== 'string' || softwareId === '') throw metadata('software-id-missing', 'software_id is required');
  if (
    options.softwareClients.get(softwareId) !== token.clientId ||
    (policy.softwareIds.length > 0 && !policy.softwareIds.includes(softwareId))
  ) {
    throw metadata('software-id', 'software_id is not the one paired with the client that obtained the initial access token');
  }
  if (Object.hasOwn(body, 'jwks_uri')) throw metadata('jwks-uri', 'jwks_uri is not accepted: send the device public key in jwks');
  const jwks = Object.hasOwn(body, 'jwks') ? (body as { jwks?: unknown }).jwks : undefined;
  const keys = jwks !== null && typeof jwks === 'object' && Object.hasOwn(jwks, 'keys') ? (jwks as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_DEVICE_KEYS) {
    throw metadata('jwks', `jwks must hold 1 to ${MAX_DEVICE_KEYS} public keys`);
  }
  const publicKeys: JWK[] = [];
  const thumbprints: string[] = [];
  for (const [i, key] of keys.entries()) {
    if (key === null || typeof key !== 'object' || Array.isArray(key)) throw metadata('jwks', `jwks.keys[${i}] is not a JWK`);
    const jwk = key as JWK;
    if (hasPrivateMembers(jwk)) throw metadata('key-private', `jwks.keys[${i}] holds private key material`);
    if (typeof jwk.kid !== 'string' || jwk.kid === '' || jwk.kid.length > 128) throw metadata('kid', `jwks.keys[${i}] needs a kid`);
    const alg = algorithmFor(jwk, policy.algorithms);
    if (alg === null) throw metadata('alg', `jwks.keys[${i}] does not fit the allowed algorithms ${policy.algorithms.join(', ')}`);
    try {
      await importJWK(jwk, alg);
    } catch {
      throw metadata('key', `jwks.keys[${i}] is not a valid public key`);
    }
    const clean: JWK = { kty: jwk.kty as string, kid: jwk.kid, alg, use: 'sig' };
    for (const member of ['n', 'e', 'crv', 'x', 'y'] as const) if (typeof jwk[member] === 'string') clean[member] = jwk[member];
    publicKeys.push(clean);
    thumbprints.push(await calculateJwkThumbprint(jwk));
  }
  if (new Set(publicKeys.map((k) => k.kid)).size !== publicKeys.length) throw metadata('kid', 'kids must be unique');
  if (policy.instancesPerUser !== null) {
    const live = (await store.listClientInstances(token.userId)).filter(
      (i) => i.softwareId === softwareId && i.revokedAt === null && (i.expiresAt === null || i.expiresAt > now),
    );
    if (live.length >= policy.instancesPerUser)
      throw metadata('instances-per-user', 'this user has registered the most instances the policy allows');
  }
  if (policy.initialTokenSingleUse && !(await store.claimOnce('initial-access-token', token.jti, null, now))) {
    throw new OAuthFailure('invalid_token', 'registration.token-used', 'the initial access token was already used');
  }
  for (const jkt of thumbprints) {
    if (!(await store.claimOnce('device-key', jkt, null, now)))
      throw metadata('key-reused', 'this device key was registered before; generate a new one');
  }
  const clientId = options.newClientId?.() ?? randomBytes(16).toString('base64url');
  const instance: ClientInstanceRecord = {
    clientId,
    softwareId,
    baseClientId: token.clientId,
    userId: token.userId,
    scope: ceilingOf(token.scope),
    context: token.context,
    ...(token.launch === undefined ? {} : { launch: token.launch }),
    app: token.app,
    jwks: { keys: publicKeys },
    keyThumbprints: thumbprints,
    algorithms: [...new Set(publicKeys.map((k) => k.alg as string))],
    createdAt: now,
    expiresAt: policy.instanceLifetime === null ? null : now + policy.instanceLifetime,
    revokedAt: null,
  };
  await store.putClientInstance(instance);
  return {
    instance,
    response: {
      client_id: clientId,
      client_id_issued_at: now,
      token_endpoint_auth_method: 'none',
      grant_types: [JWT_BEARER_GRANT],
      software_id: softwareId,
      jwks: instance.jwks,
      scope: instance.scope,
      ...(instance.expiresAt === null ? {} : { client_id_expires_at: instance.expiresAt }),
    },
  };
}
