/**
 * DPoP proofs (RFC 9449, "Checking DPoP Proofs"): exactly one header, `typ: dpop+jwt`, an
 * asymmetric `alg`, a public `jwk` that verifies the signature, `htm` and `htu` of this request,
 * `iat` within the window, a server nonce when the server demands one, `ath` of the access token
 * at a resource, the bound key's thumbprint, and `jti` never seen before.
 */
import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, importJWK, type JWK } from 'jose';
import { OAuthFailure } from '../oauth-failure.js';
import type { DpopVerifyOptions, VerifiedDpopProof } from './dpop-types.js';
import { DEFAULT_DPOP_ALGORITHMS, hasPrivateMembers, isAsymmetricAlgorithm } from './jose-algorithms.js';
import { numericClaim, readClaims, readHeader, stringClaim } from './jwt-parts.js';

const fail = (id: string, description: string) => new OAuthFailure('invalid_dpop_proof', `dpop.${id}`, `DPoP proof: ${description}`);

/** `htu` compared without query and fragment (RFC 9449), scheme and host case-insensitively. */
export function normalizeHtu(uri: string): string | null {
  try {
    const url = new URL(uri);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

export async function verifyDpopProof(
  header: string | readonly string[] | undefined,
  options: DpopVerifyOptions,
): Promise<VerifiedDpopProof> {
  if (header === undefined || (Array.isArray(header) && header.length === 0)) throw fail('missing', 'no DPoP header');
  if (Array.isArray(header) && header.length > 1) throw fail('multiple', 'more than one DPoP header');
  const proof: unknown = Array.isArray(header) ? header[0] : header;
  const protectedHeader = readHeader(proof);
  if (protectedHeader === null) throw fail('malformed', 'not a compact signed JWT');
  if (protectedHeader.typ !== 'dpop+jwt') throw fail('typ', 'typ must be dpop+jwt');
  const alg = protectedHeader.alg;
  const allowed = options.algorithms ?? DEFAULT_DPOP_ALGORITHMS;
  if (!isAsymmetricAlgorithm(alg) || !allowed.includes(alg)) throw fail('alg', `alg must be one of ${allowed.join(', ')}`);
  const jwk = protectedHeader.jwk;
  if (jwk === undefined || jwk === null || typeof jwk !== 'object') throw fail('jwk', 'the header has no jwk');
  if (hasPrivateMembers(jwk)) throw fail('jwk-private', 'the jwk holds private key material');
  let payload: Uint8Array;
  try {
    payload = (await compactVerify(proof as string, await importJWK(jwk as JWK, alg), { algorithms: [alg] })).payload;
  } catch {
    throw fail('signature', 'the signature does not verify with the embedded jwk');
  }
  const claims = readClaims(payload);
  if (claims === null) throw fail('claims', 'the payload is not a JSON object');
  const jti = stringClaim(claims, 'jti');
  if (jti === undefined || jti.length < 8 || jti.length > 256) throw fail('jti', 'jti is missing');
  if (stringClaim(claims, 'htm') !== options.htm) throw fail('htm', 'htm is not the method of this request');
  const htu = stringClaim(claims, 'htu');
  const expectedHtu = normalizeHtu(options.htu);
  if (htu === undefined || expectedHtu === null || normalizeHtu(htu) !== expectedHtu)
    throw fail('htu', 'htu is not the URI of this request');
  const now = options.clock();
  const window = options.iatWindowSeconds ?? 60;
  const iat = numericClaim(claims, 'iat');
  if (iat === undefined || Math.abs(now - iat) > window) throw fail('iat', `iat is not within ${window} seconds of now`);
  if (options.nonces !== undefined) {
    const nonce = stringClaim(claims, 'nonce');
    if (nonce === undefined || !options.nonces.accepts(nonce)) {
      throw new OAuthFailure('use_dpop_nonce', 'dpop.nonce', 'DPoP proof: use the nonce from the DPoP-Nonce header');
    }
  }
  if (options.accessToken !== undefined) {
    const ath = createHash('sha256').update(options.accessToken, 'ascii').digest('base64url');
    if (stringClaim(claims, 'ath') !== ath) throw fail('ath', 'ath is not the hash of the access token');
  }
  const jkt = await calculateJwkThumbprint(jwk as JWK);
  if (options.expectedJkt !== undefined && jkt !== options.expectedJkt) throw fail('jkt', 'the key is not the one the token is bound to');
  if (!(await options.store.claimOnce('dpop-jti', `${jkt}:${jti}`, now + 2 * window, now)))
    throw fail('jti-replay', 'this proof (jti) was already used');
  return { jkt, jti, iat };
}
