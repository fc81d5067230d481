import { parseArgs } from 'node:util';
import { buildDocsSite } from '../../node/docs/build-docs-site.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { ensureDirectory } from '../ensure-directory.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { readVerifyKey } from './verify-key-flag.js';
import { resolvePath } from './resolve-path.js';
import { singlePolicyArgument } from './single-policy-argument.js';

/**
 * `smart-policy docs <policy> --out DIR [--no-screenshots]`: the static consent-design site for
 * client developers (scope tables per app class and locale, scopes.json, previews, screenshots).
 */
export async function docsCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'no-screenshots': { type: 'boolean' },
      chromium: { type: 'string' },
      'verify-key': { type: 'string' },
    },
  });
  const entry = singlePolicyArgument(positionals, 'docs', 'source-or-bundle');
  if (values.out === undefined) throw new CliError('docs needs --out DIR, the folder to write the site into');
  const bundle = await loadPolicyBundle(io, entry, { verifyKey: await readVerifyKey(io, values['verify-key']) });
  const outDir = resolvePath(io, values.out);
  ensureDirectory(outDir, 'the --out folder');
  const chromium = values['no-screenshots'] ? false : values.chromium;
  const report = await buildDocsSite(bundle, outDir, chromium !== undefined ? { chromium } : {});
  io.err(report.message);
  io.out(`wrote ${report.files.length} files to ${values.out}`);
  return report.screenshotStatus === 'failed' ? EXIT.invalid : EXIT.ok;
}
