/** PKCE as SMART profiles it: S256 only; the verifier alphabet and length as a property. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCodeChallenge, isCodeVerifier, OAuthFailure, s256Challenge, verifyCodeVerifier } from '../../../src/runtime/index.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const verifierArb = (min: number, max: number) =>
  fc.array(fc.constantFrom(...ALPHABET), { minLength: min, maxLength: max }).map((chars) => chars.join(''));

function check(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthFailure);
    return `${(error as OAuthFailure).error} ${(error as OAuthFailure).check}`;
  }
  return 'ok';
}

describe('PKCE', () => {
  it('matches the RFC 7636 test vector', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(
      check(() => verifyCodeVerifier('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')),
    ).toBe('ok');
  });

  it('refuses plain and a missing method at the authorization endpoint', () => {
    const challenge = s256Challenge('a'.repeat(43));
    expect(check(() => checkCodeChallenge(challenge, 'plain'))).toBe('invalid_request pkce.method');
    expect(check(() => checkCodeChallenge(challenge, undefined))).toBe('invalid_request pkce.method');
    expect(check(() => checkCodeChallenge('short', 'S256'))).toBe('invalid_request pkce.challenge');
    expect(checkCodeChallenge(challenge, 'S256')).toBe(challenge);
  });

  it('refuses a verifier that does not hash to the challenge', () => {
    expect(check(() => verifyCodeVerifier('b'.repeat(43), s256Challenge('a'.repeat(43))))).toBe('invalid_grant pkce.mismatch');
    expect(check(() => verifyCodeVerifier(undefined, s256Challenge('a'.repeat(43))))).toBe('invalid_grant pkce.verifier-format');
  });

  it('property: 43-128 characters of the unreserved alphabet are verifiers, and verify against their own challenge', () => {
    fc.assert(
      fc.property(verifierArb(43, 128), (v) => {
        expect(isCodeVerifier(v)).toBe(true);
        expect(check(() => verifyCodeVerifier(v, s256Challenge(v)))).toBe('ok');
      }),
      { numRuns: 200 },
    );
  });

  it('property: too short, too long, or any character outside the alphabet is refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          verifierArb(0, 42),
          verifierArb(129, 200),
          fc
            .tuple(
              verifierArb(43, 100),
              fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !ALPHABET.includes(c)),
              fc.nat(),
            )
            .map(([v, c, i]) => v.slice(0, i % v.length) + c + v.slice(i % v.length)),
        ),
        (v) => {
          expect(isCodeVerifier(v)).toBe(false);
          expect(check(() => verifyCodeVerifier(v, s256Challenge(v)))).toBe('invalid_grant pkce.verifier-format');
        },
      ),
      { numRuns: 200 },
    );
  });
});
