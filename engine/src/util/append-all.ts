/**
 * Array helpers that never spread a list into a call: `target.push(...items)` and
 * `Math.max(...items)` pass every element as an argument, which throws `RangeError: Maximum call
 * stack size exceeded` once a list reaches some 100,000 elements (a policy with that many grants
 * or test rows). `engine/test/source/no-unbounded-spread.test.ts` keeps new spreads out of the engine.
 */

/** Appends every item to `target` (in order) and returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest number of a list, `-Infinity` for an empty one (like `Math.max()`). */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) if (v > max || Number.isNaN(v)) max = v;
  return max;
}
