import { defineRule } from '../define-rule.js';
import type { RuleFinding } from '../rule-types.js';
import type { Located } from '../policy-index.js';
import { finding } from '../finding.js';
import { rangeOf, textOf } from '../safe.js';
import type { NodeBase, Name } from '../../language/ast.js';

/**
 * A policy set has one `policy` header, and each app class at most one `refresh` and one
 * `registration` block: the compiler refuses a second one (`compile.*.duplicate`), so the
 * checker reports it first, where the author is editing.
 */
export const duplicateBlock = defineRule({
  code: 'semantic.duplicate-block',
  name: 'duplicate-block',
  category: 'semantic',
  defaultSeverity: 'error',
  summary:
    'A policy set has a second policy header, or an app class has a second refresh or registration block, which the compiler refuses.',
  check(context) {
    const out: RuleFinding[] = [];
    const first = context.index.policies[0];
    for (const extra of context.index.policies.slice(1)) {
      out.push(
        finding(
          keywordRange(extra.node),
          `A policy set has exactly one \`policy\` header; this one repeats the header on line ${rangeOf(first?.node).start.line}${first?.uri && first.uri !== extra.uri ? ` of ${first.uri}` : ''}. Move its statements there and remove it.`,
          extra.uri,
          {
            block: 'policy',
            remove: true,
          },
        ),
      );
    }
    perApp(context.index.refreshes, 'refresh', out);
    perApp(context.index.registrations, 'registration', out);
    return out;
  },
});

function perApp<T extends NodeBase & { readonly app: Name }>(blocks: readonly Located<T>[], kind: string, out: RuleFinding[]): void {
  const seen = new Map<string, Located<T>>();
  for (const block of blocks) {
    const app = textOf(block.node.app);
    if (app === undefined) continue;
    const earlier = seen.get(app);
    if (!earlier) {
      seen.set(app, block);
      continue;
    }
    out.push(
      finding(
        rangeOf(block.node.app),
        `App class "${app}" already has a ${kind} block on line ${rangeOf(earlier.node).start.line}${earlier.uri && earlier.uri !== block.uri ? ` of ${earlier.uri}` : ''}; merge the two.`,
        block.uri,
        {
          block: kind,
          app,
        },
      ),
    );
  }
}

// The header keyword itself (`policy`), not the whole block.
function keywordRange(node: NodeBase): ReturnType<typeof rangeOf> {
  const r = rangeOf(node);
  return { start: r.start, end: { line: r.start.line, column: r.start.column + 6, offset: r.start.offset + 6 } };
}
