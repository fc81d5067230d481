/**
 * The Fastify app every smart-policy server starts from (the decision server and the reference
 * authorization server): JSON bodies only (415 otherwise), a body size limit (413), malformed
 * JSON and prototype-poisoning keys refused (400), unknown routes 404 — every error an
 * OAuth-style JSON body, never a stack trace or an echo of the input. Request logging is off:
 * routes write their own structured logs, which never contain request values.
 */
import Fastify, { type FastifyInstance, LogController, type onResponseHookHandler } from 'fastify';
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
    // Fastify's own logger would make a child logger per request (a measurable share of a
    // decision's cost); routes log through `options.logger` directly instead.
    logger: false,
    bodyLimit,
    // Route patterns only: ids, tokens and query strings never reach a log or a metric label.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(oauthErrorHandler(bodyLimit, options.logger));
  const unmatched = metrics.route('unmatched', 'any');
  app.setNotFoundHandler((_request, reply) => {
    unmatched(404, reply.elapsedTime / 1000);
    void reply.code(404).send(oauthError('not_found', 'no such route'));
  });
  // Callback hooks, not async ones: no promise per request on the hot path.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    done();
  });
  // Each route gets its own onResponse hook with its recorder resolved now, once: no route lookup
  // (Fastify's `routeOptions` builds an object per call) and no label handling per request.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const recorders = new Map(methods.map((method) => [method.toUpperCase(), metrics.route(route.url, method.toUpperCase())]));
    const record: onResponseHookHandler = (request, reply, done) => {
      recorders.get(request.method)?.(reply.statusCode, reply.elapsedTime / 1000);
      done();
    };
    route.onResponse = route.onResponse === undefined ? [record] : [...[route.onResponse].flat(), record];
  });
  return { app, metrics };
}
