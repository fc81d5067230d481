/**
 * The key the server signs its access tokens and id_tokens with: ES256 (P-256 signs and verifies
 * several times faster than P-384 here; clients' own keys may still be RS384 or ES384). Made at
 * start-up, so tokens from an earlier run stop verifying after a restart (a sandbox choice; a
 * production server would load its keys from a key store).
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type CryptoKey } from 'jose';

export const SIGNING_ALG = 'ES256';

export interface ServerKeys {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
  /** The public JWKS published at `/.well-known/jwks.json`. */
  readonly jwks: { readonly keys: readonly JWK[] };
}

export async function createServerKeys(): Promise<ServerKeys> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicKey, kid, jwks: { keys: [{ ...jwk, kid, alg: SIGNING_ALG, use: 'sig' }] } };
}
