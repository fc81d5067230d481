import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintQueryUnexplained } from '../../../explain/lint/index.js';

/**
 * A query-restricted scope that a grant allows has no plain explanation of its query. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentQueryUnexplained = defineRule({
  code: 'consent.query-unexplained',
  name: 'query-unexplained',
  category: 'consent',
  defaultSeverity: 'warning',
  summary: 'A query-restricted scope that a grant allows has no plain explanation of its query.',
  check(context) {
    const input = consentInput(context);
    return lintQueryUnexplained(input.catalog, input.allowed).map(toRuleFinding);
  },
});
