/** DPoP proofs (RFC 9449): every check broken one at a time; nonces; replay. */
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDpopNonces, createMemoryStore, type DpopVerifyOptions, OAuthFailure, verifyDpopProof } from '../../../src/runtime/index.js';
import { b64, type TestKey, testKey } from './keys.js';

const NOW = 1_800_000_000;
const HTU = 'https://as.example.org/token';
let key: TestKey;
let other: TestKey;

beforeAll(async () => {
  [key, other] = await Promise.all([testKey('ES256'), testKey('ES256')]);
});

interface ProofParts {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  omit?: string[];
  signer?: TestKey;
}

async function proof(parts: ProofParts = {}): Promise<string> {
  const claims: Record<string, unknown> = { jti: randomBytes(12).toString('base64url'), htm: 'POST', htu: HTU, iat: NOW, ...parts.claims };
  for (const name of parts.omit ?? []) delete claims[name];
  const { kid: _kid, ...jwk } = key.publicJwk;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk, ...parts.header } as { alg: string })
    .sign((parts.signer ?? key).privateKey);
}

const options = (extra: Partial<DpopVerifyOptions> = {}): DpopVerifyOptions => ({
  htm: 'POST',
  htu: HTU,
  clock: () => NOW,
  store: createMemoryStore(),
  ...extra,
});

async function failure(header: string | string[] | undefined, opts = options()): Promise<OAuthFailure> {
  try {
    await verifyDpopProof(header, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthFailure);
    const f = error as OAuthFailure;
    if (typeof header === 'string') for (const part of header.split('.')) if (part.length > 8) expect(f.description).not.toContain(part);
    return f;
  }
  throw new Error('the proof was accepted');
}

describe('DPoP proofs', () => {
  it('accepts a valid proof and gives the key thumbprint', async () => {
    await expect(verifyDpopProof(await proof(), options())).resolves.toMatchObject({ jkt: key.jkt, iat: NOW });
  });

  it('ignores query and fragment of htu', async () => {
    await expect(verifyDpopProof(await proof({ claims: { htu: `${HTU}?x=1#f` } }), options())).resolves.toMatchObject({ jkt: key.jkt });
  });

  it.each([
    ['missing', undefined],
    ['multiple', 'two'],
  ] as const)('refuses a %s header', async (check, kind) => {
    const header = kind === undefined ? undefined : [await proof(), await proof()];
    const f = await failure(header);
    expect([f.error, f.check]).toEqual(['invalid_dpop_proof', `dpop.${check}`]);
  });

  it.each([
    ['typ', { header: { typ: 'JWT' } }],
    ['jwk', { header: { jwk: undefined } }],
    ['jwk-private', { header: { jwk: { ...{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }, d: 'secret' } } }],
    ['signature', { signer: 'other' }],
    ['jti', { omit: ['jti'] }],
    ['htm', { claims: { htm: 'GET' } }],
    ['htu', { claims: { htu: 'https://as.example.org/other' } }],
    ['htu', { omit: ['htu'] }],
    ['iat', { claims: { iat: NOW - 120 } }],
    ['iat', { claims: { iat: NOW + 120 } }],
    ['iat', { omit: ['iat'] }],
  ] as const)('names the failed check: %s', async (check, parts) => {
    const p = parts as Omit<ProofParts, 'signer'> & { signer?: string };
    const { signer, ...rest } = p;
    const f = await failure(await proof(signer === 'other' ? { ...rest, signer: other } : rest));
    expect([f.error, f.check]).toEqual(['invalid_dpop_proof', `dpop.${check}`]);
  });

  it('refuses alg none and HMAC', async () => {
    const { kid: _kid, ...jwk } = key.publicJwk;
    const payload = b64({ jti: 'abcdefghij', htm: 'POST', htu: HTU, iat: NOW });
    expect((await failure(`${b64({ alg: 'none', typ: 'dpop+jwt', jwk })}.${payload}.`)).check).toBe('dpop.alg');
    expect((await failure(`${b64({ alg: 'HS256', typ: 'dpop+jwt', jwk })}.${payload}.c2ln`)).check).toBe('dpop.alg');
  });

  it('demands a server nonce when nonces are on, and accepts one it issued', async () => {
    const nonces = createDpopNonces({ secret: randomBytes(32), clock: () => NOW });
    const f = await failure(await proof(), options({ nonces }));
    expect([f.error, f.check, f.status]).toEqual(['use_dpop_nonce', 'dpop.nonce', 400]);
    expect((await failure(await proof({ claims: { nonce: `${NOW.toString(36)}.forged` } }), options({ nonces }))).error).toBe(
      'use_dpop_nonce',
    );
    await expect(verifyDpopProof(await proof({ claims: { nonce: nonces.issue() } }), options({ nonces }))).resolves.toBeTruthy();
  });

  it('nonces expire and are accepted by another process sharing the secret', () => {
    const secret = randomBytes(32);
    let now = NOW;
    const a = createDpopNonces({ secret, clock: () => now, lifetimeSeconds: 60 });
    const b = createDpopNonces({ secret, clock: () => now, lifetimeSeconds: 60 });
    const nonce = a.issue();
    expect(b.accepts(nonce)).toBe(true);
    expect(createDpopNonces({ secret: randomBytes(32), clock: () => now }).accepts(nonce)).toBe(false);
    now += 61;
    expect(b.accepts(nonce)).toBe(false);
  });

  it('checks ath against the access token at a resource', async () => {
    const accessToken = 'eyJ.access.token';
    const ath = createHash('sha256').update(accessToken).digest('base64url');
    await expect(verifyDpopProof(await proof({ claims: { ath } }), options({ accessToken }))).resolves.toBeTruthy();
    expect((await failure(await proof({ claims: { ath: 'wrong' } }), options({ accessToken }))).check).toBe('dpop.ath');
    expect((await failure(await proof(), options({ accessToken }))).check).toBe('dpop.ath');
  });

  it('checks the bound key thumbprint', async () => {
    expect((await failure(await proof(), options({ expectedJkt: other.jkt }))).check).toBe('dpop.jkt');
  });

  it('refuses a replayed proof', async () => {
    const opts = options();
    const p = await proof();
    await verifyDpopProof(p, opts);
    expect((await failure(p, opts)).check).toBe('dpop.jti-replay');
  });
});
