import { CliError } from './cli-error.js';
import { DEFAULT_MAX_INPUT_BYTES, describeFsFailure, readBoundedFd, readBoundedFile, type BoundedRead } from '../node/read-bounded.js';
import { describeJsonError } from '../io/json-syntax-error.js';

/** Where the CLI writes; injectable so tests can run commands in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads a file (`-`: standard input) of at most `maxBytes` bytes; throws InputReadError. */
  readonly readFile: (path: string, maxBytes: number) => string;
  readonly cwd: string;
  /** The size limit of every input (`--max-input-bytes`, `SMART_POLICY_MAX_INPUT_BYTES`); default 64 MiB. */
  readonly maxInputBytes?: number;
}

/** A read that failed; `message` says why in words, never quoting the input. */
export class InputReadError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'InputReadError';
  }
}

/**
 * Reads a file argument with the bounded reader: a regular file (or `-` for standard input, which
 * may be a pipe) of at most `maxBytes`. Devices and FIFOs named as files are refused without
 * blocking; `/dev/zero` on standard input stops at the limit.
 */
export function readInputFile(path: string, maxBytes: number): string {
  const read: BoundedRead = path === '-' ? readBoundedFd(0, maxBytes) : readBoundedFile(path, maxBytes);
  if (!read.ok) {
    const hint =
      read.reason === 'too-large'
        ? '; raise it with --max-input-bytes N (or SMART_POLICY_MAX_INPUT_BYTES)'
        : read.reason === 'not-regular'
          ? "; pass '-' and redirect it to read standard input"
          : '';
    throw new InputReadError(`${read.message}${hint}`, read.reason);
  }
  return read.text;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readFile: readInputFile,
  cwd: process.cwd(),
};

/** A file-system error in words (`EISDIR` → "it is a directory", `ELOOP` → "the path has a loop of symbolic links"). */
export function describeFsError(error: unknown): string {
  if (error instanceof InputReadError) return error.message;
  return describeFsFailure(error).message;
}

/** The input size limit in force for `io`. */
export function maxInputBytes(io: CliIo): number {
  return io.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
}

/** Reads a file, turning I/O failures into a one-line error that names the file. A leading BOM is dropped. */
export function readText(io: CliIo, path: string, what: string): string {
  let text: string;
  try {
    text = io.readFile(path, maxInputBytes(io));
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path === '-' ? '(standard input)' : `'${displayPath(path)}'`}: ${describeFsError(error)}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A path argument as shown in messages: itself when short, else its length (a 10 MB argument is never echoed). */
export function displayPath(path: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses to print
  return path.length <= 200 && !/[\u0000-\u001f\u007f]/.test(path) ? path : `(a path of ${path.length} characters)`;
}

/** Parses JSON, reporting the file and the line and column of a syntax error (never the text). */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(`${displayPath(source)}: ${describeJsonError(text)}`);
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
