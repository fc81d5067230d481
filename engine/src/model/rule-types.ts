/**
 * The contract every checker rule implements. A rule is one folder under `check/rules/` holding
 * `rule.ts` (this contract), `README.md` (its docs) and is listed once in `rules/index.ts`.
 */
import type { Severity } from '../language/diagnostic.js';
import type { Range } from '../language/range.js';
import type { RuleContext } from './rule-context.js';

/** Where a rule sits in the docs and in SARIF `properties.category`. */
export type RuleCategory = 'syntax' | 'semantic' | 'security' | 'consent' | 'style';

/** A configured level: a diagnostic severity, or `off` to silence the rule. */
export type RuleLevel = 'off' | Severity;

export const RULE_CATEGORIES: readonly RuleCategory[] = ['syntax', 'semantic', 'security', 'consent', 'style'];
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

/** What a rule declares about itself; everything the docs, config and SARIF need. */
export interface RuleMeta {
  /**
   * Stable dotted code, `<category>.<name>` (`security.offline-access-unbound`), also the rule's
   * folder name under `rules/`. Never renamed or reused once published.
   */
  readonly code: string;
  /** Kebab-case name: the code without its category (`offline-access-unbound`). */
  readonly name: string;
  readonly category: RuleCategory;
  readonly defaultSeverity: Severity;
  /** One sentence; must equal the first paragraph of the rule's README (SARIF help text). */
  readonly summary: string;
}

/**
 * A finding: a diagnostic without `code` and `severity`, which the runner stamps from the rule
 * (so a rule cannot report under another rule's code) before configured levels apply.
 */
export interface RuleFinding {
  readonly range: Range;
  readonly message: string;
  readonly uri?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A checker rule. `check` must never throw; the runner still guards it. */
export interface CheckRule extends RuleMeta {
  /**
   * Rules that are produced elsewhere (the parser's syntax errors) have no `check`; they are
   * registered so that docs, configured severities and ignores know their codes.
   */
  readonly check?: (context: RuleContext) => readonly RuleFinding[];
}
