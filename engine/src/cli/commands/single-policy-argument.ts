import { CliError } from '../cli-error.js';

/** What a command accepts as its policy: only source files, or source files and compiled bundles. */
export type PolicyArgumentKind = 'source' | 'source-or-bundle';

const DESCRIPTIONS: Readonly<Record<PolicyArgumentKind, string>> = {
  source: 'exactly one policy file (the entry file of a policy set)',
  'source-or-bundle': 'exactly one policy (entry .smartpolicy file or compiled bundle .json)',
};

/** The one policy path a command was given, or a CliError that says what the command needs. */
export function singlePolicyArgument(positionals: readonly string[], command: string, kind: PolicyArgumentKind): string {
  const [entry, ...extra] = positionals;
  if (entry === undefined || extra.length > 0) throw new CliError(`${command} needs ${DESCRIPTIONS[kind]}`);
  return entry;
}
