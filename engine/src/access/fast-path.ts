/**
 * The fast path of `authorize` for the commonest requests — `GET Type?…` searches and
 * `GET Type/id` reads under default options — answered from the prepared token's cached outcomes
 * by scanning the raw path and query once, without allocating. Anything it is not sure about
 * (percent-escapes, modifiers, `_` parameters, comma lists, absolute URLs, cache misses) returns
 * undefined and goes the general way, which fills the caches. Both ways give the same object.
 */
import type { AccessResult, FhirRequest } from './access-types.js';
import { DEFAULT_ACCESS_OPTIONS } from './access-options.js';
import { decideInstance, instanceAllowKey } from './decide-instance.js';
import { NO_ERRORS, type DecisionContext } from './decision-context.js';
import { searchAllowKey, searchOutcomeKey } from './decide-search.js';
import type { PatientLimit } from './patient-filter.js';
import { LETTER_INDEX, type PreparedToken, type TypeGrants } from './prepared-token.js';

const S = LETTER_INDEX.s;
const R = LETTER_INDEX.r;
let keys: { readonly open: number; readonly none: number; readonly same: number; readonly other: number; readonly read: number } | undefined;

function fastKeys(): NonNullable<typeof keys> {
  keys ??= {
    open: searchAllowKey('search-type', 0, 0),
    none: searchOutcomeKey('search-type', 'none', false, true, false, S),
    same: searchOutcomeKey('search-type', 'same', false, true, false, S),
    other: searchOutcomeKey('search-type', 'other', false, true, false, S),
    read: instanceAllowKey('read', 0),
  };
  return keys;
}

/** A decision from the caches, or undefined to take the general path. */
export function fastDecide(
  token: PreparedToken,
  patient: string | undefined,
  request: FhirRequest,
  resource: unknown,
): AccessResult | undefined {
  if (request.method !== 'GET') return undefined;
  const path = request.path;
  if (typeof path !== 'string' || path.length === 0) return undefined;
  const slash = path.indexOf('/');
  if (slash < 0) {
    const query = request.query;
    if (query !== undefined && typeof query !== 'string') return undefined;
    if (path.indexOf('?') >= 0 || path.indexOf('%') >= 0) return undefined;
    return fastSearch(token, patient, path, query ?? '');
  }
  if (request.query !== undefined || path.indexOf('/', slash + 1) >= 0) return undefined;
  if (resource !== undefined) return fastInstanceRead(token, patient, path, slash, resource);
  return fastRead(token, patient, path, slash);
}

function fastSearch(token: PreparedToken, patient: string | undefined, type: string, query: string): AccessResult | undefined {
  const g = token.grantsFor(type);
  if (!g.facts.valid) return undefined;
  const k = fastKeys();
  const open = g.openPlain[S];
  if (open !== undefined) {
    if (hasSpecial(query)) return undefined;
    return g.results.get(k.open + (0 - open.index * 8)) as AccessResult | undefined;
  }
  if ((g.openQuery[S]?.length ?? 0) > 0 || (g.patientQuery[S]?.length ?? 0) > 0) return undefined;
  let limit: PatientLimit = 'none';
  if (g.patientPlain[S] !== undefined && patient !== undefined && g.facts.inCompartment) {
    const l = scanLimit(g, query, patient);
    if (l === undefined) return undefined;
    limit = l;
  } else if (hasSpecial(query)) return undefined;
  const hit = g.contextual.get(limit === 'none' ? k.none : limit === 'same' ? k.same : k.other);
  if (hit === undefined || hit.patient !== patient || hit.options !== DEFAULT_ACCESS_OPTIONS) return undefined;
  return hit.outcome as AccessResult;
}

/** True when the query has something the fast path leaves to the general one. */
function hasSpecial(query: string): boolean {
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    // % escapes, + and the `_` of _include/_has/_revinclude (at a parameter start), `:` modifiers
    if (c === 37 || c === 43 || c === 58 || c === 63) return true;
    if (c === 95 && (i === 0 || query.charCodeAt(i - 1) === 38)) return true;
  }
  return false;
}

/** The patient limit of a search's raw query (same as `patientLimit`), or undefined to bail. */
function scanLimit(g: TypeGrants, query: string, patient: string): PatientLimit | undefined {
  const isPatientType = g.resourceType === 'Patient';
  const links = g.facts.linkParamList(DEFAULT_ACCESS_OPTIONS.patientMembership);
  const bare = g.facts.bareIdParams;
  let limit: PatientLimit = 'none';
  const n = query.length;
  let start = 0;
  while (start < n) {
    let amp = query.indexOf('&', start);
    if (amp < 0) amp = n;
    const eq = query.indexOf('=', start);
    if (eq < 0 || eq > amp) return undefined;
    const c0 = query.charCodeAt(start);
    if (c0 === 95 /* _ */ && !isPatientType) return undefined;
    let named: string | undefined;
    if (isPatientType) {
      if (eq - start === 3 && query.startsWith('_id', start)) named = '_id';
      else if (c0 === 95) return undefined;
    } else {
      for (let j = 0; j < links.length; j++) {
        const ln = links[j] as string;
        if (eq - start === ln.length && query.startsWith(ln, start)) {
          named = ln;
          break;
        }
      }
    }
    // Names and values the fast path does not read itself: escapes, modifiers, lists, URLs.
    for (let i = start; i < amp; i++) {
      const c = query.charCodeAt(i);
      if (c === 37 || c === 43 || c === 58 || c === 44 || c === 63) return undefined;
    }
    if (named !== undefined) {
      const v0 = eq + 1;
      const len = amp - v0;
      if (len === 0) {
        start = amp + 1;
        continue;
      }
      let idStart = v0;
      const typed = !isPatientType && query.startsWith('Patient/', v0);
      if (typed) idStart = v0 + 8;
      else if (!isPatientType) {
        const slashAt = query.indexOf('/', v0);
        if (slashAt >= 0 && slashAt < amp) {
          start = amp + 1; // another type's reference: does not limit
          continue;
        }
        if (!bare.has(named)) {
          start = amp + 1;
          continue;
        }
      }
      const idLen = amp - idStart;
      if (query.indexOf('/', idStart) >= 0 && query.indexOf('/', idStart) < amp) return undefined;
      if (idLen === patient.length && query.startsWith(patient, idStart)) limit = 'same';
      else if (idLen > 0) return 'other';
    }
    start = amp + 1;
  }
  return limit;
}

function fastRead(token: PreparedToken, patient: string | undefined, path: string, slash: number): AccessResult | undefined {
  const type = path.slice(0, slash);
  const g = token.grantsFor(type);
  if (!g.facts.valid) return undefined;
  const open = g.openPlain[R];
  const k = fastKeys();
  let scopeIndex: number;
  if (open !== undefined) scopeIndex = open.index;
  else {
    // Only a patient's own record is decidable without the stored resource.
    const p = g.patientPlain[R];
    if (p === undefined || patient === undefined || type !== 'Patient' || (g.openQuery[R]?.length ?? 0) > 0) return undefined;
    if (path.length - slash - 1 !== patient.length || !path.startsWith(patient, slash + 1)) return undefined;
    scopeIndex = p.index;
  }
  if (!isPlainId(path, slash + 1)) return undefined;
  return g.results.get(k.read + scopeIndex) as AccessResult | undefined;
}

/** `GET Type/id` with the stored resource: straight to the instance decider, no classifier. */
function fastInstanceRead(
  token: PreparedToken,
  patient: string | undefined,
  path: string,
  slash: number,
  resource: unknown,
): AccessResult | undefined {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) return undefined;
  if (!isPlainId(path, slash + 1)) return undefined;
  const type = path.slice(0, slash);
  const g = token.grantsFor(type);
  if (!g.facts.valid) return undefined;
  const dc: DecisionContext = { token, patient, options: DEFAULT_ACCESS_OPTIONS, defaultOptions: true };
  const out = decideInstance(dc, {
    type,
    id: path.slice(slash + 1),
    letter: 'r',
    stored: resource,
    checkStored: true,
    body: undefined,
    interaction: 'read',
  });
  if (out.interaction === 'read' && out.errors !== undefined) return out as AccessResult;
  return { decision: out.decision, reasons: out.reasons, errors: NO_ERRORS, interaction: 'read' };
}

function isPlainId(s: string, from: number): boolean {
  const n = s.length;
  if (n === from || n - from > 64) return false;
  if (s.charCodeAt(from) === 46 && (n - from === 1 || (n - from === 2 && s.charCodeAt(from + 1) === 46))) return false; // . and ..
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46)) return false;
  }
  return true;
}
