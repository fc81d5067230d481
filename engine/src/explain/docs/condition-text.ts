/** A grant condition (`when …` of the language, compiled) written back as the policy language says it. */
import type { Condition } from '../../compile/bundle-types.js';

const FIELD_WORDS: Readonly<Record<string, string>> = {
  launch: 'launch is',
  user: 'user is',
  client: 'client is',
  grant: 'grant is',
  bound: 'bound by',
};

/** `bound by dpop, client-key`, `launch is ehr and not user is patient`; nesting in parentheses. */
export function conditionText(condition: Condition, depth = 0): string {
  if (depth > 32) return '…';
  if ('field' in condition) return `${FIELD_WORDS[condition.field] ?? condition.field} ${condition.in.join(', ')}`;
  if ('not' in condition) return `not ${wrap(condition.not, depth)}`;
  const parts = 'all' in condition ? condition.all : condition.any;
  return parts.map((c) => wrap(c, depth)).join('all' in condition ? ' and ' : ' or ');
}

function wrap(c: Condition, depth: number): string {
  const t = conditionText(c, depth + 1);
  return 'field' in c ? t : `(${t})`;
}
