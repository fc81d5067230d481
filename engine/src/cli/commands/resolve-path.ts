import { isAbsolute, resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';

/** Resolves a path given on the command line against the CLI's working directory. */
export function resolvePath(io: CliIo, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}
