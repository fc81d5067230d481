import type { ExplainText } from '../../../language/ast.js';
import { defineRule } from '../../../model/define-rule.js';
import type { RuleFinding } from '../../../model/rule-types.js';
import { finding } from '../../../model/finding.js';
import { list, rangeOf, textOf } from '../../../model/safe.js';

/**
 * One explain block per target, one `where` per parameter and value, and one text per locale
 * and form inside each — otherwise which text the consent screen shows depends on file order.
 */
export const duplicateExplain = defineRule({
  code: 'semantic.duplicate-explain',
  name: 'duplicate-explain',
  category: 'semantic',
  defaultSeverity: 'warning',
  summary:
    'An explain block, a where clause, or a text for the same locale and form is written twice, so the consent text shown depends on file order.',
  check(context) {
    const out: RuleFinding[] = [];
    const targets = new Map<string, number>();
    for (const { node, uri } of context.index.explains) {
      const target = textOf(node.target);
      if (target !== undefined) {
        const firstLine = targets.get(target);
        if (firstLine === undefined) targets.set(target, rangeOf(node.target).start.line);
        else
          out.push(
            finding(
              rangeOf(node.target),
              `"explain ${target}" is already written on line ${firstLine}; merge the texts into one block.`,
              uri,
              { target, firstLine },
            ),
          );
      }
      const wheres = new Map<string, number>();
      checkTexts(
        list(node.statements).filter((s): s is ExplainText => s?.kind === 'explain.text'),
        `explain ${target ?? ''}`,
        uri,
        out,
      );
      for (const st of list(node.statements)) {
        if (st?.kind !== 'explain.where') continue;
        const key = `${textOf(st.param) ?? ''}=${st.value?.text ?? ''}`;
        const line = wheres.get(key);
        if (line === undefined) wheres.set(key, rangeOf(st).start.line);
        else
          out.push(
            finding(rangeOf(st.param), `"where ${key}" is already written on line ${line} of this block; merge them.`, uri, {
              where: key,
              firstLine: line,
            }),
          );
        checkTexts(list(st.texts), `where ${key}`, uri, out);
      }
    }
    return out;
  },
});

function checkTexts(texts: readonly ExplainText[], where: string, uri: string | undefined, out: RuleFinding[]): void {
  const seen = new Map<string, number>();
  for (const t of texts) {
    const locale = textOf(t?.locale);
    if (locale === undefined) continue;
    const form = t.form?.value ?? 'short';
    // A text `for caregiver` is a variant beside the general one: a repeat is per audience.
    const audiences = list(t.audiences)
      .map((a) => textOf(a))
      .filter((a): a is string => a !== undefined);
    for (const audience of audiences.length > 0 ? audiences : ['']) {
      const key = `${locale} ${form} ${audience}`;
      const line = seen.get(key);
      if (line === undefined) seen.set(key, rangeOf(t).start.line);
      else {
        const whom = audience === '' ? '' : ` for ${audience}`;
        out.push(
          finding(
            rangeOf(t.locale),
            `The ${form} "${locale}" text${whom} in ${where.trim()} is already written on line ${line}; keep one.`,
            uri,
            { locale, form, firstLine: line, ...(audience === '' ? {} : { audience }) },
          ),
        );
      }
    }
  }
}
