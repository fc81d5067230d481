/**
 * Runs every registered rule over a context. A rule that throws is a bug, but a bug in one rule
 * must not cost the user the other rules' findings, so it becomes one diagnostic instead.
 */
import type { Diagnostic } from '../language/diagnostic.js';
import { makeDiagnostic } from '../language/diagnostic.js';
import type { RuleContext } from './rule-context.js';
import type { RuleRegistry } from './rule-registry.js';
import { rangeOf } from './safe.js';

/** The code reported when a rule itself fails. */
export const RULE_FAILED_CODE = 'semantic.rule-failed';

/** Raw findings of every rule, stamped with the rule's code and default severity. */
export function runRules(context: RuleContext, registry: RuleRegistry, skip: (code: string) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of registry.all()) {
    if (!rule.check || skip(rule.code)) continue;
    try {
      for (const f of rule.check(context)) {
        out.push(makeDiagnostic(rule.code, rule.defaultSeverity, f.message, f.range, { uri: f.uri, data: f.data }));
      }
    } catch (error) {
      const first = context.index.files[0];
      const uri = typeof first?.uri === 'string' ? first.uri : undefined;
      out.push(
        makeDiagnostic(
          RULE_FAILED_CODE,
          'warning',
          `The checker rule ${rule.code} failed (${error instanceof Error ? error.message : String(error)}); its findings are missing. Please report this with the policy that caused it.`,
          { start: rangeOf(first).start, end: rangeOf(first).start },
          { uri, data: { rule: rule.code } },
        ),
      );
    }
  }
  return out;
}
