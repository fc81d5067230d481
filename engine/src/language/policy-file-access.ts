/**
 * Which files a policy set may read from disk, and reading them. A policy's `import` is
 * untrusted input (a policy under review, a pull request): it must not make the checker read
 * `/etc/shadow` and quote its first line in a syntax error, list an `.env`'s variable names,
 * read `/dev/zero` until memory runs out, or block on a FIFO. So an import:
 *
 * - is relative (no absolute path, no drive letter) and stays inside the policy set's folder,
 *   also after following symbolic links;
 * - names a `*.smartpolicy` file — any other file is never read, so never quoted;
 * - is a regular file within the size limit (read by the bounded reader, which never blocks).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { readBoundedFile, describeFsFailure } from '../io/read-bounded.js';

/** The extension every policy file has; the loader reads no other file. */
export const POLICY_FILE_EXTENSION = '.smartpolicy';

/** Why a file of a policy set was not read: a diagnostic code and a message without the file's content. */
export interface PolicyFileRefusal {
  readonly code: 'import.missing' | 'import.outside-set' | 'import.not-policy' | 'import.not-file' | 'import.too-large';
  readonly message: string;
}

/** True for `/x`, `\x`, `C:x`, `~/x` and URLs: forms an import may not take. */
export function isAbsoluteImport(importPath: string): boolean {
  return isAbsolute(importPath) || /^[\\/]/.test(importPath) || /^[A-Za-z]:/.test(importPath) || importPath.startsWith('~') || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(importPath);
}

/** True when `path` is `root` or inside it (both already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

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
export function readConfinedPolicyFile(path: string, realRoot: string, maxBytes: number): { readonly text: string; readonly bytes: number } | PolicyFileRefusal {
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
