import { parseArgs } from 'node:util';
import { countSeverities, sortDiagnostics } from '../../check/index.js';
import { exitCodeFor, formatCheckOutput, runCheck, type CheckOutputFormat, type RunCheckResult } from '../../node/run-check.js';
import type { Diagnostic } from '../../language/diagnostic.js';
import { CliError } from '../cli-error.js';
import { displayPath, type CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadBundleFile, policySetLimits } from './load-policy-bundle.js';
import { policyEntries } from './policy-entries.js';
import { policyService } from '../policy-service.js';
import { resolvePath } from './resolve-path.js';
import { readVerifyKey } from './verify-key-flag.js';

const FORMATS: readonly CheckOutputFormat[] = ['human', 'json', 'sarif'];

/**
 * `smart-policy check <policy> [--format human|json|sarif] [--strict] [--config FILE] [--verify-key FILE]`:
 * exit 0 clean, 1 warnings with --strict, 3 errors. `<policy>` is an entry file, a folder (all
 * its entry files), or a compiled bundle `.json` (shape, hash and, with a key, signature).
 */
export async function checkCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { format: { type: 'string' }, strict: { type: 'boolean' }, config: { type: 'string' }, 'verify-key': { type: 'string' } },
  });
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) {
    throw new CliError(
      'check needs exactly one policy: the entry .smartpolicy file of a policy set, its folder, or a compiled bundle .json',
    );
  }
  const format = (values.format ?? 'human') as CheckOutputFormat;
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`);
  if (target.endsWith('.json')) return checkBundle(io, target, format, await readVerifyKey(io, values['verify-key']));
  const results = policyEntries(io, target).map((entry) =>
    runCheck(entry, {
      format,
      strict: values.strict === true,
      cwd: io.cwd,
      limits: policySetLimits(io),
      service: policyService(io, entry),
      ...(values.config !== undefined ? { configPath: resolvePath(io, values.config) } : {}),
    }),
  );
  const output = results.length === 1 ? (results[0] as RunCheckResult).output : mergedOutput(results, format);
  const exitCode =
    results.length === 1
      ? (results[0] as RunCheckResult).exitCode
      : exitCodeFor(countSeverities(mergedDiagnostics(results)), values.strict === true);
  if (output !== '') io.out(output);
  return exitCode;
}

/** The diagnostics of several entry files, each reported once (files they share are checked by each). */
function mergedDiagnostics(results: readonly RunCheckResult[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of results.flatMap((r) => r.diagnostics)) {
    const key = JSON.stringify([d.code, d.uri, d.range.start, d.range.end, d.message]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return sortDiagnostics(out);
}

function mergedOutput(results: readonly RunCheckResult[], format: CheckOutputFormat): string {
  return formatCheckOutput(mergedDiagnostics(results), format);
}

/** `check bundle.json`: is it a bundle this engine loads (and, with a key, signed by it)? */
async function checkBundle(
  io: CliIo,
  path: string,
  format: CheckOutputFormat,
  verifyKey: Awaited<ReturnType<typeof readVerifyKey>>,
): Promise<ExitCode> {
  const loaded = await loadBundleFile(io, path, { verifyKey });
  const signature = verifyKey !== undefined ? `signature verified (${verifyKey.alg})` : 'signature not checked (no --verify-key)';
  if (format !== 'human') {
    io.out(
      JSON.stringify(
        loaded.ok
          ? { ok: true, hash: loaded.bundle.hash, signatureVerified: verifyKey !== undefined }
          : { ok: false, errors: loaded.errors },
        null,
        2,
      ),
    );
  } else if (loaded.ok) {
    io.out(`${displayPath(path)}: a valid policy bundle (${loaded.bundle.hash}); ${signature}`);
  } else {
    io.out(loaded.errors.map((e) => `${displayPath(path)}: ${e.path}: ${e.message}`).join('\n'));
  }
  return loaded.ok ? EXIT.ok : EXIT.invalid;
}
