import type { AccessOptions } from '../../access/access-types.js';
import { CliError } from '../cli-error.js';

/** Parses repeated `--option name=value` flags into access options (values are validated by `authorize`). */
export function parseOptionFlags(flags: readonly string[]): Partial<AccessOptions> {
  const options: Record<string, unknown> = {};
  for (const flag of flags) {
    const equals = flag.indexOf('=');
    if (equals <= 0) throw new CliError(`--option '${flag}': write name=value, e.g. queryRestrictedSearch=refuse`);
    const name = flag.slice(0, equals);
    const value = flag.slice(equals + 1);
    options[name] = value.startsWith('{') ? parseObject(name, value) : value;
  }
  return options as Partial<AccessOptions>;
}

function parseObject(name: string, value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new CliError(`--option ${name}: the value starts with '{' but is not valid JSON`);
  }
}
