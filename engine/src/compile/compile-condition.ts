/** AST conditions (`when …`) to bundle conditions (plain data). */
import type { Condition as AstCondition } from '../language/ast.js';
import type { Condition } from './bundle-types.js';

/** Flattens the AST into `{all}`, `{any}`, `{not}` and `{field, in}` nodes. */
export function compileCondition(node: AstCondition): Condition {
  switch (node.kind) {
    case 'cond.and':
      return { all: node.operands.map(compileCondition) };
    case 'cond.or':
      return { any: node.operands.map(compileCondition) };
    case 'cond.not':
      return { not: compileCondition(node.operand) };
    case 'cond.is':
      return { field: node.subject, in: node.values.map((v) => v.value ?? v.text) };
  }
}
