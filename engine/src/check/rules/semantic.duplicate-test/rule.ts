import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { rangeOf, stringValue } from '../../../model/safe.js';

/** Test names identify cases in `smart-policy test` reports, so they are unique in a policy set. */
export const duplicateTest = defineRule({
  code: 'semantic.duplicate-test',
  name: 'duplicate-test',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'Two policy tests have the same name, so test reports cannot tell them apart.',
  check(context) {
    const out: RuleFinding[] = [];
    const seen = new Map<string, { line: number; uri: string | undefined }>();
    for (const { node, uri } of context.index.tests) {
      const name = stringValue(node.name);
      if (name === undefined || name === '') continue;
      const first = seen.get(name);
      if (!first) {
        seen.set(name, { line: rangeOf(node.name).start.line, uri });
        continue;
      }
      out.push(
        finding(
          rangeOf(node.name),
          `A test named "${name}" already exists on line ${first.line}${first.uri && first.uri !== uri ? ` of ${first.uri}` : ''}; give this one a distinct name.`,
          uri,
          { name, first },
        ),
      );
    }
    return out;
  },
});
