/** Stable diagnostic order shared by every formatter: file, line, column, code. */
import type { Diagnostic } from '../language/diagnostic.js';

/** Returns a sorted copy; never mutates its input. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compare(a.uri ?? '', b.uri ?? '') ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      compare(a.code, b.code),
  );
}

// Code-unit order: deterministic across locales, and much cheaper than localeCompare.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts per severity, for summaries and exit codes. */
export interface SeverityCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly hint: number;
}

export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity] += 1;
  return counts;
}
