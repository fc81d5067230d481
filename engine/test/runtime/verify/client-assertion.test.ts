/**
 * Attack cases for `private_key_jwt`: every check broken one at a time fails with
 * `invalid_client`, names the check, and never echoes the assertion.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore, OAuthFailure, type RegisteredClientKeys, verifyClientAssertion } from '../../../src/runtime/index.js';
import { b64, signAssertion, type TestKey, testKey } from './keys.js';

const NOW = 1_800_000_000;
const AUD = 'https://as.example.org/token';
const CLIENT = 'backend-1';
const JWKS_URI = 'https://client.example.org/jwks.json';

let es384: TestKey;
let rs384: TestKey;
let rs256: TestKey;
let other: TestKey;
let client: RegisteredClientKeys;

beforeAll(async () => {
  [es384, rs384, rs256] = await Promise.all([testKey('ES384'), testKey('RS384'), testKey('RS256')]);
  other = await testKey('ES384', es384.publicJwk.kid);
  client = { clientId: CLIENT, jwks: { keys: [es384.publicJwk, rs384.publicJwk, rs256.publicJwk] } };
});

const options = () => ({ tokenEndpoint: AUD, clock: () => NOW, store: createMemoryStore() });

async function failure(assertion: unknown, keys: RegisteredClientKeys = client, opts = options()): Promise<OAuthFailure> {
  try {
    await verifyClientAssertion(assertion, keys, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthFailure);
    const f = error as OAuthFailure;
    expect(f.error).toBe('invalid_client');
    expect(f.status).toBe(401);
    if (typeof assertion === 'string') {
      for (const part of assertion.split('.')) if (part.length > 8) expect(f.description).not.toContain(part);
    }
    return f;
  }
  throw new Error('the assertion was accepted');
}

describe('client assertions (private_key_jwt)', () => {
  it('accepts ES384 and RS384 assertions and reports the key thumbprint', async () => {
    for (const key of [es384, rs384]) {
      const verified = await verifyClientAssertion(await signAssertion(key, CLIENT, AUD, NOW), client, options());
      expect(verified).toMatchObject({ clientId: CLIENT, alg: key.alg, kid: key.publicJwk.kid, jkt: key.jkt });
    }
  });

  it('refuses alg none', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT', kid: es384.publicJwk.kid })}.${b64({ iss: CLIENT, sub: CLIENT, aud: AUD, exp: NOW + 60, jti: 'j' })}.`;
    expect((await failure(unsigned)).check).toBe('assertion.alg-none');
  });

  it('refuses HMAC keyed with the public key (algorithm confusion)', async () => {
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: rs384.publicJwk.kid })}.${b64({ iss: CLIENT, sub: CLIENT, aud: AUD, exp: NOW + 60, jti: 'j' })}`;
    const mac = createHmac('sha256', JSON.stringify(rs384.publicJwk)).update(signingInput).digest('base64url');
    expect((await failure(`${signingInput}.${mac}`)).check).toBe('assertion.alg-hmac');
  });

  it('refuses an algorithm the policy does not pin', async () => {
    expect((await failure(await signAssertion(rs256, CLIENT, AUD, NOW))).check).toBe('assertion.alg');
  });

  it.each([
    ['typ', { omitHeader: ['typ'] }],
    ['typ', { header: { typ: 'dpop+jwt' } }],
    ['kid', { omitHeader: ['kid'] }],
    ['kid', { header: { kid: 'unknown-kid' } }],
    ['jku', { header: { jku: 'https://attacker.example/jwks.json' } }],
    ['iss', { claims: { iss: 'someone-else' } }],
    ['iss', { omit: ['iss'] }],
    ['sub', { claims: { sub: 'someone-else' } }],
    ['aud', { claims: { aud: 'https://as.example.org/other' } }],
    ['aud', { omit: ['aud'] }],
    ['exp', { omit: ['exp'] }],
    ['expired', { claims: { exp: NOW - 60 } }],
    ['exp-too-far', { claims: { exp: NOW + 600 } }],
    ['nbf', { claims: { nbf: NOW + 120 } }],
    ['iat', { claims: { iat: NOW + 120 } }],
    ['jti', { omit: ['jti'] }],
  ] as const)('names the failed check: %s', async (check, parts) => {
    expect((await failure(await signAssertion(es384, CLIENT, AUD, NOW, parts as never))).check).toBe(`assertion.${check}`);
  });

  it('refuses a kid whose key type does not fit the algorithm', async () => {
    const assertion = await signAssertion(rs384, CLIENT, AUD, NOW, { header: { kid: es384.publicJwk.kid } });
    expect((await failure(assertion)).check).toBe('assertion.kid');
  });

  it('refuses a kid shared by two registered keys of the type', async () => {
    const twice = { clientId: CLIENT, jwks: { keys: [es384.publicJwk, other.publicJwk] } };
    expect((await failure(await signAssertion(es384, CLIENT, AUD, NOW), twice)).check).toBe('assertion.kid-ambiguous');
  });

  it('refuses a signature by another key with the same kid', async () => {
    expect((await failure(await signAssertion(other, CLIENT, AUD, NOW))).check).toBe('assertion.signature');
  });

  it('refuses a replayed jti for the same client, until the assertion expires', async () => {
    const opts = options();
    const assertion = await signAssertion(es384, CLIENT, AUD, NOW);
    await verifyClientAssertion(assertion, client, opts);
    expect((await failure(assertion, client, opts)).check).toBe('assertion.jti-replay');
  });

  it('refuses malformed input without reading it', async () => {
    for (const bad of [undefined, 42, '', 'a.b', 'x'.repeat(9000), 'a.b.c.d', '{"alg":"none"}']) {
      expect((await failure(bad)).check).toBe('assertion.malformed');
    }
  });

  it('uses jku only when it equals the registered JWKS URL', async () => {
    const fetched: string[] = [];
    const byUrl = { clientId: CLIENT, jwksUri: JWKS_URI };
    const jwksSource = {
      get: async (url: string) => {
        fetched.push(url);
        return { keys: [es384.publicJwk] };
      },
    };
    const assertion = await signAssertion(es384, CLIENT, AUD, NOW, { header: { jku: JWKS_URI } });
    await expect(verifyClientAssertion(assertion, byUrl, { ...options(), jwksSource })).resolves.toMatchObject({ clientId: CLIENT });
    expect(fetched).toEqual([JWKS_URI]);
    const elsewhere = await signAssertion(es384, CLIENT, AUD, NOW, { header: { jku: 'https://client.example.org/other.json' } });
    expect((await failure(elsewhere, byUrl, { ...options(), jwksSource } as never)).check).toBe('assertion.jku');
    expect(fetched).toEqual([JWKS_URI]);
  });

  it('refuses registered keys that hold private parts', async () => {
    const leaky = { clientId: CLIENT, jwks: { keys: [{ ...es384.publicJwk, d: 'AAAA' }] } };
    expect((await failure(await signAssertion(es384, CLIENT, AUD, NOW), leaky)).check).toBe('assertion.key-private');
  });

  it('property: any iss, sub or aud other than the expected one is refused by that check', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('iss', 'sub', 'aud'), fc.string({ minLength: 1, maxLength: 40 }), async (claim, value) => {
        fc.pre(value !== CLIENT && value !== AUD);
        const f = await failure(await signAssertion(es384, CLIENT, AUD, NOW, { claims: { [claim]: value } }));
        expect(f.check).toBe(`assertion.${claim}`);
      }),
      { numRuns: 25 },
    );
  });

  it('property: exp is accepted exactly when it is in the future and at most 5 minutes (plus skew) ahead', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -400, max: 800 }), async (offset) => {
        const assertion = await signAssertion(es384, CLIENT, AUD, NOW, { claims: { exp: NOW + offset } });
        const ok = offset > -30 && offset <= 330;
        const result = await verifyClientAssertion(assertion, client, options()).then(
          () => true,
          () => false,
        );
        expect(result).toBe(ok);
      }),
      { numRuns: 30 },
    );
  });
});
