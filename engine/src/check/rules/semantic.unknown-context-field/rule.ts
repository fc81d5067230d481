import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';

const LAUNCH_CONTEXT = ['patient', 'encounter', 'fhirContext', 'need_patient_banner', 'intent', 'smart_style_url', 'tenant'] as const;
/** Token-response fields: SMART 2.2 launch context (SMART App Launch, Scopes and Launch Context: "Launch context arrives with your access_token") and the OAuth / SMART response members (SMART App Launch, App Launch: the token response). */
export const TOKEN_FIELDS = [
  ...LAUNCH_CONTEXT,
  'access_token',
  'token_type',
  'expires_in',
  'scope',
  'refresh_token',
  'id_token',
  'authorization_details',
] as const;
/** What introspection can echo (RFC 7662, SMART App Launch, Token Introspection): launch context, id_token claims, token metadata. */
export const INTROSPECTION_FIELDS = [
  ...LAUNCH_CONTEXT,
  'active',
  'scope',
  'client_id',
  'exp',
  'iat',
  'nbf',
  'sub',
  'iss',
  'aud',
  'jti',
  'username',
  'token_type',
  'fhirUser',
  'cnf',
  'authorization_details',
] as const;

// Extension parameters are namespaced as a URI or with a leading "__" (SMART App Launch, Scopes and Launch Context: extensions).
function isExtension(name: string): boolean {
  return name.startsWith('__') || /^[a-z][a-z0-9+.-]*:/i.test(name);
}

/** `token carries` and `introspection echoes` name context fields SMART defines (or extensions). */
export const unknownContextField = defineRule({
  code: 'semantic.unknown-context-field',
  name: 'unknown-context-field',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'A context block names a token-response or introspection field that SMART does not define and that is not a namespaced extension.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const { node, uri } of context.index.contexts) {
      for (const st of list(node.statements)) {
        const kind = st?.kind;
        if (kind !== 'context.token-carries' && kind !== 'context.introspection-echoes') continue;
        const known: readonly string[] = kind === 'context.token-carries' ? TOKEN_FIELDS : INTROSPECTION_FIELDS;
        const where = kind === 'context.token-carries' ? 'token carries' : 'introspection echoes';
        for (const field of list(st.fields)) {
          const name = textOf(field);
          if (name === undefined || known.includes(name) || isExtension(name)) continue;
          const suggestion = suggest(name, known);
          out.push(
            finding(
              rangeOf(field),
              `"${name}" is not a field SMART defines for ${where}; use one of ${known.join(', ')}, or namespace an extension as __${name} or a URI.${didYouMean(suggestion)}`,
              uri,
              {
                found: name,
                expected: known,
                ...(suggestion === undefined ? {} : { replacement: suggestion }),
              },
            ),
          );
        }
      }
    }
    return out;
  },
});
