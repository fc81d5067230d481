/**
 * The rotation rules every store applies inside its atomic step, written once for the stores
 * that run them in JavaScript (memory, SQLite). Redis runs the same rules in Lua and PostgreSQL
 * in SQL; the shared store test suite holds all four to the same outcomes.
 */
import type { StoredFamily } from './store-types.js';

/** Whether a live family has ended by time: absolute expiry or idle timeout. */
export function familyExpired(family: StoredFamily, now: number): boolean {
  if (family.expiresAt !== null && now >= family.expiresAt) return true;
  if (family.idleSeconds !== null && now >= family.lastUsedAt + family.idleSeconds) return true;
  return false;
}

/** What presenting a token that was rotated out at `rotatedAt` does. */
export function reuseOutcome(family: StoredFamily, rotatedAt: number, now: number): 'retry-in-grace' | 'reuse-revoked' | 'reuse-refused' {
  if (family.graceSeconds > 0 && now - rotatedAt <= family.graceSeconds) return 'retry-in-grace';
  return family.reuse === 'revoke-grant' ? 'reuse-revoked' : 'reuse-refused';
}
