/**
 * Time comes in from outside: every runtime function takes a clock, so tests (and the policy's
 * pure evaluator) see the same "now" and expiry is testable without waiting.
 */

/** Seconds since the epoch (integer). */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);
