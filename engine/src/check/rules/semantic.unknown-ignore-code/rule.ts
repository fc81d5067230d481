import { defineRule } from '../../define-rule.js';
import type { RuleFinding } from '../../rule-types.js';
import { didYouMean, finding, suggest } from '../../model/finding.js';
import { rangeOf } from '../../model/safe.js';

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
      const suggestion = suggest(code, codes) ?? codes.find((c) => c.endsWith(`.${code.split('.').pop() ?? ''}`));
      out.push(finding(rangeOf(node), `Unknown diagnostic code "${code}" in an ignore comment; it silences nothing.${didYouMean(suggestion)} The codes are listed in engine/src/check/rules/README.md.`, uri, {
        found: code,
        ...(suggestion === undefined ? {} : { replacement: suggestion }),
      }));
    }
    return out;
  },
});
