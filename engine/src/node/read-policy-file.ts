/**
 * Reading one file of a policy set from disk, confined to the set's folder (the rules are in
 * `language/policy-file-access.ts`): the file-system half of the policy-set loader.
 */
import { realpathSync } from 'node:fs';
import { isInside, POLICY_FILE_EXTENSION, type PolicyFileRefusal } from '../language/policy-file-access.js';
import { readBoundedFile, describeFsFailure } from './read-bounded.js';

/** The real path of a folder, or the path itself when it cannot be resolved. */
export function realFolder(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Reads one file of a policy set from disk, refusing what is not a policy file of the set.
 * `realRoot` is the real path of the set's folder. Never throws.
 */
export function readConfinedPolicyFile(
  path: string,
  realRoot: string,
  maxBytes: number,
): { readonly text: string; readonly bytes: number } | PolicyFileRefusal {
  if (!path.endsWith(POLICY_FILE_EXTENSION)) {
    return { code: 'import.not-policy', message: `only ${POLICY_FILE_EXTENSION} files are policy files; other files are never read` };
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (error) {
    return { code: 'import.missing', message: `it cannot be read: ${describeFsFailure(error).message}` };
  }
  if (!isInside(realRoot, real)) {
    return { code: 'import.outside-set', message: "a symbolic link leads outside the policy set's folder" };
  }
  if (!real.endsWith(POLICY_FILE_EXTENSION)) {
    return { code: 'import.not-policy', message: `it is a symbolic link to a file that is not a ${POLICY_FILE_EXTENSION} file` };
  }
  const read = readBoundedFile(real, maxBytes);
  if (read.ok) return { text: read.text, bytes: read.bytes };
  if (read.reason === 'too-large') return { code: 'import.too-large', message: read.message };
  if (read.reason === 'not-regular' || read.reason === 'directory') return { code: 'import.not-file', message: read.message };
  return { code: 'import.missing', message: `it cannot be read: ${read.message}` };
}
