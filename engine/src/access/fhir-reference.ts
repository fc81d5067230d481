/**
 * FHIR reference strings: `Type/id`, `Type/id/_history/v`, absolute URLs ending in `/Type/id`.
 * Contained (`#x`), `urn:` and identifier-only references never name a stored resource.
 */
import { isResourceType } from './resource-type-index.js';

/** `Type/id` of a literal reference, or undefined when it names no server resource. */
export interface ParsedReference {
  readonly type: string;
  readonly id: string;
}

/** True when `ref` refers to `Patient/<id>` (relative or absolute, any `_history` suffix). */
export function refersTo(ref: string, type: string, id: string): boolean {
  // Allocation-free: this runs once per linking reference in every compartment check.
  let start: number;
  if (ref.startsWith(type) && ref.charCodeAt(type.length) === 47 /* / */) {
    start = type.length + 1;
  } else {
    if (!isAbsolute(ref)) return false;
    const marker = ref.lastIndexOf('/' + type + '/');
    if (marker < 0) return false;
    start = marker + type.length + 2;
    // `http://x/Patient/1/_history/Patient/…` would be malformed; the id must be followed by end or history.
  }
  if (!ref.startsWith(id, start)) return false;
  const end = start + id.length;
  if (end === ref.length) return true;
  return ref.startsWith('/_history/', end) && ref.indexOf('/', end + 10) < 0 && ref.length > end + 10;
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
