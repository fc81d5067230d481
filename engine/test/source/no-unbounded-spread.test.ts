/**
 * A lint over the engine's source: no list is ever spread into a call. `xs.push(...ys)`,
 * `Math.max(...ys)`, `f(...ys)` and `new X(...ys)` pass every element as an argument and throw
 * `RangeError: Maximum call stack size exceeded` at some 100,000 elements — a policy with
 * 150,000 grants or test rows crashed the parser, checker and compiler that way. Use
 * `appendAll` / `maxOf` (`engine/src/util/append-all.ts`) or a loop instead. `.apply` and
 * `.concat` are banned with them (`apply` spreads too; `concat` in a loop is quadratic).
 * Spreading an array literal written in the source (`...(x ? ['a'] : [])`) is bounded and allowed.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** True for an expression whose length the source fixes: an array literal, or a choice of them. */
function boundedBySource(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return boundedBySource(e.expression);
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((el) => !ts.isSpreadElement(el) || boundedBySource(el.expression));
  if (ts.isConditionalExpression(e)) return boundedBySource(e.whenTrue) && boundedBySource(e.whenFalse);
  return false;
}

/** `file:line: text` of every unbounded spread into a call, `.apply` and `.concat` in a source text. */
export function unboundedSpreads(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${fileName}:${line}: ${node.getText(source).slice(0, 80)}`);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isSpreadElement(node) &&
      (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) &&
      !boundedBySource(node.expression)
    )
      report(node.parent);
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['apply', 'concat'].includes(node.expression.name.text) &&
      // Buffer.concat takes its list as one argument, in one linear pass.
      !(node.expression.name.text === 'concat' && node.expression.expression.getText() === 'Buffer')
    )
      report(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no list is spread into a call in engine/src', () => {
  it('finds spreads into calls, `new`, `.apply` and `.concat` (the scan itself can fail)', () => {
    const sample = [
      'a.push(...b);',
      'Math.max(...values);',
      'new Set(...lists);',
      'f(1, ...rest);',
      'g.apply(null, xs);',
      'h.concat(ys);',
      'ok.push(...(c ? ["x"] : []));',
      'ok2.push("a", ...["b", "c"]);',
      'const copy = [...xs];',
      'function rest(...args: number[]) { return args; }',
    ].join('\n');
    expect(unboundedSpreads('sample.ts', sample).map((f) => f.split(':')[1])).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('has none', () => {
    const found = sourceFiles(SRC).flatMap((file) => unboundedSpreads(relative(SRC, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
