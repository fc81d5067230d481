/**
 * Opaque refresh tokens: `spr1.<family id>.<secret>` — a 128-bit family id (so a store finds
 * the family in one lookup, and Redis keeps a family in one slot) and a 256-bit secret. Only
 * `hashToken` of the whole string is ever stored.
 */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'spr1';
const FAMILY_ID = /^[A-Za-z0-9_-]{22}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;
/** Longer inputs are not ours: refuse before hashing or splitting them. */
export const MAX_REFRESH_TOKEN_LENGTH = 128;

export function newFamilyId(): string {
  return randomBytes(16).toString('base64url');
}

export function newRefreshToken(familyId: string): string {
  return `${PREFIX}.${familyId}.${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 (hex) of a token: what stores keep. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The family id a well-formed refresh token names; null for anything else. */
export function familyIdOf(token: unknown): string | null {
  if (typeof token !== 'string' || token.length > MAX_REFRESH_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const [, familyId, secret] = parts as [string, string, string];
  return FAMILY_ID.test(familyId) && SECRET.test(secret) ? familyId : null;
}
