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

export type DecisionLog = (entry: DecisionLogEntry) => void;

/**
 * A decision logger. Route and bundle hash are the same on most lines, so they are bound once per
 * (route, policy) as a pino child, whose bindings are serialized once rather than on every line.
 */
export function createDecisionLog(logger: Logger): DecisionLog {
  let hash = '';
  const children = new Map<string, Logger>();
  return (entry) => {
    if (!logger.isLevelEnabled('info')) return;
    if (entry.bundleHash !== hash) {
      hash = entry.bundleHash;
      children.clear();
    }
    let child = children.get(entry.route);
    if (child === undefined) {
      child = logger.child({ route: entry.route, bundleHash: entry.bundleHash });
      children.set(entry.route, child);
    }
    const rules = entry.rules.length <= 1 ? entry.rules : [...new Set(entry.rules)].slice(0, MAX_RULES);
    child.info({ decision: entry.outcome, reasons: rules, durationMs: Math.round(entry.durationMs * 1000) / 1000 }, 'decision');
  };
}
