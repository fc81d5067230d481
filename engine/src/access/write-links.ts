/**
 * Writes under `patient/` scopes (create, update, patch, delete): the resource written, replaced
 * or removed must be about the context patient and reach no other patient's compartment. Reads
 * accept a resource when ANY compartment link names the patient; for writes that would let
 * `subject: Patient/456, performer: Patient/123` put a record into patient 456's compartment.
 *
 * The rule, per resource (stored and submitted):
 * - the primary link (`subject`/`patient`, see `compartmentLinks(type, 'primary')`) must be
 *   present, and every element of it must be a reference to the context patient; a Patient
 *   record must be the context patient's own (`id`); a type without a primary link must have
 *   some compartment link to the context patient;
 * - every literal reference in ANY compartment link (read without its `resolve() is T` filters,
 *   so nothing hides behind a filter) must be checkable: contained (`#x`) or local (relative, or
 *   under the server's own base). Foreign absolute URLs, `urn:` and malformed references are
 *   refused: they cannot be shown not to name another patient;
 * - with option `patientWriteLinks: 'all'` (default) no compartment link may name another
 *   Patient of this server; `'primary'` lets secondary links (performer, author, …) do so, on
 *   types that have a primary link (the others keep the strict rule).
 */
import type { AccessOptions } from './access-types.js';
import { compileAccessor, type Accessor } from './element-accessor.js';
import { classifyReference, referenceString } from './fhir-reference.js';
import { compartmentLinks } from './patient-compartment.js';
import type { ServerBase } from './server-base.js';
import { declaredSearchParameter } from '../fhir/search-parameters.js';

/** Why a write does not stay with the context patient; `param` names the link (never a value). */
export type WriteLinkProblem =
  | { readonly kind: 'primary'; readonly param: string }
  | { readonly kind: 'other-patient'; readonly param: string }
  | { readonly kind: 'unverifiable'; readonly param: string; readonly ref: 'foreign' | 'logical' | 'malformed' }
  | { readonly kind: 'not-member' }
  | { readonly kind: 'not-own-record' };

interface Link {
  readonly param: string;
  readonly accessor: Accessor;
}

/** The links a write check reads for one type. */
export interface WriteLinks {
  /** The primary link(s), with their type filters (the elements that must be the patient). */
  readonly primary: readonly Link[];
  /** Every compartment link, its type filters removed (every reference it can hold). */
  readonly all: readonly Link[];
  /** The link names, for reasons (indexes are stable per type). */
  readonly names: readonly string[];
}

const RESOLVE_FILTER = /\.where\(resolve\(\) is [A-Za-z]+\)/g;
const cache = new Map<string, WriteLinks>();

/** The write links of a type (cached); empty lists for types outside the Patient compartment. */
export function writeLinks(type: string): WriteLinks {
  let w = cache.get(type);
  if (w === undefined) {
    w = computeWriteLinks(type);
    if (cache.size < 1024) cache.set(type, w);
  }
  return w;
}

function computeWriteLinks(type: string): WriteLinks {
  if (type === 'Patient') {
    const link = { param: 'link', accessor: compileAccessor('Patient', 'Patient.link.other') };
    return Object.freeze({ primary: [], all: [link], names: ['link'] });
  }
  const all: Link[] = [];
  for (const l of compartmentLinks(type, 'compartment')) {
    const expression = declaredSearchParameter(type, l.param)?.expression;
    if (expression === undefined) continue;
    all.push({ param: l.param, accessor: compileAccessor(type, expression.replace(RESOLVE_FILTER, '')) });
  }
  const primary = compartmentLinks(type, 'primary').map((l) => ({ param: l.param, accessor: l.accessor }));
  const names = [...new Set([...primary.map((l) => l.param), ...all.map((l) => l.param)])];
  return Object.freeze({ primary, all, names });
}

function ownOf(o: object, key: string): unknown {
  return Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/**
 * Why writing (or deleting) `resource` of `type` under `patient/` scopes would reach beyond the
 * context patient, or undefined when it stays with that patient. Never throws on JSON input.
 */
export function writeLinkProblem(
  resource: object,
  type: string,
  patient: string,
  options: Pick<AccessOptions, 'patientWriteLinks' | 'patientLink'>,
  base: ServerBase | undefined,
): WriteLinkProblem | undefined {
  const links = writeLinks(type);
  if (type === 'Patient') {
    if (ownOf(resource, 'id') !== patient) return { kind: 'not-own-record' };
    // `Patient.link` is a compartment link only when the option says so.
    if (options.patientLink !== 'compartment') return undefined;
  } else if (links.primary.length > 0) {
    let present = false;
    for (const link of links.primary) {
      for (const el of link.accessor(resource)) {
        present = true;
        const ref = referenceString(el);
        const k = ref === undefined ? undefined : classifyReference(ref, base);
        if (k === undefined || k.kind !== 'local' || k.type !== 'Patient' || k.id !== patient)
          return { kind: 'primary', param: link.param };
      }
    }
    if (!present) return { kind: 'primary', param: (links.primary[0] as Link).param };
  }
  // Unknown option values take the strict branch; so do types with no primary link to anchor on
  // (Group, Schedule, and Patient's own `link`): all their links are held to the patient.
  const strict = options.patientWriteLinks !== 'primary' || links.primary.length === 0;
  let member = false;
  for (const link of links.all) {
    for (const el of link.accessor(resource)) {
      const ref = referenceString(el);
      if (ref === undefined) continue; // identifier- or display-only: names no resource here
      const k = classifyReference(ref, base);
      if (k.kind === 'contained') continue;
      if (k.kind !== 'local') return { kind: 'unverifiable', param: link.param, ref: k.kind };
      if (k.type !== 'Patient') continue;
      if (k.id === patient) member = true;
      else if (strict) return { kind: 'other-patient', param: link.param };
    }
  }
  if (type !== 'Patient' && links.primary.length === 0 && !member) return { kind: 'not-member' };
  return undefined;
}
