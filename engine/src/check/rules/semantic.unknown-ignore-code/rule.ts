import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { didYouMean, finding, suggest } from '../../../model/finding.js';
import { rangeOf } from '../../../model/safe.js';

/** `# smart-policy-ignore <code>` must name a registered code, or it silently ignores nothing. */
export const unknownIgnoreCode = defineRule({
  code: 'semantic.unknown-ignore-code',
  name: 'unknown-ignore-code',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary: 'An ignore comment names a diagnostic code that does not exist, so it silences nothing.',
  check(context) {
    const out: RuleFinding[] = [];
    const codes = context.registry.all().map((r) => r.code);
    for (const { node, uri } of context.index.ignores) {
      const code = typeof node?.code === 'string' ? node.code : '';
      if (code === '' || context.registry.has(code)) continue;
      const suggestion = suggestCode(code, codes);
      out.push(
        finding(
          rangeOf(node),
          `Unknown diagnostic code "${code}" in an ignore comment; it silences nothing.${didYouMean(suggestion)} The codes are listed in engine/src/check/rules/README.md.`,
          uri,
          {
            found: code,
            ...(suggestion === undefined ? {} : { replacement: suggestion }),
          },
        ),
      );
    }
    return out;
  },
});

// Typos (`security.wildcard-patient-facng`), a wrong category (`lint.write-without-read`) and
// a shortened name (`lint.wildcard-patient`) all point at one registered code.
function suggestCode(code: string, codes: readonly string[]): string | undefined {
  const direct = suggest(code, codes);
  if (direct) return direct;
  const name = code.slice(code.indexOf('.') + 1);
  if (name === '') return undefined;
  const byName = codes.filter((c) => c.slice(c.indexOf('.') + 1) === name);
  if (byName.length === 1) return byName[0];
  const byPrefix = codes.filter((c) => c.slice(c.indexOf('.') + 1).startsWith(name));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}
