import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintUntranslated } from '../../../explain/lint/index.js';

/**
 * An explanation text is the same in two languages, so one of them was probably not translated. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentUntranslated = defineRule({
  code: 'consent.untranslated',
  name: 'untranslated',
  category: 'consent',
  defaultSeverity: 'warning',
  summary: 'An explanation text is the same in two languages, so one of them was probably not translated.',
  check(context) {
    const input = consentInput(context);
    return lintUntranslated(input.catalog).map(toRuleFinding);
  },
});
