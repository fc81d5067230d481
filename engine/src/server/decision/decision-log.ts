/**
 * One structured log line per decision: route, outcome, the rule ids among its reasons, duration
 * and the bundle hash. Rule ids come from the policy or are built-in codes; nothing of the request
 * (tokens, client ids, patients, scopes, resources) is ever written.
 */
import type { Logger } from 'pino';

/** At most this many rule ids per line: a deny of a large batch stays one short line. */
const MAX_RULES = 20;

export interface DecisionLogEntry {
  readonly route: string;
  readonly outcome: string;
  readonly rules: readonly string[];
  readonly durationMs: number;
  readonly bundleHash: string;
}

export function logDecision(logger: Logger, entry: DecisionLogEntry): void {
  if (!logger.isLevelEnabled('info')) return;
  const rules = [...new Set(entry.rules)].slice(0, MAX_RULES);
  logger.info(
    {
      route: entry.route,
      decision: entry.outcome,
      reasons: rules,
      durationMs: Math.round(entry.durationMs * 1000) / 1000,
      bundleHash: entry.bundleHash,
    },
    'decision',
  );
}
