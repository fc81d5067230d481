import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * An error the CLI reports as one clear sentence (never a stack trace): what was wrong and where
 * (file, line, JSON path). Thrown by commands, caught once in `main`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.invalid,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
