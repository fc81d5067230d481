import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintUnreachableScope } from '../../../explain/lint/index.js';

/**
 * A grant allows a scope that the options of the policy refuse on every request, so its consent text promises access the server never gives. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentUnreachableScope = defineRule({
  code: 'consent.unreachable-scope',
  name: 'unreachable-scope',
  category: 'consent',
  defaultSeverity: 'warning',
  summary:
    'A grant allows a scope that the options of the policy refuse on every request, so its consent text promises access the server never gives.',
  check(context) {
    const input = consentInput(context);
    return lintUnreachableScope(input.catalog, input.allowed).map(toRuleFinding);
  },
});
