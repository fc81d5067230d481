/**
 * Turns every failure Fastify reports (body too large, wrong content type, malformed JSON,
 * prototype-poisoned JSON, …) and every unexpected exception into an OAuth-style JSON error.
 * Fastify's own messages can quote the body ("Unexpected token x in JSON at position 3"), so they
 * are never passed on; an unexpected error is logged by name only and answered with a bare 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { type OAuthErrorBody, oauthError } from './oauth-error.js';

interface Mapped {
  readonly status: number;
  readonly body: OAuthErrorBody;
}

function mapError(error: FastifyError, bodyLimit: number): Mapped {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: oauthError('invalid_request', `the request body is larger than ${bodyLimit} bytes`) };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: oauthError('invalid_request', 'the request body must be application/json') };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: oauthError('invalid_request', 'the request body is empty; a JSON object is expected') };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: oauthError('invalid_request', 'the content-length does not match the body') };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: oauthError('invalid_request', 'the request body is not valid JSON') };
  }
  if (error instanceof SyntaxError) {
    // JSON.parse failures and prototype-poisoning refusals (`__proto__`, `constructor.prototype`).
    return { status: 400, body: oauthError('invalid_request', 'the request body is not valid JSON (or uses a forbidden key)') };
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status === 413) return { status, body: oauthError('invalid_request', `the request body is larger than ${bodyLimit} bytes`) };
  if (status === 415) return { status, body: oauthError('invalid_request', 'unsupported content type') };
  if (status >= 400 && status < 500) return { status, body: oauthError('invalid_request', 'the request is malformed') };
  return { status: 500, body: oauthError('server_error', 'internal error') };
}

/** A Fastify error handler answering OAuth JSON errors; `bodyLimit` is only quoted in the 413 description. */
export function oauthErrorHandler(bodyLimit: number, logger?: Logger) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const { status, body } = mapError(error, bodyLimit);
    if (status >= 500)
      logger?.error({ route: request.routeOptions.url ?? 'unmatched', err: { name: error.name, code: error.code } }, 'unexpected error');
    void reply.code(status).type('application/json; charset=utf-8').send(body);
  };
}
