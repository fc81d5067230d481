import { defineRule } from '../../../model/define-rule.js';

/** Reported by the rule runner (`run-rules.ts`) when a rule throws; registered for docs and config. */
export const ruleFailed = defineRule({
  code: 'semantic.rule-failed',
  name: 'rule-failed',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary: 'A checker rule failed on this policy, so its findings are missing; this is a bug in smart-policy.',
});
