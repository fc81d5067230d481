import { CliError } from './cli-error.js';
import { displayPath, jsonLines, type CliIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { findJsonSyntaxError } from '../io/json-syntax-error.js';

/** A JSON line's validation: the typed request, or what is wrong with it (JSON path first). */
export type LineCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string; readonly path: string };

/** The longest `id` a batch line may carry (it is echoed, so it is bounded). */
export const MAX_BATCH_ID_LENGTH = 200;

type BatchId = string | number;

/**
 * A line's `id`, echoed in its result so callers can match results to requests: a string of at
 * most 200 characters or a safe integer. Anything else makes the line malformed.
 */
function readId(input: unknown): { ok: true; id: BatchId | undefined } | { ok: false } {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !Object.hasOwn(input, 'id'))
    return { ok: true, id: undefined };
  const id = (input as { id: unknown }).id;
  if ((typeof id === 'string' && id.length <= MAX_BATCH_ID_LENGTH) || (typeof id === 'number' && Number.isSafeInteger(id)))
    return { ok: true, id };
  return { ok: false };
}

const withId = (id: BatchId | undefined, result: unknown): unknown =>
  id === undefined || typeof result !== 'object' || result === null ? result : { id, ...(result as Record<string, unknown>) };

/**
 * Decides a JSON Lines batch, one output line per input line, in order; a line's `id` is echoed
 * first in its result. A malformed line is decided deny (fail closed) with its line number on
 * stderr, and the rest are still decided; the exit code is 0 when every line was well formed,
 * 3 otherwise. An input without any line is refused (exit 3): an empty batch is almost always a
 * wrong path or a broken pipe, and must not pass silently.
 */
export function runJsonLinesBatch<T>(
  text: string,
  source: string,
  io: CliIo,
  check: (input: unknown) => LineCheck<T>,
  decide: (request: T) => unknown,
  denied: (message: string, path: string) => unknown,
): ExitCode {
  const lines = jsonLines(text);
  const where = displayPath(source);
  if (lines.length === 0) throw new CliError(`${where}: the input holds no JSON lines (it is empty); give one request per line`);
  let malformed = 0;
  const reject = (line: number, problem: string, path: string, id?: BatchId): void => {
    malformed += 1;
    io.err(`${where}:${line}: ${problem}`);
    io.out(JSON.stringify(withId(id, denied(`line ${line}: ${problem}`, path))));
  };
  for (const { line, text: lineText } of lines) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(lineText) as unknown;
    } catch {
      const error = findJsonSyntaxError(lineText);
      reject(line, error ? `invalid JSON at column ${error.column}: ${error.what}` : 'invalid JSON', '$');
      continue;
    }
    const id = readId(parsed);
    if (!id.ok) {
      reject(line, `$.id must be a string of at most ${MAX_BATCH_ID_LENGTH} characters or a whole number`, '$.id');
      continue;
    }
    const checked = check(parsed);
    if (checked.ok) io.out(JSON.stringify(withId(id.id, decide(checked.value))));
    else reject(line, checked.problem, checked.path, id.id);
  }
  if (malformed > 0) io.err(`${malformed} input line(s) were malformed and decided deny`);
  return malformed > 0 ? EXIT.invalid : EXIT.ok;
}
