import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { USAGE } from './usage.js';
import { COMMANDS } from './commands/index.js';

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
    io.err(`smart-policy: unknown command '${name}'. Run 'smart-policy --help' for the list.`);
    return EXIT.invalid;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (process.env['SMART_POLICY_DEBUG'] === '1' && error instanceof Error) io.err(error.stack ?? error.message);
    io.err(`smart-policy ${name}: ${describe(error)}`);
    return error instanceof CliError ? error.exitCode : EXIT.invalid;
  }
}

function describe(error: unknown): string {
  if (error instanceof CliError) return error.message;
  // node:util parseArgs errors name the offending flag; keep their message, drop the stack.
  if (error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    return `${error.message}. Run 'smart-policy --help' for usage.`;
  }
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}
