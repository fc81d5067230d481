/** Process exit codes of the `smart-policy` CLI (the Cedar convention). */
export const EXIT = {
  /** Allowed, valid, clean. */
  ok: 0,
  /** Warnings, reported as a failure only with `--strict`. */
  warnings: 1,
  /** A decision came out deny, or a policy test failed. */
  deny: 2,
  /** Bad input: an invalid policy, scope, request or command line. */
  invalid: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
