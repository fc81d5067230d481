/**
 * Resource type names as small integers, so that per-type tables in a prepared token are arrays
 * indexed by number rather than maps keyed by string.
 */
import { R4_RESOURCE_TYPES } from '../smart/data/r4-resource-types.js';
import { R4_PATIENT_COMPARTMENT } from '../smart/data/r4-patient-compartment.js';

const INDEX = new Map<string, number>();
R4_RESOURCE_TYPES.forEach((name, i) => INDEX.set(name, i));

/** Number of concrete R4 resource types. */
export const RESOURCE_TYPE_COUNT: number = R4_RESOURCE_TYPES.length;

/** Index of a concrete R4 resource type, or -1. */
export function resourceTypeIndex(name: string): number {
  const i = INDEX.get(name);
  return i === undefined ? -1 : i;
}

/** True for the concrete R4 resource type names (case-sensitive). */
export function isResourceType(name: string): boolean {
  return INDEX.has(name);
}

/** The type name at an index (the caller guarantees the index is valid). */
export function resourceTypeName(index: number): string {
  return R4_RESOURCE_TYPES[index] ?? '';
}

/** True when instances of the type can belong to a Patient compartment (R4 definition). */
export function isCompartmentType(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(R4_PATIENT_COMPARTMENT, name);
}

/** Concrete types that can be in a Patient compartment (Patient included). */
export const COMPARTMENT_TYPES: readonly string[] = R4_RESOURCE_TYPES.filter(isCompartmentType);
