import { defineRule } from '../../../model/define-rule.js';

/** Reported by `checkPolicy` after ignores are applied; registered for docs and config. */
export const unusedIgnore = defineRule({
  code: 'semantic.unused-ignore',
  name: 'unused-ignore',
  category: 'semantic',
  defaultSeverity: 'hint',
  summary: 'An ignore comment silences nothing: the finding it was written for is gone, or the comment is on the wrong line.',
});
