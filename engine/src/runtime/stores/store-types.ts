/**
 * The one store interface every runtime store implements (memory, SQLite, Redis, PostgreSQL).
 * Everything that must hold across processes goes through it: refresh-token families and their
 * token hashes, replay caches (assertion `jti`, DPoP `jti`, initial access tokens, device keys),
 * dynamic client instances and reminder logs. Times are epoch seconds from an injected clock;
 * refresh tokens are only ever stored as SHA-256 hashes (hex).
 */
import type { JSONWebKeySet } from 'jose';
import type { ClientType, UserType } from '../../compile/bundle-types.js';

export type StoreKind = 'memory' | 'sqlite' | 'redis' | 'postgres';

/** What a family's refresh tokens are bound to: a DPoP key or the client's own authentication key (RFC 7638 thumbprint). */
export interface FamilyBinding {
  readonly kind: 'dpop' | 'client-key' | 'none';
  /** Present unless `kind` is `none`. */
  readonly jkt?: string;
}

/**
 * One user's grant to one client instance: fixed when the grant is made. The mutable state
 * (`FamilyState`) is kept beside it.
 */
export interface RefreshFamilyRecord {
  /** Random, 128 bits, base64url; refresh tokens carry it so a store finds the family without a scan. */
  readonly id: string;
  readonly userId: string;
  readonly clientId: string;
  /** The client's type and authentication method at the grant, for the policy's decision at refresh. */
  readonly clientType: ClientType;
  readonly authMethod: string;
  readonly softwareId?: string;
  readonly registration?: 'static' | 'trusted-dynamic';
  readonly userType: UserType;
  /** The policy's app class (its name) and title, for "connected apps" pages and reminders. */
  readonly app: string;
  readonly appTitle?: string;
  /** `online` families end with this session (`endSession`); null for `offline`. */
  readonly userSessionId: string | null;
  readonly mode: 'offline' | 'online';
  /** The scope of the grant (the original token response's `scope`; RFC 6749 keeps it at refresh). */
  readonly scope: string;
  /** Launch-context members the token response carried (`patient`, `encounter`, `fhirContext`, …), replayed at refresh. */
  readonly context: Readonly<Record<string, unknown>>;
  /** How the app was launched (`ehr` / `standalone`), for the policy's conditions at refresh. */
  readonly launch?: 'ehr' | 'standalone';
  readonly binding: FamilyBinding;
  readonly createdAt: number;
  /** Absolute expiry (createdAt + policy lifetime); null = until revoked. */
  readonly expiresAt: number | null;
  /** Idle timeout in seconds; null = none. */
  readonly idleSeconds: number | null;
  readonly rotate: 'every-use' | 'never';
  readonly reuse: 'revoke-grant' | 'reject';
  /** A rotated-out token presented within this many seconds of its rotation is refused without revoking (a concurrent retry). */
  readonly graceSeconds: number;
  readonly remindEvery: number | null;
  readonly reminderCap: { readonly count: number; readonly perSeconds: number } | null;
}

export interface FamilyState {
  readonly lastUsedAt: number;
  readonly revokedAt: number | null;
  /** Why it was revoked: `reuse`, `user`, `client`, `session-ended`, `admin`. */
  readonly revokedReason: string | null;
  readonly lastRemindedAt: number | null;
  /** Number of rotations so far. */
  readonly generation: number;
}

export type StoredFamily = RefreshFamilyRecord & FamilyState;

export interface RotateRequest {
  readonly familyId: string;
  /** SHA-256 (hex) of the presented refresh token. */
  readonly presentedHash: string;
  /** SHA-256 (hex) of the successor; null when the family does not rotate (the presented token stays live). */
  readonly successorHash: string | null;
  readonly now: number;
}

/**
 * The atomic outcome of presenting a refresh token. Exactly one of any number of concurrent
 * presentations of one live token gets `rotated`; the others see the token rotated out.
 */
export type RotateOutcome =
  | { readonly kind: 'rotated'; readonly family: StoredFamily }
  /** Rotated out less than `graceSeconds` ago: refused, the family lives on (a concurrent retry). */
  | { readonly kind: 'retry-in-grace' }
  /** Rotated out earlier: the whole family was revoked by this presentation (`reuse revoke-grant`). */
  | { readonly kind: 'reuse-revoked' }
  /** Rotated out earlier under `reuse reject`: refused, family untouched. */
  | { readonly kind: 'reuse-refused' }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

export interface FamilyFilter {
  readonly userId?: string;
  readonly userSessionId?: string;
  readonly clientId?: string;
}

/** A dynamically registered client instance (trusted dynamic registration, persistent access). */
export interface ClientInstanceRecord {
  readonly clientId: string;
  readonly softwareId: string;
  /** The static public client whose launch produced the initial access token. */
  readonly baseClientId: string;
  readonly userId: string;
  /** Ceiling of every JWT bearer grant: the scopes the user approved at the launch (no identity, refresh or registration scopes). */
  readonly scope: string;
  /** Launch context fixed at registration, replayed in every token response. */
  readonly context: Readonly<Record<string, unknown>>;
  readonly launch?: 'ehr' | 'standalone';
  readonly app: string;
  readonly jwks: JSONWebKeySet;
  /** RFC 7638 thumbprints of the device keys (never reused across instances). */
  readonly keyThumbprints: readonly string[];
  readonly algorithms: readonly string[];
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

export interface Store {
  readonly kind: StoreKind;
  /** Stores a new family with its first live token. */
  createFamily(family: RefreshFamilyRecord, firstTokenHash: string): Promise<void>;
  getFamily(familyId: string): Promise<StoredFamily | null>;
  /** Check-and-rotate in one atomic step (see `RotateOutcome`). */
  rotate(request: RotateRequest): Promise<RotateOutcome>;
  /** Revokes the family and every token of it; false when unknown or already revoked. */
  revokeFamily(familyId: string, now: number, reason: string): Promise<boolean>;
  /** Families (revoked ones too) matching every given field; no filter = all (reminders, admin). */
  listFamilies(filter: FamilyFilter): Promise<StoredFamily[]>;
  /** Whether a token hash belongs to the family: `live`, `rotated` (out), or null (not of this family). */
  tokenState(familyId: string, tokenHash: string): Promise<'live' | 'rotated' | null>;
  /** Number of live (presentable) tokens of a family: 1 while live, 0 once revoked; never 2. */
  liveTokenCount(familyId: string): Promise<number>;
  /** Records one reminder sent to a user at `at`, listing these families. */
  recordReminder(userId: string, familyIds: readonly string[], at: number): Promise<void>;
  /** Times of the reminders sent to a user at or after `since`. */
  remindersSince(userId: string, since: number): Promise<number[]>;
  /**
   * Replay cache: true the first time `key` is claimed in `namespace`, false while an earlier
   * claim lives (until `expiresAt`; null = forever, e.g. device keys).
   */
  claimOnce(namespace: string, key: string, expiresAt: number | null, now: number): Promise<boolean>;
  putClientInstance(instance: ClientInstanceRecord): Promise<void>;
  getClientInstance(clientId: string): Promise<ClientInstanceRecord | null>;
  listClientInstances(userId: string): Promise<ClientInstanceRecord[]>;
  revokeClientInstance(clientId: string, now: number): Promise<boolean>;
  close(): Promise<void>;
}
