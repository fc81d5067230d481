/**
 * What a `when …` condition needs, in words, for drop reasons (issue 20): a scope dropped
 * because a rule's condition does not hold names the unmet condition ("needs DPoP binding or a
 * confidential-asymmetric client") instead of "no grant allows it". Only the parts that fail
 * for this request are named. The words come from the policy's closed vocabularies, never from
 * request values.
 */
import type { Condition, ConditionField } from '../compile/bundle-types.js';
import type { RequestFacts } from './compile-condition.js';

const VALUE_WORDS: Readonly<Record<ConditionField, Readonly<Record<string, string>>>> = {
  bound: { dpop: 'DPoP binding', 'client-key': 'a confidential-asymmetric client bound by its key' },
  launch: { ehr: 'an EHR launch', standalone: 'a standalone launch' },
  client: {
    public: 'a public client',
    'confidential-symmetric': 'a confidential-symmetric client',
    'confidential-asymmetric': 'a confidential-asymmetric client',
  },
  user: { patient: 'a patient user', 'related-person': 'a related-person user', practitioner: 'a practitioner user', none: 'no user' },
  grant: {
    authorization_code: 'the authorization_code grant',
    client_credentials: 'the client_credentials grant',
    refresh_token: 'the refresh_token grant',
    jwt_bearer: 'the JWT bearer grant',
  },
};

const MAX_DEPTH = 32;

function fieldWords(field: ConditionField, values: readonly string[]): string {
  const words = VALUE_WORDS[field] ?? {};
  const parts = values.map((v) => words[v] ?? `${field} ${v}`);
  return orList(parts);
}

function orList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? 'nothing';
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** The condition in words, as a requirement ("an EHR launch and a patient user"). */
export function describeCondition(condition: Condition, depth = 0): string {
  if (depth > MAX_DEPTH) return 'a condition too deeply nested to describe';
  if ('all' in condition) return condition.all.map((c) => describeCondition(c, depth + 1)).join(' and ');
  if ('any' in condition) return orList(condition.any.map((c) => describeCondition(c, depth + 1)));
  if ('not' in condition) return `anything but ${describeCondition(condition.not, depth + 1)}`;
  if ('field' in condition && Array.isArray(condition.in)) return fieldWords(condition.field, condition.in);
  return 'a condition the engine does not know';
}

function holds(condition: Condition, facts: RequestFacts, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if ('all' in condition) return condition.all.every((c) => holds(c, facts, depth + 1));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts, depth + 1));
  if ('not' in condition) return !holds(condition.not, facts, depth + 1);
  if ('field' in condition && Array.isArray(condition.in)) return (facts[condition.field] ?? []).some((v) => condition.in.includes(v));
  return false;
}

/**
 * The part of `condition` this request does not meet, in words; `null` when it holds. For
 * `all`, only the failing conjuncts are named.
 */
export function unmetCondition(condition: Condition | undefined, facts: RequestFacts, depth = 0): string | null {
  if (condition === undefined || holds(condition, facts, depth)) return null;
  if ('all' in condition && depth <= MAX_DEPTH) {
    const failing = condition.all.flatMap((c) => {
      const unmet = unmetCondition(c, facts, depth + 1);
      return unmet === null ? [] : [unmet];
    });
    return failing.join(' and ');
  }
  return describeCondition(condition, depth);
}
