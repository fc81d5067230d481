import { parseArgs } from 'node:util';
import { formatScope, parseScope, toNormalized } from '../../smart/index.js';
import { ScopeSet } from '../../smart/scope-set.js';
import type { ScopeParseResult } from '../../smart/scope-types.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/**
 * `smart-policy scope [--json] [--] <scope...>`: parsed form, canonical v2 form, or what is wrong
 * and at which character. Exit 0 when every scope is valid, 3 when any is not.
 * `smart-policy scope --set [--json] [--] "<scope string>"`: the minimal canonical v2 form of a
 * space-separated scope string read as one set.
 */
export function scopeCommand(args: readonly string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, set: { type: 'boolean' } },
  });
  if (values.set) return scopeSetCommand(positionals, values.json === true, io);
  if (positionals.length === 0) throw new CliError("scope needs at least one scope, e.g. 'smart-policy scope patient/Observation.rs'");
  let allValid = true;
  for (const text of positionals) {
    const result = parseScope(text);
    allValid &&= result.ok;
    io.out(values.json ? JSON.stringify(scopeJson(result)) : scopeHuman(result));
  }
  return allValid ? EXIT.ok : EXIT.invalid;
}

/** The `--json` line: `{"scope", "valid", "parsed"?, "v2"?, "error"?}`. */
export function scopeJson(result: ScopeParseResult): Record<string, unknown> {
  if (!result.ok) return { scope: result.text, valid: false, error: result.error };
  return { scope: result.text, valid: true, parsed: toNormalized(result.scope), v2: formatScope(result.scope, { syntax: 'v2' }) };
}

function scopeHuman(result: ScopeParseResult): string {
  if (!result.ok) {
    const { error } = result;
    const caret = `${' '.repeat(Math.min(error.offset, result.text.length))}${'^'.repeat(Math.max(1, error.length))}`;
    return [
      `✗ ${JSON.stringify(result.text)}: ${error.message} [${error.code}, character ${error.offset + 1}]`,
      `   ${result.text}`,
      `   ${caret}`,
    ].join('\n');
  }
  const v2 = formatScope(result.scope, { syntax: 'v2' });
  const detail = Object.entries(toNormalized(result.scope))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `✓ ${result.text}${v2 !== result.text ? `  → v2: ${v2}` : ''}\n   ${detail}`;
}

/**
 * `scope --set`: every argument is a scope string (space-separated, as in a token request); the
 * union of their valid scopes is printed in its minimal canonical v2 form. Invalid scopes grant
 * nothing: they are left out and reported (offset into the argument), and the exit code is 3.
 */
function scopeSetCommand(strings: readonly string[], json: boolean, io: CliIo): ExitCode {
  if (strings.length === 0)
    throw new CliError('scope --set needs a scope string, e.g. smart-policy scope --set -- "user/Appointment.read user/Appointment.write"');
  let set = ScopeSet.EMPTY;
  const errors: { argument: number; offset: number; code: string; message: string }[] = [];
  strings.forEach((text, index) => {
    const parsed = ScopeSet.fromParameter(text);
    set = set.union(parsed.set);
    for (const e of parsed.errors) errors.push({ argument: index + 1, offset: e.offset, code: e.code, message: e.message });
  });
  const minimal = set.toStrings({ syntax: 'v2' });
  if (json) {
    io.out(
      JSON.stringify({ scope: minimal.join(' '), scopes: minimal, valid: errors.length === 0, ...(errors.length > 0 ? { errors } : {}) }),
    );
  } else {
    io.out(minimal.join(' '));
    for (const e of errors) {
      io.err(
        `✗ ${strings.length > 1 ? `argument ${e.argument}, ` : ''}character ${e.offset + 1}: ${e.message} [${e.code}] (left out: it grants nothing)`,
      );
    }
  }
  return errors.length === 0 ? EXIT.ok : EXIT.invalid;
}
