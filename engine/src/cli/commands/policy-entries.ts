import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicySet } from '../../node/load-policy-set.js';
import { POLICY_FILE_EXTENSION } from '../../language/policy-file-access.js';
import { CliError } from '../cli-error.js';
import { describeFsError, displayPath, maxInputBytes, type CliIo } from '../cli-io.js';
import { resolvePath } from './resolve-path.js';

/** Is `path` (already resolved) a directory? False when it does not exist. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The entry files of a folder: its `.smartpolicy` files that no other `.smartpolicy` file of the
 * folder imports (directly or transitively), sorted. Subfolders are read only through imports.
 */
export function entryFilesOf(io: CliIo, folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith(POLICY_FILE_EXTENSION))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    throw new CliError(`cannot read the folder '${displayPath(folder)}': ${describeFsError(error)}`);
  }
  const files = names.map((name) => join(folder, name));
  const limit = maxInputBytes(io);
  const imported = new Set<string>();
  for (const file of files) {
    const set = loadPolicySet(file, { root: folder, limits: { maxFileBytes: limit, maxTotalBytes: limit } });
    for (const f of set.files.slice(1)) imported.add(f.path);
  }
  return files.filter((file) => !imported.has(file));
}

/**
 * The policy entries a path argument stands for: the file itself, or a folder's entry files.
 * A folder without any is refused with what to pass instead.
 */
export function policyEntries(io: CliIo, path: string): string[] {
  const resolved = resolvePath(io, path);
  if (!isDirectory(resolved)) return [resolved];
  const entries = entryFilesOf(io, resolved);
  if (entries.length === 0) {
    throw new CliError(
      `the folder '${displayPath(path)}' holds no entry ${POLICY_FILE_EXTENSION} file; pass the entry file of a policy set (the file with the policy header), or a folder that holds one`,
    );
  }
  return entries;
}

/** The one entry a path argument stands for; a folder with several entry files is refused, naming them. */
export function singlePolicyEntry(io: CliIo, path: string): string {
  const entries = policyEntries(io, path);
  if (entries.length > 1) {
    const names = entries.map((e) => e.slice(e.lastIndexOf('/') + 1)).join(', ');
    throw new CliError(`the folder '${displayPath(path)}' holds ${entries.length} entry files (${names}); pass one of them`);
  }
  return entries[0] as string;
}
