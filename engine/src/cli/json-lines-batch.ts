import { jsonLines, type CliIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** A JSON line's validation: the typed request, or what is wrong with it (JSON path first). */
export type LineCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string; readonly path: string };

/**
 * Decides a JSON Lines batch, one output line per input line, in order. A malformed line is
 * decided deny (fail closed) with its line number on stderr, and the rest are still decided;
 * the exit code is 0 when every line was well formed, 3 otherwise.
 */
export function runJsonLinesBatch<T>(
  text: string,
  source: string,
  io: CliIo,
  check: (input: unknown) => LineCheck<T>,
  decide: (request: T) => unknown,
  denied: (message: string, path: string) => unknown,
): ExitCode {
  let malformed = 0;
  const reject = (line: number, problem: string, path: string): void => {
    malformed += 1;
    io.err(`${source}:${line}: ${problem}`);
    io.out(JSON.stringify(denied(`line ${line}: ${problem}`, path)));
  };
  for (const { line, text: lineText } of jsonLines(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(lineText) as unknown;
    } catch (error) {
      reject(line, `invalid JSON (${error instanceof Error ? error.message : 'unreadable'})`, '$');
      continue;
    }
    const checked = check(parsed);
    if (checked.ok) io.out(JSON.stringify(decide(checked.value)));
    else reject(line, checked.problem, checked.path);
  }
  if (malformed > 0) io.err(`${malformed} input line(s) were malformed and decided deny`);
  return malformed > 0 ? EXIT.invalid : EXIT.ok;
}
