/**
 * The one options registry: every policy option with its keyword, values, default,
 * documentation and the decisions it affects. The parser's vocabulary, the compiler's
 * resolution of `option` statements, the bundle's members and their loader check, the CLI's
 * `--option` and the docs table are all derived from it; so are the types below.
 */
import { ACCESS_OPTION_REGISTRY } from './access-option-registry.js';
import type { OptionDefinition, OptionsOf, SettableOption } from './option-definition.js';
import { TOKEN_OPTION_REGISTRY } from './token-option-registry.js';

export { ACCESS_OPTION_REGISTRY, SERVER_BASE_PATTERN } from './access-option-registry.js';
export { TOKEN_OPTION_REGISTRY } from './token-option-registry.js';

/**
 * Named options that settle the ambiguities of SMART 2.2 that touch access (questions the SMART App Launch IG leaves open).
 * Every member is documented in the registry (`ACCESS_OPTION_REGISTRY`, the options README).
 */
export type AccessOptions = OptionsOf<typeof ACCESS_OPTION_REGISTRY>;

/**
 * Options that settle the spec's ambiguities outside resource access. Every member is always
 * present in a bundle: the compiler fills in the registry's defaults, so a bundle means the
 * same thing on every engine version that reads it.
 */
export type TokenOptions = OptionsOf<typeof TOKEN_OPTION_REGISTRY>;

/** Which options object of the bundle (`policy.options.access` or `.token`) holds a member. */
export type OptionGroup = 'access' | 'token';

/** One registry entry with where it lives. */
export interface RegisteredOption {
  readonly group: OptionGroup;
  /** The member name in the bundle and the name `--option` takes (`queryRestrictedSearch`). */
  readonly member: string;
  readonly definition: OptionDefinition;
}

/** A registry entry a policy can set (everything but the fixed ones). */
export interface SettableRegisteredOption extends RegisteredOption {
  readonly definition: SettableOption;
}

function entries(group: OptionGroup, registry: Readonly<Record<string, OptionDefinition>>): RegisteredOption[] {
  return Object.entries(registry).map(([member, definition]) => Object.freeze({ group, member, definition }));
}

/** Every option, access options first, each group in registry order. */
export const ALL_OPTIONS: readonly RegisteredOption[] = Object.freeze([
  ...entries('access', ACCESS_OPTION_REGISTRY),
  ...entries('token', TOKEN_OPTION_REGISTRY),
]);

/** The options a policy can set, in registry order. */
export const SETTABLE_OPTIONS: readonly SettableRegisteredOption[] = Object.freeze(
  ALL_OPTIONS.filter((o): o is SettableRegisteredOption => o.definition.kind !== 'fixed'),
);

/** The option a policy keyword names (own entries only: `toString` names none). */
export function optionByKeyword(keyword: string): SettableRegisteredOption | undefined {
  return SETTABLE_OPTIONS.find((o) => o.definition.keyword === keyword);
}

/** The option of a group a member name names (own entries only). */
export function optionByMember(group: OptionGroup, member: string): RegisteredOption | undefined {
  return ALL_OPTIONS.find((o) => o.group === group && o.member === member);
}

/** The default (or fixed) value of a registry entry. */
export function defaultValueOf(definition: OptionDefinition): unknown {
  return definition.kind === 'fixed' ? definition.value : definition.default;
}

function defaultsOf(group: OptionGroup): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of ALL_OPTIONS) if (o.group === group) out[o.member] = defaultValueOf(o.definition);
  return out;
}

/** The access options when a policy sets none (frozen; build your own object to change them). */
export const DEFAULT_ACCESS_OPTIONS: AccessOptions = Object.freeze(defaultsOf('access')) as AccessOptions;

/** The token options when a policy sets none (frozen). */
export const DEFAULT_TOKEN_OPTIONS: TokenOptions = Object.freeze(defaultsOf('token')) as TokenOptions;
