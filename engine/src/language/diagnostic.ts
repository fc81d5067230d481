/**
 * The one diagnostic shape of smart-policy: the parser (`syntax.*`, `import.*`, `fmt.*`) and
 * the checker (`semantic.*`, `security.*`, `consent.*`, `style.*`) both produce it, the CLI prints it, the language
 * server maps it to LSP, quick fixes are built from `data`.
 */
import type { Range } from './range.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Diagnostic {
  /** Stable machine code, e.g. `syntax.unexpected-token`. Never renamed once released. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong and how to fix it, in one or two sentences. */
  readonly message: string;
  /** Where; 1-based line and column, end exclusive. */
  readonly range: Range;
  /** The document the range belongs to, when known. */
  readonly uri?: string;
  /**
   * Structured facts for quick fixes and tools, e.g. `{expected: ['allow', 'deny'], found: 'alow'}`.
   * Keys are documented with each code in `engine/docs/language.md`.
   */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Builds a diagnostic, leaving out `uri` and `data` when they are not given. */
export function makeDiagnostic(
  code: string,
  severity: Severity,
  message: string,
  range: Range,
  extra: { uri?: string | undefined; data?: Readonly<Record<string, unknown>> | undefined } = {},
): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity, message, range };
  if (extra.uri !== undefined) d.uri = extra.uri;
  if (extra.data !== undefined) d.data = extra.data;
  return d;
}
