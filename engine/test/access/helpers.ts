import { authorize } from '../../src/access/authorize.js';
import type { AccessRequest, AccessResult, FhirRequest, LaunchContext } from '../../src/access/access-types.js';

export const CAT = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const LAB = `${CAT}|laboratory`;

export function obs(
  id: string,
  patient: string,
  category = 'laboratory',
  status = 'final',
): Record<string, unknown> & { resourceType: string } {
  return {
    resourceType: 'Observation',
    id,
    status,
    category: [{ coding: [{ system: CAT, code: category }] }],
    code: { text: 'x' },
    subject: { reference: `Patient/${patient}` },
  };
}

export function cond(id: string, patient: string): Record<string, unknown> & { resourceType: string } {
  return { resourceType: 'Condition', id, subject: { reference: `Patient/${patient}` } };
}

/** Shorthand: decide with scopes, a request, and optional context/resource/options. */
export function decide(
  granted: readonly string[],
  request: FhirRequest,
  more: Partial<Omit<AccessRequest, 'granted' | 'request'>> & { context?: LaunchContext } = {},
): AccessResult {
  return authorize({ granted, request, ...more });
}

export const ctx123 = { context: { patient: '123' } } as const;
