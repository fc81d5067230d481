/**
 * Inputs and outputs of client-assertion verification (`private_key_jwt`, RFC 7523 section 3 as
 * SMART profiles it) and of the JWT bearer grant for dynamic instances.
 */
import type { JSONWebKeySet } from 'jose';
import type { Clock } from '../clock.js';
import type { Store } from '../stores/store-types.js';
import type { JwksSource } from './jwks-source.js';

/** A registered confidential-asymmetric client's keys: a JWKS value or URL (or both). */
export interface RegisteredClientKeys {
  readonly clientId: string;
  readonly jwks?: JSONWebKeySet;
  readonly jwksUri?: string;
}

export interface AssertionVerifyOptions {
  /** The token endpoint URL: the only accepted `aud`. */
  readonly tokenEndpoint: string;
  /** Algorithms pinned by the policy (default RS384, ES384); never `none` or HMAC whatever is listed. */
  readonly algorithms?: readonly string[];
  readonly clock: Clock;
  /** Replay cache for `jti` (per client, kept until the assertion expires). */
  readonly store: Store;
  /** Needed when a client has a `jwks_uri`. */
  readonly jwksSource?: JwksSource;
  /** `exp` at most this far ahead (default 300 s). */
  readonly maxLifetimeSeconds?: number;
  /** Tolerated clock difference (default 30 s). */
  readonly clockSkewSeconds?: number;
}

export interface VerifiedAssertion {
  readonly clientId: string;
  readonly alg: string;
  readonly kid: string;
  /** RFC 7638 thumbprint of the key that verified (a `client-key` binding). */
  readonly jkt: string;
  readonly jti: string;
  readonly exp: number;
}
