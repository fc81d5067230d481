/**
 * Which JWS algorithms the runtime ever accepts, and which key type each needs: asymmetric only,
 * so `none` and HMAC (an HMAC keyed with a public key is the classic confusion attack) are
 * refused before any key is touched, whatever a caller's list says.
 */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

export const DEFAULT_ASSERTION_ALGORITHMS: readonly string[] = ['RS384', 'ES384'];
export const DEFAULT_DPOP_ALGORITHMS: readonly string[] = ['ES256', 'ES384', 'RS256', 'RS384', 'PS256', 'EdDSA', 'Ed25519'];

const ASYMMETRIC: ReadonlySet<string> = new Set(ASYMMETRIC_ALGORITHMS);

export function isAsymmetricAlgorithm(alg: unknown): alg is string {
  return typeof alg === 'string' && ASYMMETRIC.has(alg);
}

/** The JWK `kty` an algorithm needs. */
export function keyTypeFor(alg: string): 'RSA' | 'EC' | 'OKP' | null {
  if (alg.startsWith('RS') || alg.startsWith('PS')) return 'RSA';
  if (alg.startsWith('ES')) return 'EC';
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'OKP';
  return null;
}

/** The EC curve an ES algorithm needs. */
export function curveFor(alg: string): string | null {
  return alg === 'ES256' ? 'P-256' : alg === 'ES384' ? 'P-384' : alg === 'ES512' ? 'P-521' : null;
}

/** JWK members that only private (or symmetric) keys have. */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export function hasPrivateMembers(jwk: object): boolean {
  return PRIVATE_JWK_MEMBERS.some((m) => Object.hasOwn(jwk, m));
}
