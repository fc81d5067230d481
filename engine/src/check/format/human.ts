/**
 * Human output: one line per diagnostic, `file:line:col severity code message`, grouped by file
 * with a blank line between files and a one-line summary at the end (what compilers print, so
 * editors and terminals turn the location into a link).
 */
import type { Diagnostic } from '../../language/diagnostic.js';
import { countSeverities, sortDiagnostics } from '../../model/sort-diagnostics.js';

/** Options for {@link formatHuman}. */
export interface HumanFormatOptions {
  /** Label used for diagnostics without a `uri`. */
  readonly defaultFile?: string;
}

/** Renders diagnostics as text lines; ends with a summary line and a newline. */
export function formatHuman(diagnostics: readonly Diagnostic[], options: HumanFormatOptions = {}): string {
  const sorted = sortDiagnostics(diagnostics);
  const lines: string[] = [];
  let previousFile: string | undefined;
  for (const d of sorted) {
    const file = d.uri ?? options.defaultFile ?? '<input>';
    if (previousFile !== undefined && file !== previousFile) lines.push('');
    previousFile = file;
    lines.push(`${file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`);
  }
  const counts = countSeverities(sorted);
  if (sorted.length > 0) lines.push('');
  lines.push(summaryLine(counts));
  return `${lines.join('\n')}\n`;
}

function summaryLine(counts: ReturnType<typeof countSeverities>): string {
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return 'No problems found.';
  const parts = [
    plural(counts.error, 'error'),
    plural(counts.warning, 'warning'),
    plural(counts.info, 'info'),
    plural(counts.hint, 'hint'),
  ].filter((part): part is string => part !== undefined);
  return `${parts.join(', ')}.`;
}

function plural(n: number, word: string): string | undefined {
  if (n === 0) return undefined;
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}
