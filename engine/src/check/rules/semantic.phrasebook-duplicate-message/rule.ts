import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';

/**
 * Phrasebook blocks of one locale are merged and the first message of a key (and the first
 * wildcard noun of a form) wins; a second one is silently unused, so it is reported.
 */
export const phrasebookDuplicateMessage = defineRule({
  code: 'semantic.phrasebook-duplicate-message',
  name: 'phrasebook-duplicate-message',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary: 'A phrasebook message or wildcard noun is written twice for the same locale; only the first one is used.',
  check(context) {
    const out: RuleFinding[] = [];
    // Keyed by locale and what is defined; the value is where the first one is (file and line).
    const seen = new Map<string, { uri: string | undefined; line: number }>();
    for (const { node, uri } of context.index.phrasebooks) {
      const locale = textOf(node.locale);
      if (locale === undefined) continue;
      for (const st of list(node.statements)) {
        let what: string | undefined;
        let range = rangeOf(st);
        if (st?.kind === 'phrasebook.message') {
          const key = textOf(st.key);
          if (key !== undefined) what = `message ${key}`;
          range = rangeOf(st.key);
        } else if (st?.kind === 'phrasebook.wildcard') {
          what = `wildcard ${st.form?.value ?? 'short'}`;
        }
        if (what === undefined) continue;
        const id = `${locale}\u0000${what}`;
        const first = seen.get(id);
        if (first === undefined) {
          seen.set(id, { uri, line: rangeOf(st).start.line });
          continue;
        }
        const where = first.uri === uri ? `line ${first.line}` : `line ${first.line} of ${first.uri ?? 'another file'}`;
        out.push(
          finding(range, `phrasebook ${locale} already has ${what} (${where}); this one is not used — keep one.`, uri, {
            locale,
            what,
            firstLine: first.line,
          }),
        );
      }
    }
    return out;
  },
});
