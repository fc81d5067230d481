/**
 * Configured severities: `{"rules": {"security.offline-access-unbound": "warning"}}` from `smart-policy.json` or passed in.
 * Validation returns problems instead of throwing so a bad config never stops a check.
 */
import type { Severity } from '../language/diagnostic.js';
import type { RuleLevel } from '../model/rule-types.js';
import { RULE_LEVELS } from '../model/rule-types.js';
import type { RuleRegistry } from './rule-registry.js';

/** Checker configuration; every field optional. */
export interface CheckConfig {
  /** Level per rule code; codes not listed keep their default severity. */
  readonly rules?: Readonly<Record<string, RuleLevel>>;
}

/** One problem found while reading a configuration. */
export interface ConfigProblem {
  readonly code: string;
  readonly message: string;
  /** The config key the problem is about, for a precise report. */
  readonly key?: string;
}

/** Is `value` one of `off|hint|info|warning|error`? */
export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && (RULE_LEVELS as readonly string[]).includes(value);
}

/**
 * Reads an untrusted JSON value as a config. Unknown rule codes and invalid levels are dropped
 * and reported (so a typo in a config is visible, never fatal).
 */
export function readCheckConfig(
  value: unknown,
  registry: RuleRegistry,
): { readonly config: CheckConfig; readonly problems: readonly ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const rules: Record<string, RuleLevel> = {};
  if (value === undefined || value === null) return { config: {}, problems };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      code: 'config',
      message: 'The configuration must be a JSON object like {"rules": {"security.offline-access-unbound": "warning"}}.',
    });
    return { config: {}, problems };
  }
  const rawRules = (value as { rules?: unknown }).rules;
  if (rawRules !== undefined) {
    if (typeof rawRules !== 'object' || rawRules === null || Array.isArray(rawRules)) {
      problems.push({
        code: 'config',
        message: '"rules" must be an object mapping rule codes to off|hint|info|warning|error.',
        key: 'rules',
      });
    } else {
      for (const [code, level] of Object.entries(rawRules as Record<string, unknown>)) {
        if (!registry.has(code)) {
          problems.push({
            code,
            key: code,
            message: `Unknown rule code "${code}" in configuration; see docs/rules for the list of codes, or remove the entry.`,
          });
        } else if (!isRuleLevel(level)) {
          problems.push({
            code,
            key: code,
            message: `Invalid level ${JSON.stringify(level)} for ${code}; use one of off, hint, info, warning, error.`,
          });
        } else {
          rules[code] = level;
        }
      }
    }
  }
  return { config: { rules }, problems };
}

/** The effective level of a code: configured, else the rule's default, else `error` for unknown codes. */
export function effectiveLevel(code: string, registry: RuleRegistry, config: CheckConfig | undefined): RuleLevel {
  const configured = config?.rules?.[code];
  if (configured !== undefined && isRuleLevel(configured)) return configured;
  return registry.get(code)?.defaultSeverity ?? 'error';
}

/** Merges configs; later ones win per code. */
export function mergeConfigs(...configs: readonly (CheckConfig | undefined)[]): CheckConfig {
  const rules: Record<string, RuleLevel> = {};
  for (const config of configs) Object.assign(rules, config?.rules ?? {});
  return { rules };
}

const RANK: Readonly<Record<Severity, number>> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Orders severities (`error` highest). */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}
