/**
 * Signed bundles. The content hash (`bundle-hash.ts`) is unkeyed: it catches accidents, not an
 * attacker, who can edit a bundle and recompute it. A signed bundle carries a JWS (made with
 * `jose`) over the canonical JSON of the bundle, verified against a configured public key:
 *
 * ```json
 * {"format": "smart-policy-signed-bundle", "version": 1, "bundle": {…}, "signature": "<header>..<signature>"}
 * ```
 *
 * `signature` is a compact JWS with a detached payload (RFC 7515 appendix F): the payload is
 * the canonical JSON of `bundle` (hash included), so any change to the bundle breaks it. The
 * protected header pins `typ: "smart-policy-bundle+jws"`, the key's one algorithm (ES256, ES384,
 * RS256 or EdDSA; never `none` or `HS*`) and the key's JWK thumbprint as `kid`.
 */
import { CompactSign, base64url, calculateJwkThumbprint, decodeProtectedHeader, flattenedVerify } from 'jose';
import type { PolicyBundle } from './bundle-types.js';
import { canonicalJson } from './canonical-json.js';
import { loadBundle, type BundleLoadError, type LoadBundleResult } from './load-bundle.js';
import { BUNDLE_SIGNING_ALGORITHMS, importBundleKey, type BundleKey } from './bundle-keys.js';
import { parseJsonQuietly } from '../io/json-syntax-error.js';

import { BUNDLE_JWS_TYPE, SIGNED_BUNDLE_FORMAT, SIGNED_BUNDLE_VERSION, isSignedBundleEnvelope } from './signed-bundle-format.js';

export { BUNDLE_JWS_TYPE, SIGNED_BUNDLE_FORMAT, SIGNED_BUNDLE_VERSION, isSignedBundleEnvelope };

export interface SignedBundle {
  readonly format: typeof SIGNED_BUNDLE_FORMAT;
  readonly version: typeof SIGNED_BUNDLE_VERSION;
  readonly bundle: PolicyBundle;
  /** Compact JWS with a detached payload: `<protected header>..<signature>`. */
  readonly signature: string;
}

const encoder = new TextEncoder();

/** Signs a bundle with a private key (PEM/JWK text or an imported key). */
export async function signBundle(bundle: PolicyBundle, signingKey: BundleKey | string): Promise<SignedBundle> {
  const key = typeof signingKey === 'string' ? await importBundleKey(signingKey, 'sign') : signingKey;
  if (key.use !== 'sign') throw new TypeError('signBundle needs a private (signing) key');
  const kid = await calculateJwkThumbprint(key.publicJwk);
  const jws = await new CompactSign(encoder.encode(canonicalJson(bundle)))
    .setProtectedHeader({ alg: key.alg, typ: BUNDLE_JWS_TYPE, kid })
    .sign(key.key);
  const [header, , signature] = jws.split('.');
  return { format: SIGNED_BUNDLE_FORMAT, version: SIGNED_BUNDLE_VERSION, bundle, signature: `${header}..${signature}` };
}

export interface VerifyBundleOptions {
  /** The public key (PEM/JWK text or an imported key) the signature must verify against. */
  readonly verifyKey: BundleKey | string;
}

const fail = (path: string, message: string): LoadBundleResult => ({ ok: false, errors: [{ path, message }] });

/**
 * Loads a signed bundle: the signature must verify against `verifyKey` with the key's own
 * algorithm, then the bundle's shape and hash are checked as `loadBundle` does. An unsigned
 * bundle is refused (a verify key means only signed bundles are trusted). Never throws (a
 * key that cannot be used is reported at `$.signature`).
 */
export async function verifyBundle(input: unknown, options: VerifyBundleOptions): Promise<LoadBundleResult> {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJsonQuietly(input);
    if (!parsed.ok) return fail('$', parsed.message);
    value = parsed.value;
  }
  if (!isSignedBundleEnvelope(value)) {
    return fail(
      '$',
      'is not a signed bundle; a verify key is configured, so only bundles signed with its private key are accepted (compile --sign KEY)',
    );
  }
  if (value['version'] !== SIGNED_BUNDLE_VERSION) return fail('$.version', `must be ${SIGNED_BUNDLE_VERSION}`);
  const signature = value['signature'];
  if (typeof signature !== 'string') return fail('$.signature', 'must be a string (a compact JWS with a detached payload)');
  const parts = signature.split('.');
  if (parts.length !== 3 || parts[1] !== '' || parts[0] === '' || parts[2] === '')
    return fail('$.signature', 'must be a compact JWS with a detached payload (<header>..<signature>)');
  let key: BundleKey;
  try {
    key = typeof options.verifyKey === 'string' ? await importBundleKey(options.verifyKey, 'verify') : options.verifyKey;
  } catch (error) {
    return fail('$.signature', `cannot be checked: ${error instanceof Error ? error.message : 'the verify key cannot be used'}`);
  }
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(signature) as Record<string, unknown>;
  } catch {
    return fail('$.signature', 'has a protected header that is not valid base64url JSON');
  }
  const alg = header['alg'];
  if (typeof alg !== 'string' || !(BUNDLE_SIGNING_ALGORITHMS as readonly string[]).includes(alg)) {
    return fail('$.signature', `uses an algorithm that is not allowed (allowed: ${BUNDLE_SIGNING_ALGORITHMS.join(', ')})`);
  }
  if (alg !== key.alg) return fail('$.signature', `uses ${alg}, but the verify key is a ${key.alg} key`);
  if (header['typ'] !== BUNDLE_JWS_TYPE) return fail('$.signature', `must have typ ${BUNDLE_JWS_TYPE}`);
  if (header['crit'] !== undefined || header['b64'] !== undefined) return fail('$.signature', 'must not use crit or b64 header parameters');
  let payload: string;
  try {
    payload = canonicalJson(value['bundle']);
  } catch {
    return fail('$.bundle', 'cannot be serialised canonically');
  }
  try {
    await flattenedVerify({ protected: parts[0] as string, payload: base64url.encode(payload), signature: parts[2] as string }, key.key, {
      algorithms: [key.alg],
    });
  } catch {
    return fail(
      '$.signature',
      'does not verify with the verify key: the bundle was changed after it was signed, or signed with another key',
    );
  }
  const loaded = loadBundle(value['bundle']);
  if (!loaded.ok)
    return { ok: false, errors: loaded.errors.map((e: BundleLoadError) => ({ ...e, path: e.path.replace(/^\$/, '$.bundle') })) };
  return loaded;
}
