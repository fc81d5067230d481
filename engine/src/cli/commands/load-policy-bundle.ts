import { dirname } from 'node:path';
import { formatHuman } from '../../check/index.js';
import { loadBundle, verifyBundle, type BundleKey, type LoadBundleResult, type PolicyBundle } from '../../compile/index.js';
import { CliError } from '../cli-error.js';
import { policyService } from '../policy-service.js';
import { displayPath, maxInputBytes, parseJson, readText, type CliIo } from '../cli-io.js';
import { singlePolicyEntry } from './policy-entries.js';
import { resolvePath } from './resolve-path.js';

export interface LoadPolicyOptions {
  /** When set, a compiled bundle must be signed with this key's private key. */
  readonly verifyKey?: BundleKey | undefined;
}

/** Loads and checks a compiled bundle file (shape, hash, and the signature when a key is given). */
export async function loadBundleFile(io: CliIo, path: string, options: LoadPolicyOptions = {}): Promise<LoadBundleResult> {
  const value = parseJson(readText(io, resolvePath(io, path), 'policy bundle'), path);
  return options.verifyKey !== undefined ? verifyBundle(value, { verifyKey: options.verifyKey }) : loadBundle(value);
}

/** The policy set limits that follow the CLI's input limit. */
export function policySetLimits(io: CliIo): { maxFileBytes: number; maxTotalBytes: number } {
  const limit = maxInputBytes(io);
  return { maxFileBytes: limit, maxTotalBytes: limit };
}

/**
 * A policy given on the command line: a compiled bundle (`*.json`: shape and hash verified, and
 * the signature when a verify key is configured), or the entry file of a `.smartpolicy` set or
 * its folder (compiled now). Refusals become one CliError listing the problems with their file,
 * line and column, or JSON path.
 */
export async function loadPolicyBundle(io: CliIo, path: string, options: LoadPolicyOptions = {}): Promise<PolicyBundle> {
  if (path.endsWith('.json')) {
    const loaded = await loadBundleFile(io, path, options);
    if (!loaded.ok)
      throw new CliError(
        `${displayPath(path)} is not a valid policy bundle: ${loaded.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      );
    return loaded.bundle;
  }
  const entryPath = singlePolicyEntry(io, path);
  const { bundle, diagnostics } = policyService(io, entryPath).compile(entryPath, { relativeTo: dirname(entryPath) });
  if (!bundle) throw new CliError(`the policy ${displayPath(path)} does not compile:\n${formatHuman(diagnostics, { defaultFile: path })}`);
  return bundle;
}
