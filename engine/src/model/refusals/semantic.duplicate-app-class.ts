import { defineRule } from '../define-rule.js';
import type { RuleFinding } from '../rule-types.js';
import { finding } from '../finding.js';
import { rangeOf, textOf } from '../safe.js';

/** Each app class is declared once across the whole policy set. */
export const duplicateAppClass = defineRule({
  code: 'semantic.duplicate-app-class',
  name: 'duplicate-app-class',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'An app class is declared twice, so it is ambiguous which clients belong to it.',
  check(context) {
    const out: RuleFinding[] = [];
    for (const { node, uri } of context.index.apps) {
      const name = textOf(node.name);
      if (name === undefined) continue;
      const first = context.index.appByName.get(name);
      if (!first || first.node === node) continue;
      const line = rangeOf(first.node.name).start.line;
      out.push(
        finding(
          rangeOf(node.name),
          `App class "${name}" is already declared${first.uri && first.uri !== uri ? ` in ${first.uri}` : ''} on line ${line}; merge the two blocks or rename this one.`,
          uri,
          {
            name,
            first: { uri: first.uri, line },
          },
        ),
      );
    }
    return out;
  },
});
