import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';

/** Where the CLI writes; injectable so tests can run commands in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly readFile: (path: string) => string;
  readonly cwd: string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  cwd: process.cwd(),
};

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** A file-system error in words (`EISDIR` → "it is a directory"). */
export function describeFsError(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : '';
  return FS_ERRORS[code] ?? (code || (error instanceof Error ? error.message : 'unknown error'));
}

/** Reads a file, turning I/O failures into a one-line error that names the file. */
export function readText(io: CliIo, path: string, what: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    throw new CliError(`cannot read ${what} '${path}': ${describeFsError(error)}`);
  }
}

/** Parses JSON, reporting the file and the position of a syntax error. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'invalid JSON';
    throw new CliError(`${source}: invalid JSON (${detail})`);
  }
}

/** Splits JSON Lines text into non-blank lines with their 1-based line numbers. */
export function jsonLines(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (lineText.trim() !== '') lines.push({ line: index + 1, text: lineText });
  });
  return lines;
}
