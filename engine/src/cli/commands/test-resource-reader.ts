import { realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isInside } from '../../language/policy-file-access.js';
import { realFolder } from '../../node/read-policy-file.js';
import { readBoundedFile } from '../../node/read-bounded.js';

/**
 * Reads a policy test's `resource file "…"` fixture like an import: relative to the policy's
 * folder and inside it (also after symbolic links), a regular file within the size limit, parsed
 * as JSON. Anything else reads as `undefined` ("could not be read"): the runner never sees the
 * file's content in an error, so a fixture pointing at `/etc/shadow` quotes nothing.
 */
export function testResourceReader(baseDir: string, maxBytes: number): (path: string) => unknown {
  const realBase = realFolder(baseDir);
  return (path) => {
    const target = isAbsolute(path) ? path : resolve(baseDir, path);
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      return undefined;
    }
    if (!isInside(realBase, real)) return undefined;
    const read = readBoundedFile(real, maxBytes);
    if (!read.ok) return undefined;
    try {
      return JSON.parse(read.text) as unknown;
    } catch {
      return undefined;
    }
  };
}
