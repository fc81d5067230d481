import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../engine/src/cli/run-cli.js';
import { readInputFile, type CliIo } from '../../engine/src/cli/cli-io.js';
import { resolve } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output; files resolve against the repository root. */
export async function cli(argv: readonly string[], files: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    readFile: (path, maxBytes) => files[path] ?? readInputFile(resolve(REPO_ROOT, path), maxBytes),
    cwd: REPO_ROOT,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Runs the built `smart-policy` binary as a real process (`npm test` builds it first). */
export function spawnCli(argv: readonly string[], input?: string): CliRun {
  const result = spawnSync(process.execPath, [resolve(REPO_ROOT, 'engine/dist/cli/main.js'), ...argv], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function jsonLinesOf(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
