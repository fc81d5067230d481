import { defineRule } from '../../../model/define-rule.js';
import { consentInput, toRuleFinding } from '../../model/consent-rule-input.js';
import { lintOfflineWithOnline } from '../../../explain/lint/index.js';

/**
 * An app class may be granted both offline_access and online_access, which contradict each other on the consent screen. The logic is a pure function over the policy's explanation catalog
 * (`engine/src/explain/lint/`), shared with the docs site and the language server.
 */
export const consentOfflineWithOnline = defineRule({
  code: 'consent.offline-with-online',
  name: 'offline-with-online',
  category: 'consent',
  defaultSeverity: 'warning',
  summary: 'An app class may be granted both offline_access and online_access, which contradict each other on the consent screen.',
  check(context) {
    const input = consentInput(context);
    return lintOfflineWithOnline(input.catalog, input.allowed).map(toRuleFinding);
  },
});
