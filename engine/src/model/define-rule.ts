/** Identity helper so each `rule.ts` is checked against the contract with full inference. */
import type { CheckRule } from './rule-types.js';

/** Declares a rule; returns it unchanged (frozen, so no one mutates the registry's entries). */
export function defineRule<R extends CheckRule>(rule: R): R {
  return Object.freeze(rule);
}
