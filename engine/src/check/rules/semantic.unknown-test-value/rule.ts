import type { Name } from '../../../language/ast.js';
import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';

/** HTTP methods of the FHIR REST API. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** OAuth error codes a token decision can produce (RFC 6749 §5.2, RFC 9449, RFC 6750). */
export const OAUTH_ERRORS = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'invalid_dpop_proof',
  'use_dpop_nonce',
  'invalid_token',
  'insufficient_scope',
] as const;

/**
 * Policy tests name an HTTP method (`request GET "..."`) and OAuth errors (`expect error
 * invalid_scope`) from fixed lists that the parser leaves to the checker.
 */
export const unknownTestValue = defineRule({
  code: 'semantic.unknown-test-value',
  name: 'unknown-test-value',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A policy test uses an HTTP method or an OAuth error code that does not exist, so the test can never pass as written.',
  check(context) {
    const out: RuleFinding[] = [];
    const report = (name: Name | undefined, known: readonly string[], what: string, uri: string | undefined): void => {
      const text = textOf(name);
      if (text === undefined || text.startsWith('$') || known.includes(text)) return;
      const suggestion = suggest(text, known);
      out.push(
        finding(rangeOf(name), `"${text}" is not ${what}; use one of ${known.join(', ')}.${didYouMean(suggestion)}`, uri, {
          found: text,
          expected: known,
          ...(suggestion === undefined ? {} : { replacement: suggestion }),
        }),
      );
    };
    for (const { node, uri } of context.index.tests) {
      for (const st of list(node.statements)) {
        if (st?.kind === 'expect.error') report(st.error, OAUTH_ERRORS, 'an OAuth error code', uri);
        if (st?.kind === 'test.access') {
          for (const field of list(st.statements))
            if (field?.kind === 'access.request') report(field.method, HTTP_METHODS, 'an HTTP method', uri);
        }
      }
    }
    return out;
  },
});
