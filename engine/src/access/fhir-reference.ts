/**
 * FHIR reference strings: `Type/id`, `Type/id/_history/v`, absolute URLs ending in `/Type/id`.
 * Contained (`#x`), `urn:` and identifier-only references never name a stored resource.
 */
import { isResourceType } from '../fhir/resource-types.js';
import { isAbsoluteUrl, offsetUnderBase, type ServerBase } from './server-base.js';

/** `Type/id` of a literal reference, or undefined when it names no server resource. */
export interface ParsedReference {
  readonly type: string;
  readonly id: string;
}

/**
 * True when `ref` refers to `<type>/<id>` of this server: `Type/id` or `Type/id/_history/v`
 * relative to the base, or the same under the server's own absolute base. A reference under any
 * other base (or any absolute one when no base is configured) is foreign and never matches;
 * anything after the id but a well-formed history suffix makes the reference malformed.
 */
export function refersTo(ref: string, type: string, id: string, base?: ServerBase): boolean {
  // Allocation-free: this runs once per linking reference in every compartment check.
  let at = 0;
  if (!((ref.startsWith(type) && ref.charCodeAt(type.length) === 47) /* / */)) {
    if (base === undefined) return false;
    at = offsetUnderBase(ref, base);
    if (at < 0 || !ref.startsWith(type, at) || ref.charCodeAt(at + type.length) !== 47) return false;
  }
  const start = at + type.length + 1;
  if (!ref.startsWith(id, start)) return false;
  const end = start + id.length;
  if (end === ref.length) return true;
  return ref.startsWith('/_history/', end) && isIdAt(ref, end + 10, ref.length);
}

/** True when `s[from, to)` is a FHIR id: 1–64 of `[A-Za-z0-9\-.]`. */
function isIdAt(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n <= 0 || n > 64) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46)) return false;
  }
  return true;
}

/**
 * What a reference string names, for checks that must not guess (writes under `patient/` scopes):
 * - `local`: a resource of this server (`Type/id[/_history/v]`, relative or under the own base);
 * - `contained`: `#id`, a resource inside the same one;
 * - `foreign`: an absolute URL under another base (or any, when no base is configured);
 * - `logical`: `urn:uuid:`, `urn:oid:` and other schemes: the target's type cannot be known here;
 * - `malformed`: anything else (extra segments, unknown type, invalid id, conditional `Type?x`).
 */
export type ReferenceKind =
  | { readonly kind: 'local'; readonly type: string; readonly id: string }
  | { readonly kind: 'contained' | 'foreign' | 'logical' | 'malformed' };

const CONTAINED: ReferenceKind = Object.freeze({ kind: 'contained' });
const FOREIGN: ReferenceKind = Object.freeze({ kind: 'foreign' });
const LOGICAL: ReferenceKind = Object.freeze({ kind: 'logical' });
const MALFORMED: ReferenceKind = Object.freeze({ kind: 'malformed' });

/** Classifies a reference string (see `ReferenceKind`). */
export function classifyReference(ref: string, base: ServerBase | undefined): ReferenceKind {
  if (ref.length === 0) return MALFORMED;
  if (ref.charCodeAt(0) === 35 /* # */) return CONTAINED;
  let at = 0;
  if (isAbsoluteUrl(ref)) {
    if (base === undefined) return FOREIGN;
    at = offsetUnderBase(ref, base);
    if (at < 0) return FOREIGN;
  } else {
    const colon = ref.indexOf(':');
    const slash = ref.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) return LOGICAL;
  }
  const parts = ref.slice(at).split('/');
  const type = parts[0] as string;
  const id = parts[1];
  if (!isResourceType(type) || id === undefined || !isIdAt(id, 0, id.length)) return MALFORMED;
  if (parts.length === 2) return { kind: 'local', type, id };
  if (parts.length === 4 && parts[2] === '_history' && isIdAt(parts[3] as string, 0, (parts[3] as string).length))
    return { kind: 'local', type, id };
  return MALFORMED;
}

function isAbsolute(ref: string): boolean {
  return ref.startsWith('http://') || ref.startsWith('https://');
}

/** Parses a literal reference into type and id; undefined for contained, urn, malformed. */
export function parseReference(ref: string): ParsedReference | undefined {
  if (ref.length === 0 || ref.charCodeAt(0) === 35 /* # */) return undefined;
  let s = ref;
  if (isAbsolute(s)) {
    const q = s.indexOf('?');
    if (q >= 0) return undefined;
  } else if (s.indexOf(':') >= 0) {
    return undefined; // urn:uuid:, urn:oid:, other schemes
  }
  const hist = s.indexOf('/_history/');
  if (hist >= 0) s = s.slice(0, hist);
  const slash = s.lastIndexOf('/');
  if (slash <= 0 || slash === s.length - 1) return undefined;
  const id = s.slice(slash + 1);
  const before = s.slice(0, slash);
  const prev = before.lastIndexOf('/');
  const type = prev < 0 ? before : before.slice(prev + 1);
  if (prev >= 0 && !isAbsolute(ref)) return undefined;
  if (!isResourceType(type)) return undefined;
  return { type, id };
}

/** The reference string of a Reference-like element (`{reference}`), or undefined. */
export function referenceString(element: unknown): string | undefined {
  if (element === null || typeof element !== 'object') return undefined;
  // Own property only: an inherited `reference` is not data.
  if (!Object.hasOwn(element, 'reference')) return undefined;
  const r = (element as { reference?: unknown }).reference;
  return typeof r === 'string' ? r : undefined;
}

/**
 * True when a literal reference names a resource of `type` (`Type/id`, `Type/id/_history/v`, or
 * an absolute URL ending so). Allocation-free counterpart of `parseReference(ref)?.type === type`
 * for the `.where(resolve() is Type)` filters of search parameters.
 */
export function referenceHasType(ref: string, type: string): boolean {
  const n = type.length;
  let at: number;
  if (ref.startsWith(type) && ref.charCodeAt(n) === 47) at = n + 1;
  else {
    if (!isAbsolute(ref)) return false;
    const hist = ref.indexOf('/_history/');
    const end = hist >= 0 ? hist : ref.length;
    const lastSlash = ref.lastIndexOf('/', end - 1);
    if (lastSlash <= 0) return false;
    const typeStart = lastSlash - n;
    if (typeStart < 1 || ref.charCodeAt(typeStart - 1) !== 47 || !ref.startsWith(type, typeStart)) return false;
    return lastSlash + 1 < end && ref.indexOf('?') < 0;
  }
  // Relative: `Type/id` with an id and nothing but an optional history suffix after it.
  const slash = ref.indexOf('/', at);
  if (slash < 0) return ref.length > at;
  return slash > at && ref.startsWith('/_history/', slash);
}
