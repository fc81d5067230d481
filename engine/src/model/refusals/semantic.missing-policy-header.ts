import { defineRule } from '../define-rule.js';
import { finding } from '../finding.js';
import { list } from '../safe.js';
import type { RuleFinding } from '../rule-types.js';

/**
 * The `policy` header declares the FHIR version, the locales and the options; without it the
 * compiler refuses the set (with this code, as an error). A warning in `check`, not an error,
 * because a file checked on its own may be one that an entry file imports.
 */
export const missingPolicyHeader = defineRule({
  code: 'semantic.missing-policy-header',
  name: 'missing-policy-header',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary:
    'The policy set has no policy header (FHIR version, locales, options), so it cannot be compiled; check the entry file that imports the others.',
  check(context) {
    if (context.index.policies.length > 0) return [];
    const entry = context.index.files[0];
    if (!entry || list(entry.declarations).length === 0) return [];
    return [missingPolicyHeaderFinding(typeof entry.uri === 'string' ? entry.uri : undefined)];
  },
});

/** The finding at the start of the entry file (`uri`), with the header to insert. */
export function missingPolicyHeaderFinding(uri: string | undefined): RuleFinding {
  const start = { line: 1, column: 1, offset: 0 };
  return finding(
    { start, end: start },
    'This policy set has no `policy "<name>" { fhir R4 ... }` header; add one to the entry file, or check the entry file that imports this one.',
    uri,
    {
      insert: 'policy "Name" {\n  fhir R4\n  locales en\n}\n',
      at: start,
    },
  );
}
