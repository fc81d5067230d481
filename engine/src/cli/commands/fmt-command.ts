import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatHuman } from '../../check/index.js';
import { createLanguageService } from '../../service/index.js';
import { CliError } from '../cli-error.js';
import { describeFsError, displayPath, readText, type CliIo } from '../cli-io.js';
import { POLICY_FILE_EXTENSION } from '../../language/policy-file-access.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { resolvePath } from './resolve-path.js';

/**
 * `smart-policy fmt <policy...> [--check | --write]`: canonical layout. Without a flag, prints the
 * formatted text of one file. `--check` lists files that are not formatted (exit 1); `--write`
 * rewrites them. A file with syntax errors, or whose formatting would change its meaning, is
 * refused (exit 3) and left as it is.
 */
export function fmtCommand(args: readonly string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { check: { type: 'boolean' }, write: { type: 'boolean' } },
  });
  if (positionals.length === 0) throw new CliError('fmt needs at least one .smartpolicy file');
  if (values.check && values.write) throw new CliError('use either --check or --write, not both');
  if (!values.check && !values.write && positionals.length > 1)
    throw new CliError('printing formatted text takes one file; use --write or --check for several');

  let refused = 0;
  let unformatted = 0;
  for (const path of positionals) {
    // Only policy files are parsed: a syntax error quotes what it found, and another file's
    // lines (a key, an .env) must never be quoted.
    const text = readText(io, resolvePath(io, path), 'policy');
    if (!path.endsWith(POLICY_FILE_EXTENSION)) {
      refused += 1;
      io.err(`${displayPath(path)}: not formatted: only ${POLICY_FILE_EXTENSION} files are policy files`);
      continue;
    }
    // The language service holds the text as an open document and formats it (no file access).
    const service = createLanguageService({ readFile: () => undefined });
    service.open(path, text);
    const result = service.format(path) ?? { ok: false, text, changed: false, diagnostics: [] };
    if (!result.ok) {
      refused += 1;
      io.err(`${path}: not formatted, because:\n${formatHuman(result.diagnostics, { defaultFile: path })}`);
      continue;
    }
    if (values.check) {
      if (result.changed) {
        unformatted += 1;
        io.out(`${path}: not formatted (run 'smart-policy fmt --write ${path}')`);
      }
    } else if (values.write) {
      if (result.changed) {
        try {
          writeFileSync(resolvePath(io, path), result.text);
        } catch (error) {
          throw new CliError(`cannot write '${path}': ${describeFsError(error)}`);
        }
        io.err(`formatted ${path}`);
      }
    } else {
      io.out(result.text.endsWith('\n') ? result.text.slice(0, -1) : result.text);
    }
  }
  if (refused > 0) return EXIT.invalid;
  return unformatted > 0 ? EXIT.warnings : EXIT.ok;
}
