/**
 * The decision server (`smart-policy serve`): the evaluator's decisions over HTTP, in exactly the
 * JSON of the library and the CLI. `POST /v1/decide/{access,token,refresh,registration}`,
 * `/v1/explain`, `/v1/introspection`; `GET /healthz`, `GET /metrics`. Bodies are checked against
 * the published schemas (400 with the JSON pointer of the first problem); the policy comes from a
 * `PolicySource` (a watched file, a polled URL, or a fixed bundle) and the last good one stays in
 * force when a new version is refused.
 */
import pino, { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { type Store, systemClock } from '../../runtime/index.js';
import { createServerApp, type ServerApp } from '../create-server-app.js';
import { createHttpMetrics } from '../http-metrics.js';
import { oauthError } from '../oauth-error.js';
import { createDecisionMetrics, type DecisionMetrics } from './decision-metrics.js';
import { createDecisionLog } from './decision-log.js';
import { ROUTE_OPERATIONS } from './decision-operations.js';
import { registerReminderRoutes } from './reminder-routes.js';
import type { PolicySource, PolicySourceListener } from './loaded-policy.js';

export interface DecisionServerOptions {
  /** Starts the policy source, reporting (re)loads to the listener (it may throw PolicyLoadError). */
  readonly policy: (listener: PolicySourceListener) => PolicySource | Promise<PolicySource>;
  /** Decision and reload logs; default: silent. */
  readonly logger?: Logger;
  readonly bodyLimit?: number;
  /**
   * The runtime's store (`serve --store`): with one, the server also answers the offline-access
   * reminders due in it (`reminder-routes.ts`). The caller opens and closes it.
   */
  readonly store?: Store;
  /** Epoch seconds now (tests); default the system clock. */
  readonly clock?: () => number;
}

export interface DecisionServer extends ServerApp {
  readonly source: PolicySource;
  readonly decisionMetrics: DecisionMetrics;
}

export async function createDecisionServer(options: DecisionServerOptions): Promise<DecisionServer> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const registry = new Registry();
  const decisionMetrics = createDecisionMetrics(registry);
  const decisionLog = createDecisionLog(logger);
  const listener: PolicySourceListener = {
    loaded(policy, initial) {
      decisionMetrics.policyInForce(policy.hash);
      if (!initial) decisionMetrics.reloaded('ok');
      logger.info(
        { event: initial ? 'policy.loaded' : 'policy.reloaded', bundleHash: policy.hash },
        initial ? 'policy loaded' : 'policy reloaded',
      );
    },
    rejected(reason) {
      decisionMetrics.reloaded('failed');
      logger.warn({ event: 'policy.rejected', reason }, 'policy update refused; the last good policy stays in force');
    },
  };
  const source = await options.policy(listener);
  // A static source reports nothing: the metric names the policy in force whatever the source.
  decisionMetrics.policyInForce(source.current().hash);
  const server = createServerApp({
    logger,
    metrics: createHttpMetrics(registry),
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
  });
  const { app } = server;
  app.addHook('onClose', async () => source.close());

  for (const [route, operation] of Object.entries(ROUTE_OPERATIONS)) {
    const decided = decisionMetrics.route(route);
    const logDecision = decisionLog(route);
    // A synchronous handler that sends: the decision is synchronous, and an async handler would
    // add a promise and a microtask turn to every decision.
    app.post(route, (request, reply) => {
      const policy = source.current();
      const result = operation.run(policy.evaluator, request.body);
      if (!result.ok) {
        const { pointer, path, message } = result.problem;
        decided('invalid');
        // Fastify started the clock when the request arrived: one clock read per decision, not two.
        logDecision({ outcome: 'invalid', rules: [], durationMs: reply.elapsedTime, bundleHash: policy.hash });
        reply.code(400).send(oauthError('invalid_request', `${path}: ${message}`, pointer));
        return;
      }
      const outcome = operation.outcome(result.output);
      decided(outcome);
      logDecision({ outcome, rules: operation.reasonRules(result.output), durationMs: reply.elapsedTime, bundleHash: policy.hash });
      reply.send(result.output);
    });
  }

  if (options.store !== undefined) {
    registerReminderRoutes(app, { store: options.store, source, clock: options.clock ?? systemClock });
  }

  app.get('/healthz', async () => ({ status: 'ok', policy: { source: source.kind, hash: source.current().hash } }));
  app.get('/metrics', async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return { ...server, source, decisionMetrics };
}
