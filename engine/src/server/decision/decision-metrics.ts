/**
 * The decision server's own Prometheus figures, beside the per-route request metrics: decisions
 * by route and outcome, policy reloads by result, and the bundle in force as a `hash` label on an
 * info gauge (one series at a time, so a fleet's dashboards show which policy each server runs).
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { type CounterTally, talliedCounter } from '../metric-tallies.js';

export interface DecisionMetrics {
  /** The counter of one route's decisions, by outcome (resolved once, when the route is registered). */
  route(route: string): (outcome: string) => void;
  reloaded(result: 'ok' | 'failed'): void;
  policyInForce(hash: string): void;
}

export function createDecisionMetrics(registry: Registry): DecisionMetrics {
  const decisions = talliedCounter({
    name: 'smart_policy_decisions_total',
    help: 'Decisions made, by route and outcome (allow, deny, active, inactive, explained, invalid)',
    labelNames: ['route', 'outcome'] as const,
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'smart_policy_policy_reloads_total',
    help: 'Policy reloads, by result: ok (a new bundle is in force) or failed (the last good bundle stays)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const info = new Gauge({
    name: 'smart_policy_policy_info',
    help: 'The policy bundle in force (its content hash), always 1',
    labelNames: ['hash'] as const,
    registers: [registry],
  });
  // Pre-create the series so a dashboard sees zeros before the first reload.
  reloads.inc({ result: 'ok' }, 0);
  reloads.inc({ result: 'failed' }, 0);
  // Routes and outcomes are a fixed handful: one tally each, made on first use.
  return {
    route: (route) => {
      const byOutcome = new Map<string, CounterTally>();
      return (outcome) => {
        let tally = byOutcome.get(outcome);
        if (tally === undefined) {
          tally = decisions.series({ route, outcome });
          byOutcome.set(outcome, tally);
        }
        tally.inc();
      };
    },
    reloaded: (result) => reloads.inc({ result }),
    policyInForce: (hash) => {
      info.reset();
      info.set({ hash }, 1);
    },
  };
}
