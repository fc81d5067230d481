/** A canonical string for a condition, ranges ignored, so equal conditions compare equal. */
import type { Condition } from '../../language/ast.js';
import { list } from '../../model/safe.js';

/** `''` for no condition. Operand order of `and`/`or` and value order of `is` lists do not matter. */
export function conditionKey(condition: Condition | undefined): string {
  if (!condition || typeof condition !== 'object') return '';
  switch (condition.kind) {
    case 'cond.and':
    case 'cond.or': {
      const parts = list(condition.operands).map(conditionKey).sort();
      return `${condition.kind === 'cond.and' ? 'and' : 'or'}(${parts.join(',')})`;
    }
    case 'cond.not':
      return `not(${conditionKey(condition.operand)})`;
    case 'cond.is': {
      const values = list(condition.values as readonly { text?: unknown }[])
        .map((v) => String(v?.text ?? ''))
        .sort();
      return `${String(condition.subject)}=${values.join('|')}`;
    }
    default:
      return '?';
  }
}
