/**
 * A registry of checker rules: one entry per diagnostic code. Docs, configured severities,
 * ignore comments and SARIF `rules` are all driven from it, so a code that is not registered
 * cannot be configured or documented by accident.
 */
import type { CheckRule, RuleCategory } from './rule-types.js';

// Codes are dotted, `<category>.<rule-name>` (`security.offline-access-unbound`); parser codes
// keep the front-end's prefixes (`syntax.*`, `import.*`).
const CODE_PATTERN = /^[a-z]+(?:\.[a-z0-9-]+)+$/;

/** An immutable set of rules keyed by code. */
export class RuleRegistry {
  readonly #byCode: ReadonlyMap<string, CheckRule>;

  /** Throws on a malformed or duplicate code: that is a programming error, caught by tests. */
  constructor(rules: readonly CheckRule[]) {
    const byCode = new Map<string, CheckRule>();
    for (const rule of rules) {
      if (!CODE_PATTERN.test(rule.code)) throw new Error(`rule code ${rule.code} is not a dotted lower-case code`);
      if (byCode.has(rule.code)) throw new Error(`rule code ${rule.code} registered twice`);
      byCode.set(rule.code, rule);
    }
    this.#byCode = byCode;
  }

  /** The rule for a code, if registered. */
  get(code: string): CheckRule | undefined {
    return this.#byCode.get(code);
  }

  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  /** Every rule, sorted by code. */
  all(): readonly CheckRule[] {
    return [...this.#byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  byCategory(category: RuleCategory): readonly CheckRule[] {
    return this.all().filter((rule) => rule.category === category);
  }

  /** A new registry with extra rules (plugins, tests); the receiver is unchanged. */
  with(...rules: readonly CheckRule[]): RuleRegistry {
    return new RuleRegistry([...this.#byCode.values(), ...rules]);
  }
}
