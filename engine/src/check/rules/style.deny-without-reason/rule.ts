import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf } from '../../../model/safe.js';

/**
 * A deny is a decision someone made on purpose; its `because "..."` is what token decisions
 * report as the reason a scope was dropped, and what reviewers read in a diff.
 */
export const denyWithoutReason = defineRule({
  code: 'style.deny-without-reason',
  name: 'deny-without-reason',
  category: 'style',
  defaultSeverity: 'info',
  summary: 'A deny rule has no because clause, so token decisions and reviewers get no reason for it.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const { node, uri } of context.index.grants) {
      for (const rule of list(node.rules)) {
        if (rule?.effect !== 'deny' || (rule.because && rule.because.missing !== true)) continue;
        const range = rangeOf(rule);
        out.push(
          finding(
            { start: range.start, end: { ...range.start, column: range.start.column + 4, offset: range.start.offset + 4 } },
            'This deny has no reason; add `because "..."` saying why, so dropped scopes are explained to reviewers and in token decisions.',
            uri,
            {
              insert: ' because ""',
              at: range.end,
            },
          ),
        );
      }
    }
    return out;
  },
});
