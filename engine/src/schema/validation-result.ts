/** One problem in a JSON input, located by JSON path (`$.request.method`) and, from a schema, JSON pointer. */
export interface InputProblem {
  readonly path: string;
  /** RFC 6901 pointer to the same place (`/request/method`; `""` is the whole input). */
  readonly pointer?: string;
  readonly message: string;
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** Renders problems as one line each: `$.request.method: must be a string`. */
export function describeProblems(problems: readonly InputProblem[]): string {
  return problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
