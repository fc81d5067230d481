/**
 * The R4 Patient CompartmentDefinition as facts: which types can be in a patient's compartment and
 * which search parameters link an instance to its patient. An instance belongs to Patient/X when
 * ANY listed parameter refers to Patient/X; a Patient is also in its own compartment. (How a
 * resource is tested for membership is the access layer's job.)
 */
import data from './data/patient-compartment-r4.json' with { type: 'json' };
import { R4_RESOURCE_TYPES } from './resource-types.js';

const LINKS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(data.resources as Record<string, string[]>).map(([type, params]) => [type, Object.freeze([...params])] as const),
);

/** Types the definition says are never in a Patient compartment. */
export const R4_NEVER_IN_PATIENT_COMPARTMENT: readonly string[] = Object.freeze([...data.neverInCompartment]);

/** True when instances of the type can belong to a Patient compartment (Patient included). */
export function isCompartmentType(name: string): boolean {
  return LINKS.has(name);
}

/** The search parameters that link an instance of the type to its patient (empty when none). */
export function compartmentParameters(name: string): readonly string[] {
  return LINKS.get(name) ?? [];
}

/** Concrete types that can be in a Patient compartment (Patient included). */
export const COMPARTMENT_TYPES: readonly string[] = Object.freeze(R4_RESOURCE_TYPES.filter(isCompartmentType));
