import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintJargon } from '../../../explain/lint/index.js';

/**
 * Patient-facing explanation text uses a FHIR type name or a clinical or technical term that many patients do not know. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentJargon = defineRule({
  code: 'consent.jargon',
  name: 'jargon',
  category: 'consent',
  defaultSeverity: 'warning',
  summary: 'Patient-facing explanation text uses a FHIR type name or a clinical or technical term that many patients do not know.',
  check(context) {
    const input = consentInput(context);
    return lintJargon(input.catalog).map(toRuleFinding);
  },
});
