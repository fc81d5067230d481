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
 *
 * This file holds the pure path rules; reading from disk is `node/read-policy-file.ts`.
 */
import { isAbsolute, relative, sep } from 'node:path';

/** The extension every policy file has; the loader reads no other file. */
export const POLICY_FILE_EXTENSION = '.smartpolicy';

/** Why a file of a policy set was not read: a diagnostic code and a message without the file's content. */
export interface PolicyFileRefusal {
  readonly code: 'import.missing' | 'import.outside-set' | 'import.not-policy' | 'import.not-file' | 'import.too-large';
  readonly message: string;
}

/** True for `/x`, `\x`, `C:x`, `~/x` and URLs: forms an import may not take. */
export function isAbsoluteImport(importPath: string): boolean {
  return (
    isAbsolute(importPath) ||
    /^[\\/]/.test(importPath) ||
    /^[A-Za-z]:/.test(importPath) ||
    importPath.startsWith('~') ||
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(importPath)
  );
}

/** True when `path` is `root` or inside it (both already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
