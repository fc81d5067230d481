import { R4_ABSTRACT_TYPES, R4_RESOURCE_TYPES } from './data/r4-resource-types.js';

/** Concrete R4 resource type names, for O(1) membership checks on untrusted input. */
export const RESOURCE_TYPE_SET: ReadonlySet<string> = new Set(R4_RESOURCE_TYPES);

/** Abstract R4 types (`Resource`, `DomainResource`), named so errors can say why they are refused. */
export const ABSTRACT_TYPE_SET: ReadonlySet<string> = new Set(R4_ABSTRACT_TYPES);

/** Lower-cased type name → canonical name, to suggest the right spelling and to check `launch/<type>`. */
export const RESOURCE_TYPE_BY_LOWER_NAME: ReadonlyMap<string, string> = new Map(
  R4_RESOURCE_TYPES.map((name) => [name.toLowerCase(), name] as const),
);
