/**
 * Signed bundles: a JWS over the canonical bundle, verified against a public key with the key's
 * one algorithm. The unkeyed hash alone cannot stop someone who edits a bundle and recomputes it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { CompactSign, base64url, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  computeBundleHash,
  importBundleKey,
  loadBundle,
  signBundle,
  verifyBundle,
  type PolicyBundle,
  type SignedBundle,
} from '../../src/compile/index.js';
import { compilePolicyFile } from '../../src/node/index.js';
import { POLICIES_DIR } from './policy-entries.js';

const compiled = compilePolicyFile(join(POLICIES_DIR, 'patient-portal/portal.smartpolicy')).bundle as PolicyBundle;

interface KeyFiles {
  readonly privatePem: string;
  readonly publicPem: string;
  readonly privateJwk: string;
  readonly publicJwk: string;
}

async function keyFiles(alg: 'ES256' | 'ES384' | 'RS256' | 'EdDSA'): Promise<KeyFiles> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return {
    privatePem: await exportPKCS8(privateKey),
    publicPem: await exportSPKI(publicKey),
    privateJwk: JSON.stringify(await exportJWK(privateKey)),
    publicJwk: JSON.stringify(await exportJWK(publicKey)),
  };
}

/** Flips every deny to allow and recomputes the (unkeyed) hash: what an attacker would do. */
function flipDenies(bundle: PolicyBundle): PolicyBundle {
  const grants = bundle.grants.map((g) => ({ ...g, effect: 'allow' as const }));
  const { hash: _old, ...rest } = { ...bundle, grants };
  return { ...rest, hash: computeBundleHash(rest) } as PolicyBundle;
}

describe('signed bundles', () => {
  for (const alg of ['ES256', 'ES384', 'RS256', 'EdDSA'] as const) {
    it(`signs and verifies with ${alg}, from PEM and from JWK`, async () => {
      const keys = await keyFiles(alg);
      for (const [signWith, verifyWith] of [
        [keys.privatePem, keys.publicPem],
        [keys.privateJwk, keys.publicJwk],
        [keys.privatePem, keys.publicJwk],
      ] as const) {
        const signed = await signBundle(compiled, signWith);
        expect(signed.signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
        const text = JSON.stringify(signed);
        const result = await verifyBundle(text, { verifyKey: verifyWith });
        expect(result.ok, alg).toBe(true);
        if (result.ok) expect(result.bundle).toEqual(compiled);
      }
    });
  }

  it('refuses a signed bundle whose denies were flipped to allows and whose hash was recomputed', async () => {
    const keys = await keyFiles('ES256');
    const signed = await signBundle(compiled, keys.privatePem);
    expect(compiled.grants.some((g) => g.effect === 'deny')).toBe(true);
    const tampered = { ...signed, bundle: flipDenies(signed.bundle) };
    expect(loadBundle(tampered.bundle).ok).toBe(true); // the hash alone is fooled
    const result = await verifyBundle(JSON.stringify(tampered), { verifyKey: keys.publicPem });
    expect(result).toMatchObject({ ok: false, errors: [{ path: '$.signature' }] });
  });

  it('refuses an unsigned bundle, a bundle signed with another key, and a signature of another bundle', async () => {
    const keys = await keyFiles('ES256');
    const other = await keyFiles('ES256');
    const unsigned = await verifyBundle(JSON.stringify(compiled), { verifyKey: keys.publicPem });
    expect(unsigned).toMatchObject({ ok: false, errors: [{ path: '$' }] });
    if (!unsigned.ok) expect(unsigned.errors[0]?.message).toMatch(/not a signed bundle/);
    const byOther = await signBundle(compiled, other.privatePem);
    expect((await verifyBundle(byOther, { verifyKey: keys.publicPem })).ok).toBe(false);
    const otherBundle = flipDenies(compiled);
    const signedOther = await signBundle(otherBundle, keys.privatePem);
    const mixed: SignedBundle = { ...(await signBundle(compiled, keys.privatePem)), signature: signedOther.signature };
    expect((await verifyBundle(mixed, { verifyKey: keys.publicPem })).ok).toBe(false);
  });

  it("pins the algorithm: 'none', HS256 with the public key as secret, and an algorithm other than the key's are refused", async () => {
    const keys = await keyFiles('RS256');
    const payload = new TextEncoder().encode(canonicalJson(compiled));
    const header = (h: object): string => base64url.encode(JSON.stringify(h));
    const none = {
      format: 'smart-policy-signed-bundle',
      version: 1,
      bundle: compiled,
      signature: `${header({ alg: 'none', typ: 'smart-policy-bundle+jws' })}..`,
    };
    expect((await verifyBundle(none, { verifyKey: keys.publicPem })).ok).toBe(false);
    const secret = new TextEncoder().encode(keys.publicPem);
    const hs = await new CompactSign(payload).setProtectedHeader({ alg: 'HS256', typ: 'smart-policy-bundle+jws' }).sign(secret);
    const [h, , s] = hs.split('.');
    const hsResult = await verifyBundle(
      { format: 'smart-policy-signed-bundle', version: 1, bundle: compiled, signature: `${h}..${s}` },
      { verifyKey: keys.publicPem },
    );
    expect(hsResult).toMatchObject({ ok: false, errors: [{ path: '$.signature' }] });
    if (!hsResult.ok) expect(hsResult.errors[0]?.message).toMatch(/not allowed/);
    const es = await keyFiles('ES256');
    const signedEs = await signBundle(compiled, es.privatePem);
    const wrongAlg = await verifyBundle(signedEs, { verifyKey: keys.publicPem });
    expect(wrongAlg.ok).toBe(false);
    if (!wrongAlg.ok) expect(wrongAlg.errors[0]?.message).toMatch(/ES256.*RS256/);
  });

  it('refuses unusable keys in words, never quoting them', async () => {
    const keys = await keyFiles('EdDSA');
    const attempts: [string, 'sign' | 'verify', RegExp][] = [
      [keys.privatePem, 'verify', /private key/],
      [keys.publicPem, 'sign', /must be a private key/],
      [JSON.stringify({ kty: 'oct', k: 'c2VjcmV0LXNlY3JldA' }), 'verify', /symmetric/],
      ['not a key at all: SECRET-7f3a', 'verify', /neither a PEM key nor a JWK/],
      ['{"kty": "EC", SECRET-7f3a', 'verify', /not valid JSON/],
      [keys.publicJwk.replace('"kty"', '"alg":"HS256","kty"'), 'verify', /does not fit its key/],
    ];
    for (const [text, use, message] of attempts) {
      const error = await importBundleKey(text, use).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, text.slice(0, 30)).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('SECRET');
      expect((error as Error).message).not.toContain(keys.publicPem.split('\n')[1]);
    }
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(importBundleKey(small, 'verify')).rejects.toThrow(/2048/);
    const p521 = generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expect(importBundleKey(p521, 'verify')).rejects.toThrow(/unsupported curve/);
  });

  it('loads a signed bundle without a key by its hash (the signature is then not checked)', async () => {
    const keys = await keyFiles('ES256');
    const signed = await signBundle(compiled, keys.privateJwk);
    expect(loadBundle(JSON.stringify(signed))).toMatchObject({ ok: true });
    const tampered = { ...signed, bundle: { ...signed.bundle, grants: [] } };
    expect(loadBundle(tampered)).toMatchObject({ ok: false, errors: [{ path: '$.bundle.hash' }] });
  });

  it('property: any change to a signed bundle, at any JSON path, is refused', async () => {
    const keys = await keyFiles('ES256');
    const key = await importBundleKey(keys.publicPem, 'verify');
    const signed = await signBundle(compiled, await importBundleKey(keys.privatePem, 'sign'));
    const paths = leafPaths(signed.bundle);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: paths.length - 1 }),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean()),
        async (index, replacement) => {
          const path = paths[index] as (string | number)[];
          const copy = JSON.parse(JSON.stringify(signed.bundle)) as Record<string, unknown>;
          const before = canonicalJson(copy);
          setAt(copy, path, replacement);
          if (canonicalJson(copy) === before) return; // no change
          const result = await verifyBundle({ ...signed, bundle: copy }, { verifyKey: key });
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });
});

function leafPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  } else out.push(path);
  return out;
}

function setAt(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}
