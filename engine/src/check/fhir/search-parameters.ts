/**
 * Which query parameters may restrict a scope on a type (SMART.md §2.6, §16 A.8): the type's own
 * search parameters, the common `Resource` ones, `DomainResource`'s `_text` (not on Bundle,
 * Binary, Parameters) and the few special parameters that filter (`_filter`, `_has`, `_list`).
 * Result parameters (`_count`, `_sort`, ...) do not restrict which resources match, so they are
 * never valid in a scope.
 */
import type { SearchParameterDefinition } from '../../smart/data/r4-search-parameters.js';
import { suggest } from '../model/finding.js';
import {
  R4_RESULT_PARAMETERS,
  R4_SEARCH_PARAMETERS,
} from '../../smart/data/r4-search-parameters.js';

const NOT_DOMAIN_RESOURCES: ReadonlySet<string> = new Set(['Bundle', 'Binary', 'Parameters']);
const FILTERING_SPECIALS: Readonly<Record<string, SearchParameterDefinition>> = {
  _filter: { type: 'special' },
  _has: { type: 'special' },
  _list: { type: 'special' },
};
const RESULT_PARAMETERS: ReadonlySet<string> = new Set([...R4_RESULT_PARAMETERS, '_type', '_format', '_pretty']);

/** How a parameter name resolves on a type. */
export type ParameterLookup =
  | { readonly kind: 'search'; readonly definition: SearchParameterDefinition }
  | { readonly kind: 'result' }
  | { readonly kind: 'unknown'; readonly suggestion?: string };

/** Looks up a bare parameter code (modifier and chain already removed) on a type or `*`. */
export function lookupSearchParameter(resourceType: string, code: string): ParameterLookup {
  const own = resourceType === '*' ? undefined : R4_SEARCH_PARAMETERS[resourceType]?.[code];
  if (own) return { kind: 'search', definition: own };
  const common = R4_SEARCH_PARAMETERS['Resource']?.[code];
  if (common) return { kind: 'search', definition: common };
  const domain = R4_SEARCH_PARAMETERS['DomainResource']?.[code];
  if (domain && !NOT_DOMAIN_RESOURCES.has(resourceType)) return { kind: 'search', definition: domain };
  const special = FILTERING_SPECIALS[code];
  if (special) return { kind: 'search', definition: special };
  if (RESULT_PARAMETERS.has(code)) return { kind: 'result' };
  const suggestion = suggestParameter(resourceType, code);
  return suggestion === undefined ? { kind: 'unknown' } : { kind: 'unknown', suggestion };
}

/** Every parameter code valid on a type, sorted (for messages and completion). */
export function searchParameterCodes(resourceType: string): string[] {
  const codes = new Set<string>(Object.keys(R4_SEARCH_PARAMETERS['Resource'] ?? {}));
  if (resourceType !== '*') {
    for (const code of Object.keys(R4_SEARCH_PARAMETERS[resourceType] ?? {})) codes.add(code);
    if (!NOT_DOMAIN_RESOURCES.has(resourceType)) codes.add('_text');
  }
  return [...codes].sort();
}

// A close spelling (case-insensitive match, or edit distance 1–2) turns "unknown" into a fix.
function suggestParameter(resourceType: string, code: string): string | undefined {
  return suggest(code, searchParameterCodes(resourceType));
}
