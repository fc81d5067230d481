import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { CONSENT_LINT_CODES, lintLength } from '../../../explain/lint/index.js';

/**
 * A long explanation has more than two sentences. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentLongTooManySentences = defineRule({
  code: 'consent.long-too-many-sentences',
  name: 'long-too-many-sentences',
  category: 'consent',
  defaultSeverity: 'warning',
  summary: 'A long explanation has more than two sentences.',
  check(context) {
    const input = consentInput(context);
    return lintLength(input.catalog)
      .filter((f) => f.code === CONSENT_LINT_CODES.longTooManySentences)
      .map(toRuleFinding);
  },
});
