/** Path helpers of the server (the engine's library layers stay free of file-system code). */
import { isAbsolute, relative } from 'node:path';

/** True when `path` is `folder` or inside it. */
export function isInsideFolder(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
