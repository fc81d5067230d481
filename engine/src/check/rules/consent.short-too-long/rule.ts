import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { CONSENT_LINT_CODES, lintLength } from '../../../explain/lint/index.js';

/**
 * A short explanation is longer than 60 characters, too long for one line of a consent screen. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentShortTooLong = defineRule({
  code: 'consent.short-too-long',
  name: 'short-too-long',
  category: 'consent',
  defaultSeverity: 'warning',
  summary: 'A short explanation is longer than 60 characters, too long for one line of a consent screen.',
  check(context) {
    const input = consentInput(context);
    return lintLength(input.catalog)
      .filter((f) => f.code === CONSENT_LINT_CODES.shortTooLong)
      .map(toRuleFinding);
  },
});
