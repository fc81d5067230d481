/** Trusted dynamic client registration (persistent access for public apps): inputs and outputs. */
import type { BundleRegistrationPolicy } from '../../compile/bundle-types.js';
import type { Clock } from '../clock.js';
import type { ClientInstanceRecord, Store } from '../stores/store-types.js';

/** What the server knows about the initial access token presented as `Authorization: Bearer`. */
export interface InitialAccessToken {
  /** The token's id (`jti`): consumed once. */
  readonly jti: string;
  /** The static public client the token was issued to. */
  readonly clientId: string;
  readonly userId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** The granted scope string (must hold `system/DynamicClient.register`). */
  readonly scope: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly launch?: 'ehr' | 'standalone';
  /** The app class of the base client. */
  readonly app: string;
}

export interface RegistrationOptions {
  readonly store: Store;
  readonly clock: Clock;
  /** The policy's registration rule for the base client's app class. */
  readonly policy: BundleRegistrationPolicy;
  /** `software_id` → the one static client id it pairs with (1:1). */
  readonly softwareClients: ReadonlyMap<string, string>;
  /** Makes the new client id (default: 128 random bits, base64url). */
  readonly newClientId?: () => string;
}

/** The RFC 7591 response body (HTTP 201). */
export interface RegistrationResponse {
  readonly client_id: string;
  readonly client_id_issued_at: number;
  readonly token_endpoint_auth_method: 'none';
  readonly grant_types: readonly ['urn:ietf:params:oauth:grant-type:jwt-bearer'];
  readonly software_id: string;
  readonly jwks: ClientInstanceRecord['jwks'];
  readonly scope: string;
  readonly client_id_expires_at?: number;
}

export interface RegistrationResult {
  readonly response: RegistrationResponse;
  readonly instance: ClientInstanceRecord;
}
