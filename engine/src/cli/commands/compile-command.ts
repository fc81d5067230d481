import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatHuman } from '../../check/index.js';
import { signBundle } from '../../compile/index.js';
import { compilePolicyFile } from '../../node/compile-policy-file.js';
import { CliError } from '../cli-error.js';
import { describeFsError, displayPath, type CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { policySetLimits } from './load-policy-bundle.js';
import { singlePolicyEntry } from './policy-entries.js';
import { resolvePath } from './resolve-path.js';
import { singlePolicyArgument } from './single-policy-argument.js';
import { readSigningKey } from './verify-key-flag.js';

/**
 * `smart-policy compile <policy> [--out FILE] [--sign KEY]`: the PolicyBundle JSON (signed with
 * `--sign`: `{format: "smart-policy-signed-bundle", version, bundle, signature}`), or the errors
 * that refused it (exit 3).
 */
export async function compileCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { out: { type: 'string' }, sign: { type: 'string' } },
  });
  const entry = singlePolicyArgument(positionals, 'compile', 'source');
  const signingKey = values.sign !== undefined ? await readSigningKey(io, values.sign) : undefined;
  const entryPath = singlePolicyEntry(io, entry);
  const { bundle, diagnostics } = compilePolicyFile(entryPath, { relativeTo: dirname(entryPath), limits: policySetLimits(io) });
  if (!bundle) {
    io.err(formatHuman(diagnostics, { defaultFile: entry }));
    return EXIT.invalid;
  }
  const output = signingKey !== undefined ? await signBundle(bundle, signingKey) : bundle;
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (values.out === undefined) {
    io.out(json);
  } else {
    const out = resolvePath(io, values.out);
    try {
      writeFileSync(out, json);
    } catch (error) {
      throw new CliError(`cannot write the bundle to '${displayPath(values.out)}': ${describeFsError(error)}`);
    }
    io.err(`wrote ${displayPath(values.out)} (${bundle.hash}${signingKey !== undefined ? `, signed ${signingKey.alg}` : ''})`);
  }
  return EXIT.ok;
}
