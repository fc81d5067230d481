/**
 * One structured log line per decision: route, outcome, the rule ids among its reasons, duration
 * and the bundle hash. Rule ids come from the policy or are built-in codes; nothing of the request
 * (tokens, client ids, patients, scopes, resources) is ever written.
 */
import type { Logger } from 'pino';

/** At most this many rule ids per line: a deny of a large batch stays one short line. */
const MAX_RULES = 20;

export interface DecisionLogEntry {
  readonly outcome: string;
  readonly rules: readonly string[];
  readonly durationMs: number;
  readonly bundleHash: string;
}

/** Writes the line of one decision on one route. */
export type RouteDecisionLog = (entry: DecisionLogEntry) => void;

/** Distinct (outcome, rules) children kept per route at most; past it the route's cache starts over. */
const MAX_CHILDREN = 256;

/**
 * A decision logger per route. Everything but the duration repeats from line to line (the route,
 * policy, outcome and rules), so each combination is bound once as a pino child, whose bindings
 * are serialized once; a line then serializes one number. The route is fixed when the route is
 * registered, so a line's lookup is by outcome and rules only.
 */
export function createDecisionLog(logger: Logger): (route: string) => RouteDecisionLog {
  return (route) => {
    let hash = '';
    const children = new Map<string, Logger>();
    return (entry) => {
      if (!logger.isLevelEnabled('info')) return;
      if (entry.bundleHash !== hash) {
        hash = entry.bundleHash;
        children.clear();
      }
      const rules = entry.rules.length <= 1 ? entry.rules : [...new Set(entry.rules)].slice(0, MAX_RULES);
      // NUL cannot occur in an outcome or a rule id: the key is unambiguous.
      const key =
        rules.length === 0
          ? entry.outcome
          : rules.length === 1
            ? `${entry.outcome}\u0000${rules[0]}`
            : `${entry.outcome}\u0000${rules.join('\u0000')}`;
      let child = children.get(key);
      if (child === undefined) {
        if (children.size >= MAX_CHILDREN) children.clear();
        child = logger.child({ route, bundleHash: entry.bundleHash, decision: entry.outcome, reasons: rules });
        children.set(key, child);
      }
      child.info({ durationMs: Math.round(entry.durationMs * 1000) / 1000 }, 'decision');
    };
  };
}
