/** DPoP proof verification (RFC 9449): inputs and result. */
import type { Clock } from '../clock.js';
import type { Store } from '../stores/store-types.js';

export interface DpopNonceSource {
  /** A fresh nonce to send in `DPoP-Nonce`. */
  issue(): string;
  /** True when `nonce` is one this server issued and still accepts. */
  accepts(nonce: string): boolean;
}

export interface DpopVerifyOptions {
  /** The request's method and target URI (without query and fragment). */
  readonly htm: string;
  readonly htu: string;
  readonly clock: Clock;
  readonly store: Store;
  /** Accepted algorithms (default ES256, ES384, RS256, RS384, PS256, EdDSA). */
  readonly algorithms?: readonly string[];
  /** `iat` may be this far from now (default 60 s either way). */
  readonly iatWindowSeconds?: number;
  /** When given, proofs must carry a nonce it accepts (else `use_dpop_nonce`). */
  readonly nonces?: DpopNonceSource;
  /** At a resource server: the access token, whose hash `ath` must carry. */
  readonly accessToken?: string;
  /** The thumbprint the token is bound to: the proof's key must match. */
  readonly expectedJkt?: string;
}

export interface VerifiedDpopProof {
  readonly jkt: string;
  readonly jti: string;
  readonly iat: number;
}
