/**
 * The concrete and abstract FHIR R4 resource type names: membership, canonical spelling for the
 * checker, the scope parser and access decisions alike.
 * Every lookup is a Set/Map lookup, so names such as `constructor` or `__proto__` are never types.
 */
import data from './data/resource-types-r4.json' with { type: 'json' };

/** The concrete resource type names of FHIR R4, sorted, case-sensitive. */
export const R4_RESOURCE_TYPES: readonly string[] = Object.freeze([...data.resourceTypes]);

/** Abstract types (`Resource`, `DomainResource`), never valid in a scope. */
export const R4_ABSTRACT_TYPES: readonly string[] = Object.freeze([...data.abstractTypes]);

/** Concrete R4 resource type names, for O(1) membership checks on untrusted input. */
export const RESOURCE_TYPE_SET: ReadonlySet<string> = new Set(R4_RESOURCE_TYPES);

/** Abstract R4 types, named so errors can say why they are refused. */
export const ABSTRACT_TYPE_SET: ReadonlySet<string> = new Set(R4_ABSTRACT_TYPES);

/** Lower-cased type name → canonical name, to suggest the right spelling and to check `launch/<type>`. */
export const RESOURCE_TYPE_BY_LOWER_NAME: ReadonlyMap<string, string> = new Map(
  R4_RESOURCE_TYPES.map((name) => [name.toLowerCase(), name] as const),
);

/** True for the concrete R4 resource type names (case-sensitive). */
export function isResourceType(name: string): boolean {
  return RESOURCE_TYPE_SET.has(name);
}
