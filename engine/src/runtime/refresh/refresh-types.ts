/** The refresh-token runtime's inputs and outputs. */
import type { Evaluator } from '../../evaluate/create-evaluator.js';
import type { TokenClient, TokenDecision, TokenRequest } from '../../evaluate/token-types.js';
import type { Clock } from '../clock.js';
import type { StoredFamily, Store } from '../stores/store-types.js';

export interface RefreshRuntimeOptions {
  readonly store: Store;
  /** The policy (its `decideRefresh` decides narrowing and whether refresh is still allowed). */
  readonly evaluator: Evaluator;
  readonly clock: Clock;
  /**
   * Whether a user session is still live. Given, an `online_access` family is checked at each
   * refresh and ends (revoked, `refresh.session-ended`) once its session is over — however the
   * session ended: signed out, expired, or forgotten by a restart. Without it, online families end
   * only through `endSession`.
   */
  readonly sessionLive?: (userSessionId: string) => boolean | Promise<boolean>;
}

/** Starting a family after an authorization-code decision that issues a refresh token. */
export interface StartFamilyInput {
  /** The token request the decision answered (its client, user, launch). */
  readonly request: TokenRequest;
  /** An `allow` decision whose `refresh.issue` is true. */
  readonly decision: TokenDecision;
  readonly userId: string;
  /** Required for `online_access` families: they end with this session. */
  readonly userSessionId?: string;
  /** The launch-context members the token response carried (replayed at refresh, echoed by introspection). */
  readonly context: Readonly<Record<string, unknown>>;
}

export interface StartedFamily {
  /** The opaque refresh token: give it to the client, never store or log it. */
  readonly refreshToken: string;
  readonly family: StoredFamily;
}

/** A refresh-token grant after client authentication and DPoP verification. */
export interface RefreshInput {
  readonly refreshToken: string;
  /** The client as authenticated (public clients: the `client_id` sent, or the family's own when omitted). */
  readonly client: TokenClient | null;
  /** `scope` as sent (null/undefined = the original grant). */
  readonly requestedScope?: string | null;
  /** Thumbprint of the verified DPoP proof that came with the request. */
  readonly dpopJkt?: string;
  /** Thumbprint of the key a `private_key_jwt` client authenticated with. */
  readonly clientKeyJkt?: string;
}

export interface RefreshResult {
  /** The policy's decision for the new access token (granted scope, context members, token type, lifetime). */
  readonly decision: TokenDecision;
  /** The successor refresh token (absent when the family does not rotate: the old one stays valid). */
  readonly refreshToken?: string;
  readonly family: StoredFamily;
}

/** One row of a "connected apps" page. */
export interface UserGrant {
  readonly familyId: string;
  readonly clientId: string;
  readonly app: string;
  readonly appTitle?: string;
  readonly scope: string;
  readonly mode: 'offline' | 'online';
  readonly since: number;
  readonly lastUsedAt: number;
  /** When it ends unless used or revoked first: min(absolute expiry, last use + idle); null = never. */
  readonly expiresAt: number | null;
  readonly binding: 'dpop' | 'client-key' | 'none';
}
