import type { AccessOptions } from '../../access/access-types.js';
import { ALL_OPTIONS } from '../../options/option-registry.js';
import { closest } from '../../language/suggest.js';
import { CliError } from '../cli-error.js';

const ACCESS_OPTIONS = ALL_OPTIONS.filter((o) => o.group === 'access');

/** The access option names `--option` accepts: every access option of the registry (bundle member names). */
export const ACCESS_OPTION_NAMES: readonly string[] = ACCESS_OPTIONS.map((o) => o.member);

/** Policy keywords (`search.query_restricted`) → member names: `--option` accepts either. */
const BY_KEYWORD: ReadonlyMap<string, string> = new Map(
  ACCESS_OPTIONS.flatMap((o) =>
    o.definition.kind === 'fixed' || o.definition.kind === 'operations' ? [] : [[o.definition.keyword, o.member] as const],
  ),
);

/**
 * Parses repeated `--option name=value` flags into access options; `name` is a member name
 * (`queryRestrictedSearch`) or a policy keyword (`search.query_restricted`). An unknown name is
 * refused with a did-you-mean (a typo must not silently leave the default in force); values are
 * validated by `authorize`. Messages name the flag by its position, never echo it.
 */
export function parseOptionFlags(flags: readonly string[]): Partial<AccessOptions> {
  const options: Record<string, unknown> = {};
  flags.forEach((flag, index) => {
    const which = flags.length > 1 ? `--option number ${index + 1}` : '--option';
    const equals = flag.indexOf('=');
    if (equals <= 0) throw new CliError(`${which}: write name=value, e.g. queryRestrictedSearch=refuse`);
    const written = flag.slice(0, equals);
    const value = flag.slice(equals + 1);
    const name = ACCESS_OPTION_NAMES.includes(written) ? written : BY_KEYWORD.get(written);
    if (name === undefined) {
      const suggestion = closest(written, [...ACCESS_OPTION_NAMES, ...BY_KEYWORD.keys()]);
      throw new CliError(
        `${which} names no access option${suggestion ? `; did you mean ${suggestion}?` : ''} (options: ${ACCESS_OPTION_NAMES.join(', ')})`,
      );
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
