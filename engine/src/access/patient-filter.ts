/**
 * Is a search limited to one patient by its own parameters (rule 24: `patient=`, `subject=`,
 * `subject=Patient/x`, compartment search), to another patient (rule 25), or not at all? And the
 * filter an engine adds when it is not (`patient=<id>`).
 */
import type { QueryPair } from '../smart/scope-types.js';
import type { AccessOptions } from './access-types.js';
import { isAbsoluteUrl, offsetUnderBase, type ServerBase } from './server-base.js';
import { typeFacts, type TypeFacts } from './type-facts.js';

/** `same`: limited to the context patient; `other`: names another patient; `none`: not limited. */
export type PatientLimit = 'same' | 'other' | 'none';

/** Search parameters of a type whose value names the patient the results are about. */
export function patientLinkParams(resourceType: string, membership: AccessOptions['patientMembership']): ReadonlySet<string> {
  return typeFacts(resourceType).linkParams(membership);
}

/** A Patient named under another server's base: never the context patient. */
const FOREIGN_PATIENT = Symbol('foreign patient');

/**
 * The patient id a reference search value names, `null` for a non-patient reference. An absolute
 * URL names a patient of this server only under its base; under another base (or with none
 * configured) a Patient URL is `FOREIGN_PATIENT`, which is never the context patient.
 */
function patientIdOf(value: string, allowBare: boolean, base: ServerBase | undefined): string | null | typeof FOREIGN_PATIENT {
  const slash = value.indexOf('/');
  if (slash < 0) return allowBare && value.indexOf(':') < 0 ? value : null; // a bare id
  let rel = value;
  if (isAbsoluteUrl(value)) {
    const at = base === undefined ? -1 : offsetUnderBase(value, base);
    if (at < 0) return value.indexOf('/Patient/') >= 0 ? FOREIGN_PATIENT : null;
    rel = value.slice(at);
  }
  const hist = rel.indexOf('/_history/');
  const v = hist >= 0 ? rel.slice(0, hist) : rel;
  if (!v.startsWith('Patient/')) return null;
  const id = v.slice(8);
  return id.length > 0 && id.indexOf('/') < 0 ? id : null;
}

/**
 * How the request's own parameters (and a compartment-search owner) limit a search of
 * `resourceType` relative to the context patient. Any mention of another patient wins: an
 * explicit request for another patient's data is refused under `patient/` scopes (rule 25).
 */
export function patientLimit(
  facts: TypeFacts,
  params: readonly QueryPair[],
  patient: string,
  membership: AccessOptions['patientMembership'],
  compartmentPatient?: string,
  serverBase?: ServerBase,
): PatientLimit {
  let limit: PatientLimit = 'none';
  if (compartmentPatient !== undefined) {
    if (compartmentPatient !== patient) return 'other';
    limit = 'same';
  }
  const isPatientType = facts.type === 'Patient';
  const links = isPatientType ? undefined : facts.linkParams(membership);
  const bare = facts.bareIdParams;
  for (let i = 0; i < params.length; i++) {
    const p = params[i] as QueryPair;
    let name = p.name;
    const colon = name.indexOf(':');
    if (colon >= 0) {
      // Only the `:Patient` type modifier keeps the value a patient reference.
      if (name.slice(colon + 1) !== 'Patient') continue;
      name = name.slice(0, colon);
    }
    if (isPatientType ? name !== '_id' : !(links as ReadonlySet<string>).has(name)) continue;
    const value = p.value;
    let allSame = value.length > 0;
    let start = 0;
    while (start <= value.length) {
      let end = value.indexOf(',', start);
      if (end < 0) end = value.length;
      const alt = value.slice(start, end);
      const id = isPatientType ? alt : patientIdOf(alt, bare.has(name), serverBase);
      if (id === FOREIGN_PATIENT) return 'other';
      if (id === null || id.length === 0) allSame = false;
      else if (id !== patient) return 'other';
      start = end + 1;
    }
    if (allSame) limit = 'same';
  }
  return limit;
}

const filterCache = new Map<string, string>();

/** The parameter an engine adds to limit a search of `resourceType` to a patient. */
export function patientFilterParam(resourceType: string, membership: AccessOptions['patientMembership']): string | undefined {
  const key = membership + ':' + resourceType;
  const hit = filterCache.get(key);
  if (hit !== undefined) return hit === '' ? undefined : hit;
  let name: string | undefined;
  if (resourceType === 'Patient') name = '_id';
  else {
    const links = patientLinkParams(resourceType, membership);
    if (links.has('patient')) name = 'patient';
    else if (links.has('subject')) name = 'subject';
    else name = links.values().next().value;
  }
  filterCache.set(key, name ?? '');
  return name;
}

/** The narrowing pair that limits a search of `resourceType` to `patient`. */
export function patientFilter(
  resourceType: string,
  patient: string,
  membership: AccessOptions['patientMembership'],
): QueryPair | undefined {
  const name = patientFilterParam(resourceType, membership);
  if (name === undefined) return undefined;
  // `patient=` and `_id=` take a bare id; other links take a typed reference (several targets).
  const value = name === 'patient' || name === '_id' ? patient : 'Patient/' + patient;
  return { name, value };
}
