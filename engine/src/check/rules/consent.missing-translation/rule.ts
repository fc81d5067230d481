import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintMissingLongText, lintMissingTranslation } from '../../../explain/lint/index.js';

/**
 * A locale the policy declares has no plain-language text for a scope that a grant allows, or lacks a long text that other locales have. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentMissingTranslation = defineRule({
  code: 'consent.missing-translation',
  name: 'missing-translation',
  category: 'consent',
  defaultSeverity: 'warning',
  summary:
    'A locale the policy declares has no plain-language text for a scope that a grant allows, or lacks a long text that other locales have.',
  check(context) {
    const input = consentInput(context);
    return [...lintMissingTranslation(input.catalog, input.allowed), ...lintMissingLongText(input.catalog)].map(toRuleFinding);
  },
});
