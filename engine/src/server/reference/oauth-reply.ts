/** How the reference server's OAuth endpoints answer: JSON, never cached, errors without echoed input. */
import type { FastifyReply } from 'fastify';
import { OAuthFailure } from '../../runtime/index.js';

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .type('application/json; charset=utf-8')
    .send(body);
}

export function sendOAuthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return sendJson(reply, status, { error, error_description: description });
}

/** An `OAuthFailure` from the runtime, or a bare 500 for anything unexpected (never its message). */
export function sendFailure(reply: FastifyReply, failure: unknown): FastifyReply {
  if (failure instanceof OAuthFailure) {
    if (failure.error === 'use_dpop_nonce') return sendOAuthError(reply, 400, failure.error, failure.description);
    return sendOAuthError(reply, failure.status, failure.error, failure.description);
  }
  return sendOAuthError(reply, 500, 'server_error', 'internal error');
}

/** A form body's single string field: undefined when absent, repeated (RFC 6749: parameters MUST NOT repeat) or not a string. */
export function formField(body: unknown, name: string): string | undefined {
  if (body === null || typeof body !== 'object' || !Object.hasOwn(body, name)) return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** True when a parameter was sent more than once. */
export function repeated(body: unknown, names: readonly string[]): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  return names.find((n) => Object.hasOwn(body, n) && Array.isArray((body as Record<string, unknown>)[n]));
}
