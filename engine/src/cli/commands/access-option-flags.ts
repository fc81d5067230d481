import type { AccessOptions } from '../../access/access-types.js';
import { DEFAULT_ACCESS_OPTIONS } from '../../access/access-options.js';
import { closest } from '../../language/suggest.js';
import { CliError } from '../cli-error.js';

/** The access option names `--option` accepts: every option the engine defines. */
export const ACCESS_OPTION_NAMES: readonly string[] = Object.keys(DEFAULT_ACCESS_OPTIONS);

/**
 * Parses repeated `--option name=value` flags into access options. An unknown name is refused
 * with a did-you-mean (a typo must not silently leave the default in force); values are
 * validated by `authorize`. Messages name the flag by its position, never echo it.
 */
export function parseOptionFlags(flags: readonly string[]): Partial<AccessOptions> {
  const options: Record<string, unknown> = {};
  flags.forEach((flag, index) => {
    const which = flags.length > 1 ? `--option number ${index + 1}` : '--option';
    const equals = flag.indexOf('=');
    if (equals <= 0) throw new CliError(`${which}: write name=value, e.g. queryRestrictedSearch=refuse`);
    const name = flag.slice(0, equals);
    const value = flag.slice(equals + 1);
    if (!Object.hasOwn(DEFAULT_ACCESS_OPTIONS, name)) {
      const suggestion = closest(name, ACCESS_OPTION_NAMES);
      throw new CliError(`${which} names no access option${suggestion ? `; did you mean ${suggestion}?` : ''} (options: ${ACCESS_OPTION_NAMES.join(', ')})`);
    }
    options[name] = value.startsWith('{') ? parseObject(name, value) : value;
  });
  return options as Partial<AccessOptions>;
}

function parseObject(name: string, value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new CliError(`--option ${name}: the value starts with '{' but is not valid JSON`);
  }
}
