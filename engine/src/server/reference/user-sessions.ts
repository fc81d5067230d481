/**
 * Sandbox sign-in sessions. Picking a person on the sign-in page signs this browser in: a random
 * 256-bit cookie (HttpOnly, SameSite=Lax), of which the server keeps only the SHA-256. That hash
 * is the session id stored with `online_access` refresh-token families, so:
 * - signing out (`POST /account/sign-out`) ends the families of the cookie's session through the
 *   runtime's `endSession`, even after a restart has forgotten the session;
 * - a refresh of an online family asks `isLive`: a session that expired (12 hours) or that a
 *   restart forgot is over, and the family ends with it.
 * In memory and bounded (the oldest sessions are forgotten first, which ends them).
 */
import type { FastifyRequest } from 'fastify';
import { randomToken, sha256 } from './authorization-state.js';

export const SESSION_COOKIE = 'sp_session';
/** A sandbox session lasts at most this long; then the user signs in again. */
export const SESSION_TTL_SECONDS = 12 * 3600;
const MAX_SESSIONS = 10_000;
/** Cookie values this server makes are 43 characters; anything much longer is not one. */
const MAX_COOKIE_VALUE = 128;

export interface UserSession {
  /** SHA-256 of the cookie value (hex): what families store, never the cookie itself. */
  readonly id: string;
  readonly userId: string;
  readonly startedAt: number;
}

/** The value of one cookie of the request (the first of that name), or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The session id a cookie value stands for (whether or not the session is still live). */
export function sessionIdOf(cookieValue: unknown): string | undefined {
  return typeof cookieValue === 'string' && cookieValue.length > 0 && cookieValue.length <= MAX_COOKIE_VALUE
    ? sha256(cookieValue)
    : undefined;
}

export class UserSessions {
  private readonly sessions = new Map<string, UserSession>();

  /** Signs a browser in as `userId`: the cookie value to set, and the session. */
  start(userId: string, now: number): { readonly cookieValue: string; readonly session: UserSession } {
    const cookieValue = randomToken();
    const session: UserSession = { id: sha256(cookieValue), userId, startedAt: now };
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (!oldest.done) this.sessions.delete(oldest.value);
    }
    this.sessions.set(session.id, session);
    return { cookieValue, session };
  }

  /** The live session of a cookie value, or undefined. */
  find(cookieValue: unknown, now: number): UserSession | undefined {
    const id = sessionIdOf(cookieValue);
    return id === undefined ? undefined : this.live(id, now);
  }

  isLive(sessionId: string, now: number): boolean {
    return this.live(sessionId, now) !== undefined;
  }

  /** Ends the session of a cookie value; its id (to end its families), or undefined for no cookie. */
  end(cookieValue: unknown): string | undefined {
    const id = sessionIdOf(cookieValue);
    if (id !== undefined) this.sessions.delete(id);
    return id;
  }

  private live(id: string, now: number): UserSession | undefined {
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    if (now - session.startedAt >= SESSION_TTL_SECONDS) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }
}

/** The Set-Cookie value that signs a browser in (or, with `undefined`, out). */
export function sessionCookie(cookieValue: string | undefined, secure: boolean): string {
  const attributes = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  return cookieValue === undefined
    ? `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`
    : `${SESSION_COOKIE}=${cookieValue}; ${attributes}; Max-Age=${SESSION_TTL_SECONDS}`;
}
