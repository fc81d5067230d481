/**
 * Scopes the policy's options make unreachable: under `patient.non_compartment_types deny`, a
 * patient-level scope on a type that is never in a Patient compartment (Device, Practitioner,
 * Location, Medication, Organization, Binary, …) is refused on every request; under
 * `read-search` only its reading and searching letters work. The consent screen must not
 * promise such access: `explain` leaves these letters out of the summary and says why, and the
 * `consent.unreachable-scope` lint reports grants that allow them.
 */
import type { ExplanationCatalog } from './explanation-catalog.js';
import { isCompartmentType } from '../fhir/patient-compartment.js';
import type { ResourceScope } from '../smart/scope-types.js';

export interface Unreachable {
  /** The permission letters of the scope that no request can use (`rs`, `cud`). */
  readonly letters: string;
  /** Why, in words for client developers (no input values). */
  readonly reason: string;
}

/** The letters of a scope that the catalog's options make unreachable, if any. */
export function unreachableLetters(
  scope: Pick<ResourceScope, 'level' | 'resourceType' | 'permissions'>,
  catalog: ExplanationCatalog | undefined,
): Unreachable | undefined {
  const mode = catalog?.patientNonCompartmentTypes;
  if (mode === undefined || scope.level !== 'patient' || scope.resourceType === '*') return undefined;
  if (isCompartmentType(scope.resourceType)) return undefined;
  const letters = mode === 'deny' ? scope.permissions : [...scope.permissions].filter((l) => 'cud'.includes(l)).join('');
  if (letters === '') return undefined;
  return {
    letters,
    reason:
      mode === 'deny'
        ? `${scope.resourceType} is never part of a patient’s record, so patient-level access to it is refused on every request (option patient.non_compartment_types deny)`
        : `${scope.resourceType} is never part of a patient’s record, so patient-level scopes only read and search it (option patient.non_compartment_types read-search)`,
  };
}
