import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintDurationMismatch } from '../../../explain/lint/index.js';

/**
 * An offline_access text quotes a duration (or a {lifetime} or {idle} placeholder) that the refresh rules of an app class do not enforce. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentDurationMismatch = defineRule({
  code: 'consent.duration-mismatch',
  name: 'duration-mismatch',
  category: 'consent',
  defaultSeverity: 'warning',
  summary:
    'An offline_access text quotes a duration (or a {lifetime} or {idle} placeholder) that the refresh rules of an app class do not enforce.',
  check(context) {
    const input = consentInput(context);
    return lintDurationMismatch(input.catalog).map(toRuleFinding);
  },
});
