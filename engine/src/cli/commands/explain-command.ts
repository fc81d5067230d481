import { parseArgs } from 'node:util';
import type { Audience } from '../../explain/explain-types.js';
import { runExplainCommand } from './run-explain-command.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { readVerifyKey } from './verify-key-flag.js';

const AUDIENCES: readonly string[] = ['patient', 'clinician', 'caregiver'];

/**
 * `smart-policy explain [--policy P] <scope...> [--locale L | --accept-language "..."]
 * [--audience patient|caregiver|clinician] [--app CLASS] [--json]`: short and long consent text per scope and a grouped
 * consent-screen summary; without a policy, the built-in phrasebook (en, es).
 */
export async function explainCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      locale: { type: 'string' },
      'accept-language': { type: 'string' },
      audience: { type: 'string' },
      app: { type: 'string' },
      json: { type: 'boolean' },
      'verify-key': { type: 'string' },
    },
  });
  if (values.locale !== undefined && values['accept-language'] !== undefined) {
    throw new CliError('give --locale or --accept-language, not both');
  }
  if (values.audience !== undefined && !AUDIENCES.includes(values.audience)) {
    throw new CliError(`--audience must be one of ${AUDIENCES.join(', ')}`);
  }
  const policy =
    values.policy !== undefined
      ? await loadPolicyBundle(io, values.policy, { verifyKey: await readVerifyKey(io, values['verify-key']) })
      : undefined;
  const result = runExplainCommand({
    ...(policy !== undefined ? { policy } : {}),
    scopes: positionals,
    ...(values.locale !== undefined ? { locale: values.locale } : {}),
    ...(values['accept-language'] !== undefined ? { acceptLanguage: values['accept-language'] } : {}),
    ...(values.audience !== undefined ? { audience: values.audience as Audience } : {}),
    ...(values.app !== undefined ? { appClass: values.app } : {}),
    json: values.json === true,
  });
  if (result.exitCode !== 0) throw new CliError(result.output.replace(/^smart-policy explain: /, '').trim());
  if (result.note !== undefined) io.err(result.note);
  io.out(result.output);
  return result.exitCode;
}
