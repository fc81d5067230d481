import { defineRule } from '../define-rule.js';
import type { RuleFinding } from '../rule-types.js';
import { finding } from '../finding.js';
import { rangeInScope } from '../scope-info.js';
import { correctedScope, isResourceTypeError } from '../scope-errors.js';
import { contextPatternProblems } from '../context-patterns.js';

/** A scope in a grant, or a scope pattern in a context requirement, that is not valid (SMART App Launch, Scopes and Launch Context: the scope grammar). */
export const invalidScope = defineRule({
  code: 'semantic.invalid-scope',
  name: 'invalid-scope',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'A scope in an allow or deny rule, or a scope pattern in a context requirement, is not valid, so the rule or requirement never matches anything.',
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
    for (const p of contextPatternProblems(context)) {
      if (p.kind !== 'syntax') continue;
      out.push(
        finding(
          rangeInScope(p.info, p.offset, p.length),
          `Invalid scope pattern "${p.info.text}" in a context requirement: ${p.message}; the requirement applies to no scope.`,
          p.uri,
          {
            scope: p.info.text,
            ...(p.replacement === undefined ? {} : { replacement: p.replacement }),
          },
        ),
      );
    }
    return out;
  },
});
