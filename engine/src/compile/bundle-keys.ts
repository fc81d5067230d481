/**
 * Keys that sign and verify policy bundles: a PEM (PKCS#8/SEC1/PKCS#1 private, SPKI public) or a
 * JWK, read into a WebCrypto key for `jose` with its algorithm fixed by the key itself. Only
 * asymmetric algorithms are allowed (ES256, ES384, RS256, EdDSA): never `none`, never an HMAC
 * (`HS*`), whose "public" key would also be the signing key. Messages never quote key material.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { importJWK, type CryptoKey, type JWK } from 'jose';

/** The algorithms a bundle signature may use. */
export const BUNDLE_SIGNING_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'EdDSA'] as const;
export type BundleSigningAlgorithm = (typeof BUNDLE_SIGNING_ALGORITHMS)[number];

/** A key ready for signing or verifying, with the one algorithm it is used with. */
export interface BundleKey {
  readonly use: 'sign' | 'verify';
  readonly alg: BundleSigningAlgorithm;
  readonly key: CryptoKey;
  /** The public JWK (for the `kid` thumbprint). */
  readonly publicJwk: JWK;
}

/** A key file that cannot be used; the message says why, without its content. */
export class BundleKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleKeyError';
  }
}

const MIN_RSA_BITS = 2048;

function algorithmOf(key: KeyObject): BundleSigningAlgorithm {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'ec') {
    if (details.namedCurve === 'prime256v1') return 'ES256';
    if (details.namedCurve === 'secp384r1') return 'ES384';
    throw new BundleKeyError('the EC key is on an unsupported curve (use P-256 for ES256 or P-384 for ES384)');
  }
  if (type === 'rsa') {
    if ((details.modulusLength ?? 0) < MIN_RSA_BITS) throw new BundleKeyError(`the RSA key is shorter than ${MIN_RSA_BITS} bits`);
    return 'RS256';
  }
  if (type === 'ed25519') return 'EdDSA';
  throw new BundleKeyError(`the key type is not allowed for bundle signatures (allowed: ${BUNDLE_SIGNING_ALGORITHMS.join(', ')})`);
}

function parseJwk(text: string): JWK {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new BundleKeyError('the key file starts with "{" but is not valid JSON (expected a JWK)');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BundleKeyError('the JWK must be a JSON object');
  const jwk = value as JWK;
  if (jwk.kty === 'oct')
    throw new BundleKeyError('symmetric (oct / HS*) keys are not allowed for bundle signatures; use an EC, RSA or Ed25519 key');
  if (jwk.kty !== 'EC' && jwk.kty !== 'RSA' && jwk.kty !== 'OKP') throw new BundleKeyError('the JWK must have kty EC, RSA or OKP');
  return jwk;
}

/** Reads a key file's text (PEM or JWK) into a key for `use`. Throws BundleKeyError. */
export async function importBundleKey(text: string, use: 'sign' | 'verify'): Promise<BundleKey> {
  const trimmed = text.trim();
  const isJwk = trimmed.startsWith('{');
  const jwk = isJwk ? parseJwk(trimmed) : undefined;
  const isPrivate = jwk !== undefined ? 'd' in jwk : /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed);
  if (use === 'verify' && isPrivate)
    throw new BundleKeyError('the verify key is a private key; give the public key (keep the private key with whoever signs)');
  if (use === 'sign' && !isPrivate) throw new BundleKeyError('the signing key must be a private key (PKCS#8 PEM or a JWK with "d")');
  if (!isJwk && !/^-----BEGIN [A-Z0-9 ]+-----/.test(trimmed)) throw new BundleKeyError('the key file is neither a PEM key nor a JWK');
  let keyObject: KeyObject;
  try {
    const input = jwk !== undefined ? { key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' as const } : trimmed;
    keyObject = use === 'sign' ? createPrivateKey(input) : createPublicKey(input);
  } catch {
    throw new BundleKeyError(`the key file cannot be read as a ${use === 'sign' ? 'private' : 'public'} key`);
  }
  const alg = algorithmOf(keyObject);
  if (jwk?.alg !== undefined && jwk.alg !== alg)
    throw new BundleKeyError(`the JWK says alg ${String(jwk.alg).slice(0, 16)}, which does not fit its key (expected ${alg})`);
  const exported = keyObject.export({ format: 'jwk' }) as JWK;
  const publicJwk = (use === 'sign' ? createPublicKey(keyObject) : keyObject).export({ format: 'jwk' }) as JWK;
  const key = await importJWK({ ...exported, alg }, alg, { extractable: false });
  if (key instanceof Uint8Array) throw new BundleKeyError('symmetric keys are not allowed for bundle signatures');
  return { use, alg, key, publicJwk };
}
