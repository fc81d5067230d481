import { parseArgs } from 'node:util';
import { runCheck, type CheckOutputFormat } from '../../check/index.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { resolvePath } from './resolve-path.js';
import { singlePolicyArgument } from './single-policy-argument.js';

const FORMATS: readonly CheckOutputFormat[] = ['human', 'json', 'sarif'];

/** `smart-policy check <policy> [--format human|json|sarif] [--strict] [--config FILE]`: exit 0 clean, 1 warnings with --strict, 3 errors. */
export function checkCommand(args: readonly string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { format: { type: 'string' }, strict: { type: 'boolean' }, config: { type: 'string' } },
  });
  const entry = singlePolicyArgument(positionals, 'check', 'source');
  const format = (values.format ?? 'human') as CheckOutputFormat;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')} (got '${values.format}')`);
  const result = runCheck(resolvePath(io, entry), {
    format,
    strict: values.strict === true,
    cwd: io.cwd,
    ...(values.config !== undefined ? { configPath: resolvePath(io, values.config) } : {}),
  });
  if (result.output !== '') io.out(result.output);
  return result.exitCode;
}
