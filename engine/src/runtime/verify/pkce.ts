/**
 * PKCE as SMART profiles it (RFC 7636, SMART App Launch "PKCE"): `S256` only, `plain` and a
 * missing method refused; the verifier is 43–128 characters of the unreserved alphabet.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { OAuthFailure } from '../oauth-failure.js';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isCodeVerifier(value: unknown): value is string {
  return typeof value === 'string' && VERIFIER.test(value);
}

/** BASE64URL-NOPAD(SHA-256(ASCII(verifier))). */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** At the authorization endpoint: the challenge and method an authorization request must carry. */
export function checkCodeChallenge(challenge: unknown, method: unknown): string {
  if (method !== 'S256') {
    throw new OAuthFailure('invalid_request', 'pkce.method', 'code_challenge_method must be S256 (plain is not supported)');
  }
  if (typeof challenge !== 'string' || !CHALLENGE.test(challenge)) {
    throw new OAuthFailure('invalid_request', 'pkce.challenge', 'code_challenge must be 43 base64url characters (S256)');
  }
  return challenge;
}

/** At the token endpoint: the verifier must hash to the stored challenge (constant time). */
export function verifyCodeVerifier(verifier: unknown, challenge: string): void {
  if (!isCodeVerifier(verifier)) {
    throw new OAuthFailure('invalid_grant', 'pkce.verifier-format', 'code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~');
  }
  const actual = Buffer.from(s256Challenge(verifier));
  const expected = Buffer.from(challenge);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new OAuthFailure('invalid_grant', 'pkce.mismatch', 'code_verifier does not match the code_challenge');
  }
}
