/**
 * The one search-parameter lookup every layer asks (the checker's scope-query rules, access
 * decisions, search reach, compartment links): what a parameter code means on a resource type.
 * The data is held in Maps built from the generated JSON, so a code such as `toString`,
 * `constructor` or `__proto__` is never mistaken for a parameter through the object prototype.
 *
 * Which codes may restrict a scope on a type (Scopes and Launch Context, finer-grained resource constraints using search parameters): the type's own search
 * parameters, the common `Resource` ones, `DomainResource`'s `_text` (not on Bundle, Binary,
 * Parameters, nor on `*`, which includes them) and the special parameters that filter with a
 * syntax of their own (`_filter`, `_has`, `_list`). Result parameters (`_count`, `_sort`,
 * `_format`, ...) shape the response and `_type` picks types in a system search: neither
 * restricts which resources of a type match.
 */
import data from './data/search-parameters-r4.json' with { type: 'json' };

export type SearchParameterType = 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';

export interface SearchParameterDefinition {
  readonly type: SearchParameterType;
  /** Allowed target types of a reference parameter. */
  readonly target?: readonly string[];
  /** The FHIRPath expression of the official definition, as it applies to this base type. */
  readonly expression?: string;
  /** Component parameter names of a composite parameter. */
  readonly components?: readonly string[];
}

/** How a bare parameter code (modifier and chain removed) resolves on a type or `*`. */
export type SearchParameterLookup =
  /** Restricts which resources match; `definition.type` is `special` for `_filter`, `_has`, `_list`. */
  | { readonly kind: 'search'; readonly definition: SearchParameterDefinition }
  /** Shapes the results (`_count`, `_include`, `_format`, ...), never which resources match. */
  | { readonly kind: 'result' }
  /** `_type`: picks the types of a system-level search, not a filter on one type's resources. */
  | { readonly kind: 'type-selector' }
  | { readonly kind: 'unknown' };

type DefinitionTable = ReadonlyMap<string, SearchParameterDefinition>;

const BY_TYPE: ReadonlyMap<string, DefinitionTable> = new Map(
  Object.entries(data.byResource as Record<string, Record<string, SearchParameterDefinition>>).map(
    ([type, codes]) => [type, new Map(Object.entries(codes))] as const,
  ),
);
const EMPTY: DefinitionTable = new Map();
const COMMON: DefinitionTable = BY_TYPE.get('Resource') ?? EMPTY;
const DOMAIN: DefinitionTable = BY_TYPE.get('DomainResource') ?? EMPTY;
const NOT_DOMAIN_RESOURCES: ReadonlySet<string> = new Set(['Bundle', 'Binary', 'Parameters', '*']);
const SPECIAL: SearchParameterDefinition = Object.freeze({ type: 'special' });
const FILTERING_SPECIALS: ReadonlySet<string> = new Set(['_filter', '_has', '_list']);
const TYPE_SELECTOR = '_type';

/** Result-control parameters (`_sort`, `_count`, `_include`, ...) and the format parameters. */
export const RESULT_PARAMETERS: ReadonlySet<string> = new Set([...data.resultParameters, '_format', '_pretty']);

/** The definition the type itself declares under `code` (not the common ones), or undefined. */
export function declaredSearchParameter(resourceType: string, code: string): SearchParameterDefinition | undefined {
  return BY_TYPE.get(resourceType)?.get(code);
}

/**
 * The definition of a parameter with an R4 SearchParameter behind it on the type: its own, a
 * common `Resource` one, or `_text`. Special and result parameters have none.
 */
export function searchParameter(resourceType: string, code: string): SearchParameterDefinition | undefined {
  if (resourceType !== '*') {
    const own = declaredSearchParameter(resourceType, code);
    if (own !== undefined) return own;
  }
  const common = COMMON.get(code);
  if (common !== undefined) return common;
  return NOT_DOMAIN_RESOURCES.has(resourceType) ? undefined : DOMAIN.get(code);
}

/** What `code` means on `resourceType` (`*`: every type). */
export function lookupSearchParameter(resourceType: string, code: string): SearchParameterLookup {
  const definition = searchParameter(resourceType, code);
  if (definition !== undefined) return { kind: 'search', definition };
  if (FILTERING_SPECIALS.has(code)) return { kind: 'search', definition: SPECIAL };
  if (RESULT_PARAMETERS.has(code)) return { kind: 'result' };
  if (code === TYPE_SELECTOR) return { kind: 'type-selector' };
  return { kind: 'unknown' };
}

/** Every code with a definition on a type (`searchParameter` finds each), sorted, for messages and completion. */
export function searchParameterCodes(resourceType: string): string[] {
  const codes = new Set<string>(COMMON.keys());
  if (resourceType !== '*') {
    for (const code of (BY_TYPE.get(resourceType) ?? EMPTY).keys()) codes.add(code);
    if (!NOT_DOMAIN_RESOURCES.has(resourceType)) for (const code of DOMAIN.keys()) codes.add(code);
  }
  return [...codes].sort();
}

/** True when some R4 type (or `DomainResource`) defines `code`: on `*` it is then "not universal", not unknown. */
export function isSearchParameterOfSomeType(code: string): boolean {
  for (const table of BY_TYPE.values()) if (table.has(code)) return true;
  return false;
}
