/** Small, bounded readers of compact JWS input, shared by assertion and DPoP verification. */
import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';

/** Compact JWTs longer than this are refused unread (a client assertion or proof is a few KiB). */
export const MAX_JWT_LENGTH = 8192;

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The protected header of a compact JWS, or null when the input is not one. */
export function readHeader(jwt: unknown): ProtectedHeaderParameters | null {
  if (typeof jwt !== 'string' || jwt.length > MAX_JWT_LENGTH || !COMPACT.test(jwt)) return null;
  try {
    return decodeProtectedHeader(jwt);
  } catch {
    return null;
  }
}

/** The claims of verified payload bytes, or null when they are not a JSON object. */
export function readClaims(payload: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(payload));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** An own string member. */
export function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = Object.hasOwn(claims, name) ? claims[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** An own numeric date member (seconds). */
export function numericClaim(claims: Record<string, unknown>, name: string): number | undefined {
  const value = Object.hasOwn(claims, name) ? claims[name] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The `iss` of an unverified JWT: only to find whose keys verify it. */
export function peekIssuer(jwt: unknown): string | null {
  if (readHeader(jwt) === null) return null;
  const payload = (jwt as string).split('.')[1] ?? '';
  try {
    const claims = readClaims(Buffer.from(payload, 'base64url'));
    const iss = claims === null ? undefined : stringClaim(claims, 'iss');
    return iss !== undefined && iss.length <= 512 ? iss : null;
  } catch {
    return null;
  }
}
