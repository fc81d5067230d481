import { dirname } from 'node:path';
import { formatHuman } from '../../check/index.js';
import { compilePolicyFile, loadBundle, type PolicyBundle } from '../../compile/index.js';
import { CliError } from '../cli-error.js';
import { parseJson, readText, type CliIo } from '../cli-io.js';
import { resolvePath } from './resolve-path.js';

/**
 * A policy given on the command line: a compiled bundle (`*.json`, shape and hash verified) or the
 * entry file of a `.smartpolicy` set (compiled now). Refusals become one CliError listing the
 * problems with their file, line and column, or JSON path.
 */
export function loadPolicyBundle(io: CliIo, path: string): PolicyBundle {
  if (path.endsWith('.json')) {
    const loaded = loadBundle(parseJson(readText(io, resolvePath(io, path), 'policy bundle'), path));
    if (!loaded.ok) throw new CliError(`${path} is not a valid policy bundle: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return loaded.bundle;
  }
  const entryPath = resolvePath(io, path);
  const { bundle, diagnostics } = compilePolicyFile(entryPath, { relativeTo: dirname(entryPath) });
  if (!bundle) throw new CliError(`the policy ${path} does not compile:\n${formatHuman(diagnostics, { defaultFile: path })}`);
  return bundle;
}
