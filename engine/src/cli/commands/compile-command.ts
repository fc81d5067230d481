import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatHuman } from '../../check/index.js';
import { compilePolicyFile } from '../../compile/index.js';
import { CliError } from '../cli-error.js';
import { describeFsError, type CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { resolvePath } from './resolve-path.js';
import { singlePolicyArgument } from './single-policy-argument.js';

/** `smart-policy compile <policy> [--out FILE]`: the PolicyBundle JSON, or the errors that refused it (exit 3). */
export function compileCommand(args: readonly string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { out: { type: 'string' } },
  });
  const entry = singlePolicyArgument(positionals, 'compile', 'source');
  const entryPath = resolvePath(io, entry);
  const { bundle, diagnostics } = compilePolicyFile(entryPath, { relativeTo: dirname(entryPath) });
  if (!bundle) {
    io.err(formatHuman(diagnostics, { defaultFile: entry }));
    return EXIT.invalid;
  }
  const json = `${JSON.stringify(bundle, null, 2)}\n`;
  if (values.out === undefined) {
    io.out(json);
  } else {
    const out = resolvePath(io, values.out);
    try {
      writeFileSync(out, json);
    } catch (error) {
      throw new CliError(`cannot write the bundle to '${values.out}': ${describeFsError(error)}`);
    }
    io.err(`wrote ${values.out} (${bundle.hash})`);
  }
  return EXIT.ok;
}
