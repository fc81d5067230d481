/**
 * The fast path of `authorize` for the commonest requests — `GET Type?…` searches and
 * `GET Type/id` reads under default options — answered from the prepared token's cached outcomes
 * by scanning the raw path and query once, without allocating. Anything it is not sure about
 * (percent-escapes, modifiers, `_` parameters, comma lists, absolute URLs, cache misses) returns
 * undefined and goes the general way, which fills the caches. Both ways give the same object.
 */
import type { AccessResult, FhirRequest } from './access-types.js';
import { DEFAULT_ACCESS_OPTIONS } from './access-options.js';
import { decideInstance } from './decide-instance.js';
import { NO_ERRORS, type DecisionContext, type Outcome } from './decision-context.js';
import { instanceAllowKey, searchAllowKey, searchOutcomeKey, type ContextualKey, type ResultKey } from './cache-keys.js';
import type { PatientLimit } from './patient-filter.js';
import { LETTER_INDEX, type PreparedToken, type TypeGrants } from './prepared-token.js';
import type { ServerBase } from './server-base.js';

const S = LETTER_INDEX.s;
const R = LETTER_INDEX.r;
/** The cache keys the fast path reads (the general path writes them; see `cache-keys.ts`). */
const KEYS = Object.freeze({
  none: searchOutcomeKey('search-type', 0, false, true, false, S) as ContextualKey,
  same: searchOutcomeKey('search-type', 1, false, true, false, S) as ContextualKey,
  other: searchOutcomeKey('search-type', 2, false, true, false, S) as ContextualKey,
});

/** A cached outcome, when the key is in range. */
function lookup(map: ReadonlyMap<ResultKey, Outcome>, key: ResultKey | undefined): Outcome | undefined {
  return key === undefined ? undefined : map.get(key);
}

/** The outcome in fast slot `i` of `g` for this patient (slots reset when the patient changes). */
function slotGet(g: TypeGrants, patient: string | undefined, i: number): AccessResult | undefined {
  const f = g.fast;
  if (f.patient === patient) return f.slots[i] as AccessResult | undefined;
  f.patient = patient;
  f.slots.fill(undefined);
  return undefined;
}

/** Keeps an outcome found in the general caches in fast slot `i`. */
function slotSet(g: TypeGrants, i: number, found: Outcome | undefined): AccessResult | undefined {
  if (found !== undefined) g.fast.slots[i] = found;
  return found as AccessResult | undefined;
}

/** A decision from the caches, or undefined to take the general path. */
export function fastDecide(
  token: PreparedToken,
  patient: string | undefined,
  request: FhirRequest,
  resource: unknown,
  serverBase?: ServerBase,
): AccessResult | undefined {
  if (request.method !== 'GET') return undefined;
  const path = request.path;
  if (typeof path !== 'string' || path.length === 0) return undefined;
  const slash = path.indexOf('/');
  if (slash < 0) {
    const query = request.query;
    if (query !== undefined && (typeof query !== 'string' || query.charCodeAt(0) === 63) /* ? */) return undefined;
    // No `?`/`%` check needed: only an exact type name finds valid facts below.
    return fastSearch(token, patient, path, query ?? '');
  }
  if (request.query !== undefined) return undefined; // isPlainId below rejects further `/`
  if (resource !== undefined) return fastInstanceRead(token, patient, path, slash, resource, serverBase);
  return fastRead(token, patient, path, slash);
}

function fastSearch(token: PreparedToken, patient: string | undefined, type: string, query: string): AccessResult | undefined {
  const g = token.grantsFor(type);
  if (!g.facts.valid) return undefined;
  if (!plainNames(query, type === 'Patient')) return undefined;
  const open = g.openPlain[S];
  if (open !== undefined) {
    // Only an escape (it may not decode) or an include changes what a plain scope decides.
    if (query.indexOf('%') >= 0 || query.charCodeAt(0) === 95 || query.indexOf('&_') >= 0) return undefined;
    return slotGet(g, patient, 0) ?? slotSet(g, 0, lookup(g.results, searchAllowKey('search-type', open.index, 0)));
  }
  if ((g.openQuery[S]?.length ?? 0) > 0 || (g.patientQuery[S]?.length ?? 0) > 0) return undefined;
  let limit: PatientLimit = 'none';
  if (g.patientPlain[S] !== undefined && patient !== undefined && g.facts.inCompartment) {
    const l = scanLimit(g, query, patient);
    if (l === undefined) return undefined;
    limit = l;
  } else if (query.indexOf('%') >= 0 || query.charCodeAt(0) === 95 || query.indexOf('&_') >= 0) return undefined;
  const code = limit === 'none' ? 1 : limit === 'same' ? 2 : 3;
  const inSlot = slotGet(g, patient, code);
  if (inSlot !== undefined) return inSlot;
  const hit = g.contextual.get(code === 1 ? KEYS.none : code === 2 ? KEYS.same : KEYS.other);
  if (hit === undefined || hit.patient !== patient || hit.options !== DEFAULT_ACCESS_OPTIONS) return undefined;
  return slotSet(g, code, hit.outcome);
}

/**
 * True when no parameter name can reach another type (see `search-reach.ts`): no `.` (chains),
 * no `_` (`_include`, `_has`, `_list`, …; `_id` alone is allowed on Patient), no whitespace or
 * `+` (a lenient server may trim names). Values are not read.
 */
function plainNames(query: string, allowId: boolean): boolean {
  // Only `.` (chains) and `_` (`_include`, `_has`, …) reach other types; whitespace and `+` matter
  // only beside them. Most queries hold neither, and two native scans settle them.
  if (query.indexOf('.') < 0 && query.indexOf('_') < 0) return true;
  const n = query.length;
  let inName = true;
  let nameStart = 0;
  for (let i = 0; i < n; i++) {
    const c = query.charCodeAt(i);
    if (c === 38 /* & */) {
      inName = true;
      nameStart = i + 1;
    } else if (!inName) continue;
    else if (c === 61 /* = */) inName = false;
    else if (c === 46 /* . */ || c <= 32 || c === 43 /* + */) return false;
    else if (c === 95 /* _ */) {
      if (!allowId || i !== nameStart || !hasAt(query, i, '_id=')) return false;
    }
  }
  return true;
}

/** True when `s` has `lit` at `at` (a JS loop: TurboFan inlines it, unlike `startsWith`). */
function hasAt(s: string, at: number, lit: string): boolean {
  const n = lit.length;
  if (at + n > s.length) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(at + k) !== lit.charCodeAt(k)) return false;
  return true;
}

/**
 * The patient limit of a search's raw query (same as `patientLimit`), or undefined to bail.
 * Only what the general path would read differently makes it bail: any `%` escape (it may not
 * decode), `_` parameters (`_include`, `_has`, …), and `:`/`.`/`,`/`/` where they change the
 * meaning of a linking parameter (modifiers, chains, OR lists, URLs and versions).
 */
function scanLimit(g: TypeGrants, query: string, patient: string): PatientLimit | undefined {
  if (query.indexOf('%') >= 0) return undefined;
  const isPatientType = g.resourceType === 'Patient';
  const membership = DEFAULT_ACCESS_OPTIONS.patientMembership;
  const links = g.facts.linkParamList(membership);
  const bare = g.facts.linkParamBare(membership);
  const nLinks = links.length;
  let limit: PatientLimit = 'none';
  const n = query.length;
  let start = 0;
  while (start <= n) {
    let amp = query.indexOf('&', start);
    if (amp < 0) amp = n;
    // Native scans only: find the name's end, then compare it with the few linking names.
    // Values of other parameters are never read; neither are their modifiers and chains, which
    // the general path ignores too unless the base name is a linking one.
    const eq = query.indexOf('=', start);
    if (eq <= start || eq >= amp) return undefined; // empty part, no `=`, no name
    const nameLen = eq - start;
    const c0 = query.charCodeAt(start);
    let link = -1;
    if (c0 === 95 /* _ */) {
      if (!isPatientType || nameLen !== 3 || !hasAt(query, start, '_id')) return undefined; // _include, _has, …
      link = 0;
    } else if (!isPatientType) {
      for (let j = 0; j < nLinks; j++) {
        const ln = links[j] as string;
        const lnLen = ln.length;
        if (lnLen > nameLen || ln.charCodeAt(0) !== c0 || !hasAt(query, start, ln)) continue;
        if (lnLen === nameLen) {
          link = j;
          break;
        }
        const next = query.charCodeAt(start + lnLen);
        if (next === 58 /* : */) return undefined; // `patient:Patient=`: the general path reads modifiers
      }
    }
    if (link >= 0 && amp > eq + 1) {
      const r = valueLimit(query, eq + 1, amp, patient, isPatientType, isPatientType || bare[link] === true);
      if (r === undefined || r === 'other') return r;
      if (r === 'same') limit = 'same';
    }
    if (amp === n) break;
    start = amp + 1;
  }
  return limit;
}

/** The limit one linking parameter's value sets: 'same', 'other', 'none', or undefined to bail. */
function valueLimit(
  query: string,
  v0: number,
  end: number,
  patient: string,
  isPatientType: boolean,
  bareIsPatient: boolean,
): PatientLimit | undefined {
  // One pass over the value: OR lists, URLs (`:`), `+` go to the general path; note the slashes.
  let slashes = 0;
  let lastSlash = -1;
  for (let i = v0; i < end; i++) {
    const c = query.charCodeAt(i);
    if (c === 47 /* / */) {
      slashes++;
      lastSlash = i;
    } else if (c === 44 /* , */ || c === 58 /* : */ || c === 43 /* + */) return undefined;
  }
  let idStart = v0;
  if (slashes > 0) {
    if (isPatientType || slashes > 1) return undefined; // versions, odd shapes
    if (lastSlash !== v0 + 7 || !hasAt(query, v0, 'Patient/')) return 'none'; // another type: no limit
    idStart = v0 + 8;
  } else if (!isPatientType && !bareIsPatient) return 'none';
  const idLen = end - idStart;
  if (idLen === patient.length && hasAt(query, idStart, patient)) return 'same';
  return idLen > 0 ? 'other' : 'none';
}

function fastRead(token: PreparedToken, patient: string | undefined, path: string, slash: number): AccessResult | undefined {
  const type = path.slice(0, slash);
  const g = token.grantsFor(type);
  if (!g.facts.valid) return undefined;
  const open = g.openPlain[R];
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
  return slotGet(g, patient, 4) ?? slotSet(g, 4, lookup(g.results, instanceAllowKey('read', scopeIndex)));
}

/** `GET Type/id` with the stored resource: straight to the instance decider, no classifier. */
function fastInstanceRead(
  token: PreparedToken,
  patient: string | undefined,
  path: string,
  slash: number,
  resource: unknown,
  serverBase: ServerBase | undefined,
): AccessResult | undefined {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) return undefined;
  if (!isPlainId(path, slash + 1)) return undefined;
  const type = path.slice(0, slash);
  const g = token.grantsFor(type);
  if (!g.facts.valid) return undefined;
  const dc: DecisionContext =
    serverBase === undefined
      ? { token, patient, options: DEFAULT_ACCESS_OPTIONS, defaultOptions: true }
      : { token, patient, options: DEFAULT_ACCESS_OPTIONS, defaultOptions: true, serverBase };
  const out = decideInstance(
    dc,
    {
      type,
      id: path.slice(slash + 1),
      letter: 'r',
      stored: resource,
      checkStored: true,
      body: undefined,
      interaction: 'read',
    },
    g,
  );
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
