import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintWrongReader } from '../../../explain/lint/index.js';

/**
 * Explanation text in the first or second person (“you”, “your”) reaches the consent screen of a caregiver or clinician app class, where the data is not the reader’s. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentWrongReader = defineRule({
  code: 'consent.wrong-reader',
  name: 'wrong-reader',
  category: 'consent',
  defaultSeverity: 'warning',
  summary:
    'Explanation text in the first or second person (“you”, “your”) reaches the consent screen of a caregiver or clinician app class, where the data is not the reader’s.',
  check(context) {
    const input = consentInput(context);
    return lintWrongReader(input.catalog).map(toRuleFinding);
  },
});
