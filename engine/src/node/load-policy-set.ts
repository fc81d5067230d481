/**
 * The policy-set loader on disk: `language/policy-set.ts` with the confined file reader of
 * `read-policy-file.ts` (only `*.smartpolicy` regular files inside the set's folder, bounded).
 */
import {
  loadPolicySetWithHost,
  type LoadPolicySetOptions,
  type PolicyFileHost,
  type PolicyFileReader,
  type PolicySet,
} from '../language/policy-set.js';
import { readBoundedFile } from './read-bounded.js';
import { readConfinedPolicyFile, realFolder } from './read-policy-file.js';

const DISK: PolicyFileHost = { realFolder, readConfined: readConfinedPolicyFile };

/**
 * Loads the policy set whose entry file is `entryPath`; without `options.readFile` its files are
 * read from disk, confined to the set's folder. Never throws.
 */
export function loadPolicySet(entryPath: string, options: LoadPolicySetOptions = {}): PolicySet {
  return loadPolicySetWithHost(entryPath, options, DISK);
}

/**
 * Reads a UTF-8 file of at most 64 MiB, or `undefined` when it is missing, unreadable, too
 * large or not a regular file. (The default loader reads through `readConfinedPolicyFile`,
 * which also confines imports to the set's folder.)
 */
export const readPolicyFileFromDisk: PolicyFileReader = (path) => {
  const read = readBoundedFile(path);
  return read.ok ? read.text : undefined;
};
