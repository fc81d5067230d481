/**
 * `private_key_jwt` client assertions (RFC 7523 section 3 as SMART App Launch "Client
 * Authentication: Asymmetric" profiles it), and the same checks for the JWT bearer grant of
 * dynamic instances. Each check fails on its own with a description naming it; the assertion
 * itself is never echoed.
 */
import { calculateJwkThumbprint, compactVerify, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { OAuthFailure, type RuntimeOAuthError } from '../oauth-failure.js';
import { DEFAULT_ASSERTION_ALGORITHMS, curveFor, hasPrivateMembers, isAsymmetricAlgorithm, keyTypeFor } from './jose-algorithms.js';
import { numericClaim, readClaims, readHeader, stringClaim } from './jwt-parts.js';
import type { AssertionVerifyOptions, RegisteredClientKeys, VerifiedAssertion } from './client-assertion-types.js';

/** The checks of one assertion, parameterised by what a failure is called and who may be `sub`. */
export interface AssertionCheck {
  readonly error: RuntimeOAuthError;
  /** Accepted `sub` values (client assertions: the client id only). */
  readonly subjects: readonly string[];
  /** Namespace of the `jti` replay cache. */
  readonly replayNamespace: string;
}

export async function verifyClientAssertion(
  assertion: unknown,
  client: RegisteredClientKeys,
  options: AssertionVerifyOptions,
): Promise<VerifiedAssertion> {
  return verifyAssertion(assertion, client, options, {
    error: 'invalid_client',
    subjects: [client.clientId],
    replayNamespace: 'client-assertion-jti',
  });
}

export async function verifyAssertion(
  assertion: unknown,
  client: RegisteredClientKeys,
  options: AssertionVerifyOptions,
  check: AssertionCheck,
): Promise<VerifiedAssertion> {
  const fail = (id: string, description: string) => new OAuthFailure(check.error, `assertion.${id}`, `client assertion: ${description}`);
  const header = readHeader(assertion);
  if (header === null) throw fail('malformed', 'not a compact signed JWT');
  const jwt = assertion as string;
  const alg = header.alg;
  if (alg === undefined || alg === 'none') throw fail('alg-none', 'unsigned JWTs (alg none) are refused');
  if (typeof alg === 'string' && alg.startsWith('HS'))
    throw fail('alg-hmac', 'HMAC algorithms are refused; sign with the registered private key');
  const pinned = options.algorithms ?? DEFAULT_ASSERTION_ALGORITHMS;
  if (!isAsymmetricAlgorithm(alg) || !pinned.includes(alg)) throw fail('alg', `the algorithm is not one of ${pinned.join(', ')}`);
  if (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT') throw fail('typ', 'the header typ must be JWT');
  if (typeof header.kid !== 'string' || header.kid === '') throw fail('kid', 'the header has no kid');
  if (header.jku !== undefined && (client.jwksUri === undefined || header.jku !== client.jwksUri)) {
    throw fail('jku', 'jku is not the JWKS URL registered for this client');
  }
  const key = await selectKey(client, header.kid, alg, options, fail);
  let payload: Uint8Array;
  try {
    const verified = await compactVerify(jwt, await importJWK(key, alg), { algorithms: [alg] });
    payload = verified.payload;
  } catch {
    throw fail('signature', 'the signature does not verify with the key named by kid');
  }
  const claims = readClaims(payload);
  if (claims === null) throw fail('claims', 'the payload is not a JSON object');
  const now = options.clock();
  const skew = options.clockSkewSeconds ?? 30;
  const maxLifetime = options.maxLifetimeSeconds ?? 300;
  if (stringClaim(claims, 'iss') !== client.clientId) throw fail('iss', 'iss is not the client id');
  const sub = stringClaim(claims, 'sub');
  if (sub === undefined || !check.subjects.includes(sub)) throw fail('sub', 'sub is not the client id');
  const aud = Object.hasOwn(claims, 'aud') ? claims.aud : undefined;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.includes(options.tokenEndpoint)) throw fail('aud', 'aud is not this token endpoint');
  const exp = numericClaim(claims, 'exp');
  if (exp === undefined) throw fail('exp', 'exp is missing');
  if (exp <= now - skew) throw fail('expired', 'the assertion expired');
  if (exp > now + maxLifetime + skew) throw fail('exp-too-far', `exp is more than ${maxLifetime} seconds ahead`);
  const nbf = numericClaim(claims, 'nbf');
  if (nbf !== undefined && nbf > now + skew) throw fail('nbf', 'the assertion is not valid yet (nbf)');
  const iat = numericClaim(claims, 'iat');
  if (iat !== undefined && iat > now + skew) throw fail('iat', 'iat is in the future');
  const jti = stringClaim(claims, 'jti');
  if (jti === undefined || jti === '' || jti.length > 256) throw fail('jti', 'jti is missing');
  if (!(await options.store.claimOnce(`${check.replayNamespace}:${client.clientId}`, jti, exp + skew, now))) {
    throw fail('jti-replay', 'this assertion (jti) was already used');
  }
  return { clientId: client.clientId, alg, kid: header.kid, jkt: await calculateJwkThumbprint(key), jti, exp };
}

async function selectKey(
  client: RegisteredClientKeys,
  kid: string,
  alg: string,
  options: AssertionVerifyOptions,
  fail: (id: string, description: string) => OAuthFailure,
): Promise<JWK> {
  const fromUrl = client.jwksUri !== undefined && (client.jwks === undefined || options.jwksSource !== undefined);
  const load = async (refresh: boolean): Promise<JSONWebKeySet | undefined> => {
    if (!fromUrl || client.jwksUri === undefined) return client.jwks;
    if (options.jwksSource === undefined) throw fail('jwks', 'the client has a JWKS URL but no JWKS source is configured');
    try {
      return await options.jwksSource.get(client.jwksUri, refresh);
    } catch {
      throw fail('jwks-fetch', 'the JWKS URL of the client could not be read');
    }
  };
  let matches = candidates(await load(false), kid, alg);
  // An unknown kid from a JWKS URL: the client may have rotated keys since we cached them.
  if (matches.length === 0 && fromUrl) matches = candidates(await load(true), kid, alg);
  if (matches.length === 0) throw fail('kid', 'no registered key has this kid and fits the algorithm');
  if (matches.length > 1) throw fail('kid-ambiguous', 'several registered keys have this kid');
  const key = matches[0] as JWK;
  if (hasPrivateMembers(key)) throw fail('key-private', 'the registered key holds private key material');
  return key;
}

function candidates(jwks: JSONWebKeySet | undefined, kid: string, alg: string): JWK[] {
  if (jwks === undefined || !Array.isArray(jwks.keys)) return [];
  const kty = keyTypeFor(alg);
  const crv = curveFor(alg);
  return jwks.keys.filter(
    (k): k is JWK =>
      k !== null &&
      typeof k === 'object' &&
      k.kid === kid &&
      k.kty === kty &&
      (crv === null || k.crv === crv) &&
      (k.alg === undefined || k.alg === alg) &&
      (k.use === undefined || k.use === 'sig'),
  );
}
