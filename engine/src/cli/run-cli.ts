import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { USAGE } from './usage.js';
import { COMMANDS, EVAL_KINDS } from './commands/index.js';
import { helpFor } from './command-help.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../node/read-bounded.js';
import { appendAll } from '../util/append-all.js';

/**
 * Runs one CLI invocation and returns its exit code. Every failure becomes one clear line on
 * stderr; stack traces are never shown (set SMART_POLICY_DEBUG=1 to see them while developing).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? EXIT.invalid : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`smart-policy: unknown command; run 'smart-policy --help' for the list (${Object.keys(COMMANDS).join(', ')}).`);
    return EXIT.invalid;
  }
  try {
    const help = helpRequested(name, rest);
    if (help !== undefined) {
      io.out(help);
      return EXIT.ok;
    }
    const { args, maxInputBytes } = takeMaxInputBytes(rest);
    return await command(args, { ...io, maxInputBytes });
  } catch (error) {
    if (process.env['SMART_POLICY_DEBUG'] === '1' && error instanceof Error) io.err(error.stack ?? error.message);
    io.err(`smart-policy ${name}: ${describe(error)}`);
    return error instanceof CliError ? error.exitCode : EXIT.invalid;
  }
}

/** The options part of `args`: everything before a `--`. */
function optionPart(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end < 0 ? args : args.slice(0, end);
}

/** `--help`/`-h` anywhere among a command's options: its help text (`eval access --help` too). */
function helpRequested(name: string, args: readonly string[]): string | undefined {
  const options = optionPart(args);
  if (!options.includes('--help') && !options.includes('-h')) return undefined;
  const kind = name === 'eval' && EVAL_KINDS.includes(args[0] ?? '') ? `eval ${args[0]}` : name;
  return helpFor(kind) ?? USAGE;
}

/**
 * Removes the global `--max-input-bytes N` (before any `--`) and returns the limit in force: the
 * flag, else `SMART_POLICY_MAX_INPUT_BYTES`, else 64 MiB.
 */
function takeMaxInputBytes(args: readonly string[]): { args: string[]; maxInputBytes: number } {
  const out: string[] = [];
  let value: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') break;
    if (arg === '--max-input-bytes') {
      value = args[i + 1];
      if (value === undefined) throw new CliError('--max-input-bytes needs a number of bytes');
      i++;
    } else if (arg.startsWith('--max-input-bytes=')) value = arg.slice('--max-input-bytes='.length);
    else out.push(arg);
  }
  appendAll(out, args.slice(i));
  const env = process.env['SMART_POLICY_MAX_INPUT_BYTES'];
  if (value === undefined && env !== undefined && env !== '')
    return { args: out, maxInputBytes: parseByteCount(env, 'SMART_POLICY_MAX_INPUT_BYTES') };
  return { args: out, maxInputBytes: value === undefined ? DEFAULT_MAX_INPUT_BYTES : parseByteCount(value, '--max-input-bytes') };
}

function parseByteCount(text: string, where: string): number {
  if (!/^[0-9]{1,15}$/.test(text) || Number(text) < 1) throw new CliError(`${where} must be a whole number of bytes, at least 1`);
  return Number(text);
}

function describe(error: unknown): string {
  if (error instanceof CliError) return error.message;
  // node:util parseArgs errors name the offending flag; keep the kind of error, drop the value.
  if (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    return `${parseArgsMessage(error)}. Run the command with --help for its usage.`;
  }
  return `internal error (${error instanceof Error ? error.name : typeof error}); run with SMART_POLICY_DEBUG=1 for details`;
}

/** parseArgs messages quote the argument (`Unknown option '--tokn=eyJ…'`); keep only the kind of error. */
function parseArgsMessage(error: Error): string {
  const code = String((error as Error & { code?: unknown }).code);
  // Only a name shaped like an option (lowercase words and dashes) is shown; never its value.
  const name = /'(--?[a-z][a-z-]{0,29})(?:=[^']*)?'/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return name !== undefined ? `unknown option ${name}` : "an option is not one of this command's options";
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'this command takes no positional arguments (did you forget an option name?)';
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return 'an option is missing its value, or was given one it does not take';
  return 'invalid arguments';
}
