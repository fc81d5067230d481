/**
 * A count of the evaluator's unit steps on the set-algebra path (grant meets, rule visits,
 * coverage candidates compared), so that tests can check that a decision's work grows about
 * linearly with the policy's size without measuring time.
 */
let steps = 0;

/** Counts `n` unit steps. */
export function countWork(n = 1): void {
  steps += n;
}

/** Steps counted since the process started (tests take differences). */
export function workDone(): number {
  return steps;
}
