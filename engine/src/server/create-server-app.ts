/**
 * The Fastify app every smart-policy server starts from (the decision server and the reference
 * authorization server): JSON bodies only (415 otherwise), a body size limit (413), malformed
 * JSON and prototype-poisoning keys refused (400), unknown routes 404 — every error an
 * OAuth-style JSON body, never a stack trace or an echo of the input. Request logging is off:
 * routes write their own structured logs, which never contain request values.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { oauthErrorHandler } from './error-handler.js';
import { createHttpMetrics, type HttpMetrics } from './http-metrics.js';
import { oauthError } from './oauth-error.js';

/** 1 MiB: a decision request is a few kilobytes; a batch of resources for filtering stays well below. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface ServerAppOptions {
  /** A pino logger (its level decides what is written); none: silent. */
  readonly logger?: Logger;
  /** Largest accepted request body in bytes (default `DEFAULT_BODY_LIMIT`). */
  readonly bodyLimit?: number;
  /** Where request counts and latency go; default: a fresh registry. */
  readonly metrics?: HttpMetrics;
}

export interface ServerApp {
  readonly app: FastifyInstance;
  readonly metrics: HttpMetrics;
}

export function createServerApp(options: ServerAppOptions = {}): ServerApp {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const metrics = options.metrics ?? createHttpMetrics();
  const app = Fastify({
    ...(options.logger !== undefined ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit,
    disableRequestLogging: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Route patterns only: ids, tokens and query strings never reach a log or a metric label.
    requestIdLogLabel: 'requestId',
  }) as unknown as FastifyInstance;
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(oauthErrorHandler(bodyLimit));
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(oauthError('not_found', 'no such route'));
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  return { app, metrics };
}
