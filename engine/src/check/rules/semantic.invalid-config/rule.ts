import { defineRule } from '../../../model/define-rule.js';

/** Reported by `runCheck` for a `smart-policy.json` it cannot use; registered for docs and config. */
export const invalidConfig = defineRule({
  code: 'semantic.invalid-config',
  name: 'invalid-config',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'The smart-policy.json next to the policy cannot be read, is not valid JSON, or names an unknown rule or level; an error, so that a broken config never relaxes a check.',
});
