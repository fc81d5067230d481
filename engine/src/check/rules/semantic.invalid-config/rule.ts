import { defineRule } from '../../define-rule.js';

/** Reported by `runCheck` for a `smart-policy.json` it cannot use; registered for docs and config. */
export const invalidConfig = defineRule({
  code: 'semantic.invalid-config',
  name: 'invalid-config',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary: 'The smart-policy.json next to the policy is not valid JSON or names an unknown rule or level; the entry is ignored.',
});
