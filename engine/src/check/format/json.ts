/** JSON output: the diagnostics exactly as the library returns them, plus counts. */
import type { Diagnostic } from '../../language/diagnostic.js';
import { countSeverities, sortDiagnostics } from '../../model/sort-diagnostics.js';
import type { SeverityCounts } from '../../model/sort-diagnostics.js';

/** The document `check --format json` prints. */
export interface JsonCheckReport {
  readonly version: 1;
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: SeverityCounts;
}

/** Builds the JSON report object (not a string, so tests and the LSP can use it directly). */
export function toJsonReport(diagnostics: readonly Diagnostic[]): JsonCheckReport {
  const sorted = sortDiagnostics(diagnostics);
  return { version: 1, diagnostics: sorted, counts: countSeverities(sorted) };
}

/** Pretty-printed JSON with a trailing newline. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(toJsonReport(diagnostics), null, 2)}\n`;
}
