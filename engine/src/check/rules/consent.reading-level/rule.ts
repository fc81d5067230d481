import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintReadingLevel } from '../../../explain/lint/index.js';

/**
 * An English long explanation reads above grade 8 on the Flesch–Kincaid scale. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentReadingLevel = defineRule({
  code: 'consent.reading-level',
  name: 'reading-level',
  category: 'consent',
  defaultSeverity: 'warning',
  summary: 'An English long explanation reads above grade 8 on the Flesch–Kincaid scale.',
  check(context) {
    const input = consentInput(context);
    return lintReadingLevel(input.catalog).map(toRuleFinding);
  },
});
