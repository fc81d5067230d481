import type { CliIo } from '../cli-io.js';
import type { ExitCode } from '../exit-codes.js';
import { CliError } from '../cli-error.js';
import { evalAccessCommand } from './eval-access-command.js';
import { scopeCommand } from './scope-command.js';
import { checkCommand } from './check-command.js';
import { compileCommand } from './compile-command.js';
import { evalTokenCommand } from './eval-token-command.js';
import { testCommand } from './test-command.js';
import { fmtCommand } from './fmt-command.js';
import { explainCommand } from './explain-command.js';
import { docsCommand } from './docs-command.js';
import { evalDecisionCommand } from './eval-decision-command.js';
import { serveCommand } from './serve-command.js';
import { remindersCommand } from './reminders-command.js';

export type Command = (args: readonly string[], io: CliIo) => ExitCode | Promise<ExitCode>;

/** The decision kinds of `eval`. */
export const EVAL_KINDS: readonly string[] = ['access', 'token', 'refresh', 'introspection', 'registration'];

/** `eval access|token|refresh|introspection|registration`: the decision kinds share one verb, as they share one JSON schema. */
const evalCommand: Command = (args, io) => {
  const [kind, ...rest] = args;
  if (kind === 'access') return evalAccessCommand(rest, io);
  if (kind === 'token') return evalTokenCommand(rest, io);
  if (kind === 'refresh' || kind === 'introspection' || kind === 'registration') return evalDecisionCommand(kind, rest, io);
  throw new CliError(`eval needs a decision kind: ${EVAL_KINDS.map((k) => `'eval ${k}'`).join(', ')}`);
};

/** Every CLI command by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  scope: scopeCommand,
  eval: evalCommand,
  check: checkCommand,
  compile: compileCommand,
  test: testCommand,
  fmt: fmtCommand,
  explain: explainCommand,
  docs: docsCommand,
  serve: serveCommand,
  reminders: remindersCommand,
};
