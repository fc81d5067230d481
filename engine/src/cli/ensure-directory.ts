import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './cli-error.js';
import { describeFsError } from './cli-io.js';

/**
 * Creates a directory and its missing parents one level at a time. Node 20's
 * `mkdirSync(path, {recursive: true})` can spin forever on some file systems (procfs), so the
 * recursive flag is never used on a path the user typed; any failure becomes one clear error.
 */
export function ensureDirectory(path: string, what: string): void {
  const missing: string[] = [];
  let current = path;
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (missing.length === 0 && !statSync(path).isDirectory()) throw new CliError(`${what} '${path}' exists and is not a directory`);
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      throw new CliError(`cannot create ${what} '${path}': ${describeFsError(error)}`);
    }
  }
}
