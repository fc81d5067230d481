/**
 * Turns a bundle `Condition` (data) into a predicate over request facts, once per evaluator,
 * so that a decision only calls closures.
 */
import type { Condition, ConditionField } from '../compile/bundle-types.js';

/** The properties of a token request that conditions test; `bound` may hold several values. */
export type RequestFacts = Readonly<Record<ConditionField, readonly string[]>>;

export type Predicate = (facts: RequestFacts) => boolean;

const ALWAYS: Predicate = () => true;
const NEVER: Predicate = () => false;

/** Compiles a condition; an absent condition always holds. Unknown shapes never hold (fail closed). */
export function compileCondition(condition: Condition | undefined): Predicate {
  if (condition === undefined) return ALWAYS;
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (facts) => parts.every((p) => p(facts));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (facts) => parts.some((p) => p(facts));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (facts) => !inner(facts);
  }
  if ('field' in condition && Array.isArray(condition.in)) {
    const field = condition.field;
    const values = new Set(condition.in);
    return (facts) => facts[field].some((v) => values.has(v));
  }
  return NEVER;
}
