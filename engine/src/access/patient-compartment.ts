/**
 * Membership of a resource in the Patient compartment of `Patient/<id>` (R4 CompartmentDefinition):
 * an instance belongs when ANY linking search parameter refers to that patient; a Patient belongs
 * to its own compartment. "Primary" membership keeps only links named `patient`/`subject`.
 */
import { compartmentParameters, isCompartmentType } from '../fhir/patient-compartment.js';
import { declaredSearchParameter } from '../fhir/search-parameters.js';
import type { AccessOptions } from './access-types.js';
import { compileAccessor, type Accessor } from './element-accessor.js';
import { refersTo, referenceString } from './fhir-reference.js';
import { parseServerBase, type ServerBase } from './server-base.js';

/**
 * The options membership depends on. `serverBase` (as in `AccessOptions`) makes absolute
 * references under that base count; without it absolute references never match.
 */
type MembershipOptions = Pick<AccessOptions, 'patientMembership' | 'patientLink'> & { readonly serverBase?: string };

/** The parsed `serverBase` of public-API options (an invalid one counts as none: fail closed). */
function baseOf(options: MembershipOptions): ServerBase | undefined {
  const raw = options.serverBase;
  return typeof raw === 'string' && raw.length > 0 ? (parseServerBase(raw) ?? undefined) : undefined;
}

/** One linking parameter of a type: its name and the compiled accessor of its expression. */
export interface CompartmentLink {
  readonly param: string;
  readonly accessor: Accessor;
}

// One map per option value, keyed by type: no key strings are built on the hot path.
const linksCompartment = new Map<string, readonly CompartmentLink[]>();
const linksPrimary = new Map<string, readonly CompartmentLink[]>();

/**
 * The parameters that link instances of `resourceType` to a patient, per membership option.
 * Empty for types that are never in a Patient compartment.
 */
export function compartmentLinks(
  resourceType: string,
  membership: AccessOptions['patientMembership'] = 'compartment',
): readonly CompartmentLink[] {
  const cache = membership === 'primary' ? linksPrimary : linksCompartment;
  let links = cache.get(resourceType);
  if (links === undefined) {
    links = computeLinks(resourceType, membership === 'primary');
    if (cache.size < 1024) cache.set(resourceType, links);
  }
  return links;
}

/** Names of the linking parameters (for reasons, narrowing and request checks). */
export function compartmentParamNames(
  resourceType: string,
  membership: AccessOptions['patientMembership'] = 'compartment',
): readonly string[] {
  return compartmentLinks(resourceType, membership).map((l) => l.param);
}

function computeLinks(resourceType: string, primary: boolean): readonly CompartmentLink[] {
  if (!isCompartmentType(resourceType)) return [];
  if (resourceType === 'Patient') return []; // own-record and `link` are handled explicitly
  const params = compartmentParameters(resourceType);
  let names: readonly string[] = params;
  if (primary) {
    names = params.filter((p) => p === 'patient' || p === 'subject');
    if (names.length === 0) {
      // No primary link in the definition (e.g. Appointment `actor`): use the type's own
      // `patient` search parameter when it has one, which is its primary patient reference.
      const own = declaredSearchParameter(resourceType, 'patient');
      names = own !== undefined && (own.target ?? []).includes('Patient') ? ['patient'] : [];
    }
  }
  const out: CompartmentLink[] = [];
  for (const param of names) {
    const def = declaredSearchParameter(resourceType, param);
    if (def?.expression === undefined) continue;
    out.push({ param, accessor: compileAccessor(resourceType, def.expression) });
  }
  return Object.freeze(out);
}

const PATIENT_LINK: CompartmentLink[] = [];
function patientLinkAccessor(): Accessor {
  if (PATIENT_LINK.length === 0) {
    PATIENT_LINK.push({ param: 'link', accessor: compileAccessor('Patient', 'Patient.link.other') });
  }
  return (PATIENT_LINK[0] as CompartmentLink).accessor;
}

/**
 * True when `resource` is in the compartment of `Patient/<patientId>`. Malformed input is
 * simply not in the compartment (fail closed).
 */
export function isInPatientCompartment(
  resource: unknown,
  patientId: string,
  options: MembershipOptions = { patientMembership: 'compartment', patientLink: 'compartment' },
  base: ServerBase | undefined = baseOf(options),
): boolean {
  if (resource === null || typeof resource !== 'object' || patientId.length === 0) return false;
  const type = ownOf(resource, 'resourceType');
  if (typeof type !== 'string') return false;
  if (type === 'Patient') {
    if (ownOf(resource, 'id') === patientId) return true;
    if (options.patientLink !== 'compartment') return false;
    return anyRefersToPatient(patientLinkAccessor()(resource), patientId, base);
  }
  const links = compartmentLinks(type, options.patientMembership);
  for (let i = 0; i < links.length; i++) {
    if (anyRefersToPatient((links[i] as CompartmentLink).accessor(resource), patientId, base)) return true;
  }
  return false;
}

function ownOf(o: object, key: string): unknown {
  return Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/**
 * `isInPatientCompartment` for a resource already known to be of a compartment type, with the
 * type's links looked up by the caller (the decision hot path has them in its per-type facts).
 */
export function isMemberByLinks(
  resource: object,
  patientId: string,
  links: readonly CompartmentLink[],
  options: MembershipOptions,
  base?: ServerBase,
): boolean {
  if (ownOf(resource, 'resourceType') === 'Patient') return isInPatientCompartment(resource, patientId, options, base);
  for (let i = 0; i < links.length; i++) {
    if (anyRefersToPatient((links[i] as CompartmentLink).accessor(resource), patientId, base)) return true;
  }
  return false;
}

/** The linking parameter that puts the resource in the compartment, for explanations. */
export function compartmentLinkFor(
  resource: unknown,
  patientId: string,
  options: MembershipOptions,
  base: ServerBase | undefined = baseOf(options),
): string | undefined {
  if (resource === null || typeof resource !== 'object') return undefined;
  const type = ownOf(resource, 'resourceType');
  if (typeof type !== 'string') return undefined;
  if (type === 'Patient') return isInPatientCompartment(resource, patientId, options, base) ? 'link' : undefined;
  for (const link of compartmentLinks(type, options.patientMembership)) {
    if (anyRefersToPatient(link.accessor(resource), patientId, base)) return link.param;
  }
  return undefined;
}

function anyRefersToPatient(elements: readonly unknown[], patientId: string, base: ServerBase | undefined): boolean {
  for (let i = 0; i < elements.length; i++) {
    const ref = referenceString(elements[i]);
    if (ref !== undefined && refersTo(ref, 'Patient', patientId, base)) return true;
  }
  return false;
}
