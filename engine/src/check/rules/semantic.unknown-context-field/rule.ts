import { defineRule } from '../../define-rule.js';
import type { RuleFinding } from '../../rule-types.js';
import { didYouMean, finding, suggest } from '../../model/finding.js';
import { list, rangeOf, textOf } from '../../model/safe.js';

/** Token-response launch-context fields SMART 2.2 defines (§4.4), plus id_token for openid. */
export const TOKEN_FIELDS = ['patient', 'encounter', 'fhirContext', 'need_patient_banner', 'intent', 'smart_style_url', 'tenant', 'id_token'] as const;
/** What introspection can echo (§6.2): the launch context, plus the id_token claims it repeats. */
export const INTROSPECTION_FIELDS = ['patient', 'encounter', 'fhirContext', 'need_patient_banner', 'intent', 'smart_style_url', 'tenant', 'fhirUser', 'iss', 'sub'] as const;

// Extension parameters are namespaced as a URI or with a leading "__" (SMART.md §4.5).
function isExtension(name: string): boolean {
  return name.startsWith('__') || /^[a-z][a-z0-9+.-]*:/i.test(name);
}

/** `token carries` and `introspection echoes` name context fields SMART defines (or extensions). */
export const unknownContextField = defineRule({
  code: 'semantic.unknown-context-field',
  name: 'unknown-context-field',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A context block names a token-response or introspection field that SMART does not define and that is not a namespaced extension.',
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
            finding(rangeOf(field), `"${name}" is not a field SMART defines for ${where}; use one of ${known.join(', ')}, or namespace an extension as __${name} or a URI.${didYouMean(suggestion)}`, uri, {
              found: name,
              expected: known,
              ...(suggestion === undefined ? {} : { replacement: suggestion }),
            }),
          );
        }
      }
    }
    return out;
  },
});
