/**
 * What lives between the authorization request and the token request: the pending
 * authorization (the user picking who they are, then the consent screen) and the authorization
 * code. Both are short-lived and kept in this process's memory, bounded in number; a code is
 * random (256 bits), looked up by its hash, and single-use through the store's replay cache, so
 * a replay is refused even after the entry is gone.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface PendingAuthorization {
  readonly id: string;
  /** Bound to the browser that started it (a cookie of the same value). */
  readonly browserKey: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly state: string;
  readonly codeChallenge: string;
  readonly nonce?: string;
  readonly createdAt: number;
  userId?: string;
  /** The sign-in session the user picked in (its id, the cookie's hash). */
  userSessionId?: string;
}

export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly userId: string;
  /** The sign-in session the code was approved in: an `online_access` family ends with it. */
  readonly userSessionId?: string;
  /** The scope the user approved on the consent screen. */
  readonly approvedScope: string;
  readonly context: { readonly patient?: string; readonly encounter?: string };
  readonly nonce?: string;
  readonly expiresAt: number;
  /** Filled at the exchange: what to revoke if the code is replayed (RFC 6749, "Authorization Code"). */
  issued?: { readonly grant?: string; readonly accessJti: string; readonly accessExp: number };
}

export const PENDING_TTL_SECONDS = 600;
export const CODE_TTL_SECONDS = 60;
const MAX_ENTRIES = 10_000;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Constant-time comparison of two secrets (the browser key is one). */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A bounded map that forgets its oldest entries first. */
class BoundedMap<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= MAX_ENTRIES) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class AuthorizationState {
  private readonly pending = new BoundedMap<PendingAuthorization>();
  private readonly codes = new BoundedMap<AuthorizationCode>();

  startPending(p: Omit<PendingAuthorization, 'id' | 'browserKey'>): PendingAuthorization {
    const entry: PendingAuthorization = { ...p, id: randomToken(), browserKey: randomToken() };
    this.pending.set(entry.id, entry);
    return entry;
  }

  /** The live pending authorization with this id started by this browser, or undefined. */
  findPending(id: unknown, browserKey: unknown, now: number): PendingAuthorization | undefined {
    if (typeof id !== 'string' || typeof browserKey !== 'string' || id.length > 64) return undefined;
    const p = this.pending.get(id);
    if (p === undefined || !sameText(p.browserKey, browserKey) || now - p.createdAt > PENDING_TTL_SECONDS) return undefined;
    return p;
  }

  endPending(id: string): void {
    this.pending.delete(id);
  }

  issueCode(code: AuthorizationCode): string {
    const value = randomToken();
    this.codes.set(sha256(value), code);
    return value;
  }

  /** The code's record (single use is the caller's job, through the store), or undefined. */
  findCode(value: string): { readonly hash: string; readonly record: AuthorizationCode } | undefined {
    if (value.length > 128) return undefined;
    const hash = sha256(value);
    const record = this.codes.get(hash);
    return record === undefined ? undefined : { hash, record };
  }
}
