/**
 * The one way a test compares output with a checked-in golden file. A normal run only reads:
 * a missing golden fails, so a deleted or never-reviewed golden cannot pass by being written
 * on the spot. Only the explicit update command writes goldens:
 *
 *   npm run goldens:update        (UPDATE_GOLDEN=1 on the golden tests; review the diff)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for messages that name a golden without the machine's path. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** True only under the update command (`UPDATE_GOLDEN=1`). */
export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

/**
 * The golden text at `path`: first written with `actual` when `update` is set, else only read.
 * Throws when the file does not exist, naming the command that creates it.
 */
export function readGolden(path: string, actual: string, update: boolean = UPDATE_GOLDEN): string {
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) {
    throw new Error(`missing golden file ${relative(REPO_ROOT, path)}: run \`npm run goldens:update\` and review the diff`);
  }
  return readFileSync(path, 'utf8');
}
