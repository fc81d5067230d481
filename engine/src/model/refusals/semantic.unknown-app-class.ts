import type { Name, TestBlock, TextValue } from '../../language/ast.js';
import { defineRule } from '../define-rule.js';
import type { RuleFinding } from '../rule-types.js';
import { didYouMean, finding, suggest } from '../finding.js';
import { list, rangeOf, textOf } from '../safe.js';

/** Grant, context, refresh, registration blocks and test token requests name a declared `app` class. */
export const unknownAppClass = defineRule({
  code: 'semantic.unknown-app-class',
  name: 'unknown-app-class',
  category: 'semantic',
  defaultSeverity: 'error',
  summary: 'A block or test names an app class that no app block declares, so its rules apply to no client.',
  check(context) {
    const out: RuleFinding[] = [];
    const known = context.index.appByName;
    const report = (name: Name | TextValue | undefined, where: string, uri: string | undefined): void => {
      const text = textOf(name);
      if (text === undefined || known.has(text) || text.startsWith('$')) return;
      const suggestion = suggest(text, known.keys());
      out.push(
        finding(
          rangeOf(name),
          `Unknown app class "${text}" in ${where}; declare it with \`app ${text} { ... }\` or use one of: ${[...known.keys()].join(', ') || '(none declared)'}.${didYouMean(suggestion)}`,
          uri,
          { found: text, known: [...known.keys()], ...(suggestion === undefined ? {} : { replacement: suggestion }) },
        ),
      );
    };
    // The full index: the other rules do not see blocks of undeclared classes at all.
    const all = context.fullIndex;
    for (const { node, uri } of all.grants) report(node.app, 'grant', uri);
    for (const { node, uri } of all.refreshes) report(node.app, 'refresh', uri);
    for (const { node, uri } of all.registrations) report(node.app, 'registration', uri);
    for (const { node, uri } of all.contexts) if (node.app) report(node.app, 'context', uri);
    for (const { node, uri } of context.index.tests) {
      for (const st of list(node.statements)) {
        if (st?.kind !== 'test.token') continue;
        for (const field of list(st.statements)) {
          if (field?.kind !== 'token.app') continue;
          report(field.app, 'test token request', uri);
          // `app $column` in a table test: every row's cell is the app class of one case.
          for (const cell of tableCells(node, textOf(field.app))) report(cell, 'a test table row', uri);
        }
      }
    }
    return out;
  },
});

/** The cells of column `$name` (when `variable` is one) in every row of a table test. */
function tableCells(test: TestBlock, variable: string | undefined): TextValue[] {
  if (variable === undefined || !variable.startsWith('$') || !test.table) return [];
  const column = list(test.table.columns).findIndex((c) => textOf(c) === variable.slice(1));
  if (column < 0) return [];
  const out: TextValue[] = [];
  for (const row of list(test.table.rows)) {
    const cell = list(row?.cells)[column];
    if (cell && typeof cell === 'object' && cell.missing !== true) out.push(cell);
  }
  return out;
}
