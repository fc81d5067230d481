import { parseArgs } from 'node:util';
import { formatScope, parseScope, toNormalized } from '../../smart/index.js';
import type { ScopeParseResult } from '../../smart/scope-types.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

/**
 * `smart-policy scope [--json] [--] <scope...>`: parsed form, canonical v2 form, or what is wrong
 * and at which character. Exit 0 when every scope is valid, 3 when any is not.
 */
export function scopeCommand(args: readonly string[], io: CliIo): ExitCode {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
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
    return [`✗ ${JSON.stringify(result.text)}: ${error.message} [${error.code}, character ${error.offset + 1}]`, `   ${result.text}`, `   ${caret}`].join('\n');
  }
  const v2 = formatScope(result.scope, { syntax: 'v2' });
  const detail = Object.entries(toNormalized(result.scope))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `✓ ${result.text}${v2 !== result.text ? `  → v2: ${v2}` : ''}\n   ${detail}`;
}
