/**
 * `formatPolicy`: the canonical layout of a policy file. Like Cedar's formatter it proves its
 * own output: the result is parsed again and must give the same AST (positions aside), and
 * must keep every word and value of the input in order (`meaning-tokens.ts`); otherwise it
 * refuses and returns the input unchanged. Input with syntax errors is refused
 * too (formatting around an error could move text the user is still typing).
 */
import { firstDifference, normalizeAst } from './ast-compare.js';
import { makeDiagnostic } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { firstTokenDifference } from './meaning-tokens.js';
import { parsePolicy } from './parse-policy.js';
import { printPolicy } from './printer.js';
import { emptyRangeAt } from './range.js';

export interface FormatResult {
  /** False when formatting was refused; `text` is then the input. */
  readonly ok: boolean;
  /** The formatted text (or the input when refused). */
  readonly text: string;
  /** True when `ok` and the text differs from the input (what `fmt --check` reports). */
  readonly changed: boolean;
  /** Why it was refused: the input's syntax errors, `fmt.syntax-errors` or `fmt.ast-changed`. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Formats one `.smartpolicy` file. Idempotent: formatting the result again changes nothing.
 * @param text the file's contents
 * @param uri copied into diagnostics
 */
export function formatPolicy(text: string, uri?: string): FormatResult {
  const start = { line: 1, column: 1, offset: 0 };
  const parsed = parsePolicy(text, uri);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const refusal = makeDiagnostic(
      'fmt.syntax-errors',
      'error',
      `Not formatted: the file has ${errors.length} syntax error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} first.`,
      errors[0]?.range ?? emptyRangeAt(start),
      { uri, data: { count: errors.length } },
    );
    return { ok: false, text, changed: false, diagnostics: [refusal, ...errors] };
  }
  let formatted: string;
  try {
    formatted = printPolicy(parsed.ast, text);
  } catch (error) {
    return refuse(text, uri, `the printer failed (${error instanceof Error ? error.message : String(error)})`, '$');
  }
  const again = parsePolicy(formatted, uri);
  const difference = again.diagnostics.some((d) => d.severity === 'error')
    ? '$ (the output does not parse)'
    : firstDifference(normalizeAst(parsed.ast), normalizeAst(again.ast));
  if (difference !== undefined) return refuse(text, uri, `its output would parse differently at ${difference}`, difference);
  // The AST comparison cannot see what the parser dropped from the input without an error;
  // every word and value of the input must also be in the output, in order.
  const lost = firstTokenDifference(text, formatted);
  if (lost !== undefined) return refuse(text, uri, `its output does not keep every word of the input (first change at ${lost})`, lost);
  return { ok: true, text: formatted, changed: formatted !== text, diagnostics: [] };
}

function refuse(text: string, uri: string | undefined, why: string, path: string): FormatResult {
  const start = { line: 1, column: 1, offset: 0 };
  return {
    ok: false,
    text,
    changed: false,
    diagnostics: [
      makeDiagnostic(
        'fmt.ast-changed',
        'error',
        `Not formatted: ${why}. This is a formatter bug; please report it with this file.`,
        emptyRangeAt(start),
        {
          uri,
          data: { path },
        },
      ),
    ],
  };
}
