import { defineRule } from '../../define-rule.js';
import type { RuleFinding } from '../../rule-types.js';
import { finding } from '../../model/finding.js';
import { rangeInScope } from '../../model/scope-info.js';
import { correctedScope, isResourceTypeError } from '../../model/scope-errors.js';

/** A scope written in a grant that is not a SMART scope (SMART.md §2.10, §16 A). */
export const invalidScope = defineRule({
  code: 'semantic.invalid-scope',
  name: 'invalid-scope',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A scope in an allow or deny rule is not a valid SMART scope, so the rule can never match a request.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const gs of context.grantScopes) {
      const parsed = gs.info.parsed;
      if (parsed.ok || isResourceTypeError(parsed.error)) continue;
      const replacement = correctedScope(gs.info.text, parsed.error);
      out.push(
        finding(
          rangeInScope(gs.info, parsed.error.offset, parsed.error.length),
          `Invalid scope "${gs.info.text}": ${parsed.error.message}.`,
          gs.uri,
          { scope: gs.info.text, reason: parsed.error.code, ...(replacement === undefined ? {} : { replacement }) },
        ),
      );
    }
    return out;
  },
});
