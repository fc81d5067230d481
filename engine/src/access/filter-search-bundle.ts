/**
 * Filters the entries of a search result Bundle down to what the token covers, so that a server
 * that could not narrow its query (or that served `_include`d resources) returns nothing more.
 */
import type { AccessOptions, AccessResult, FhirResource, LaunchContext, SearchNarrowing } from './access-types.js';
import { resolveAccessOptions } from './access-options.js';
import type { Letter } from './classify-request.js';
import { decideInstance } from './decide-instance.js';
import type { DecisionContext } from './decision-context.js';
import { isPreparedToken, prepareToken, type PreparedToken } from './prepared-token.js';
import { compileQuery, matchQuery, type CompiledQuery } from './query-match.js';
import { isResourceType } from '../fhir/resource-types.js';
import { resolveServerBase, type ServerBase } from './server-base.js';

/** One entry taken out of the Bundle, and why. */
export interface RemovedEntry {
  readonly index: number;
  /** `Type/id` of the removed resource (or `(entry)` when it had none). */
  readonly reference: string;
  readonly reason: string;
}

/** The filtered Bundle (a shallow copy; the input is not changed) and what was removed. */
export interface FilteredBundle {
  readonly bundle: Record<string, unknown>;
  readonly removed: readonly RemovedEntry[];
}

/**
 * Keeps the entries of a search Bundle that the token covers: letter `s` for search matches
 * (`search.mode = match`), `r` and `s` for anything else (included resources), with the patient
 * compartment and scope queries checked on each resource. Given the `AccessResult` of the search
 * instead of a token, keeps the entries that pass every narrowing entry of their type, post-filters
 * (`apply: 'result'`) on included types among them (types without narrowing are kept, denied
 * results keep nothing). OperationOutcome entries (`search.mode = outcome`) are kept. When anything
 * is removed, `total` is dropped, since it would count what the client may not see. Never throws.
 */
export function filterSearchBundle(
  by: readonly string[] | PreparedToken | AccessResult,
  context: LaunchContext | undefined,
  bundle: unknown,
  options?: Partial<AccessOptions>,
): FilteredBundle {
  if (bundle === null || typeof bundle !== 'object' || Array.isArray(bundle)) return { bundle: {}, removed: [] };
  const b = bundle as Record<string, unknown>;
  const entries = Array.isArray(b['entry']) ? (b['entry'] as unknown[]) : [];
  const opts = resolveAccessOptions(options);
  const keep: unknown[] = [];
  const removed: RemovedEntry[] = [];
  const test = makeTest(by, context, opts);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    let why: string | undefined;
    let reference = '(entry)';
    try {
      const res = e !== null && typeof e === 'object' ? (e as Record<string, unknown>)['resource'] : undefined;
      const search = e !== null && typeof e === 'object' ? (e as Record<string, unknown>)['search'] : undefined;
      const mode = search !== null && typeof search === 'object' ? (search as Record<string, unknown>)['mode'] : undefined;
      if (mode === 'outcome' || (res !== null && typeof res === 'object' && (res as FhirResource).resourceType === 'OperationOutcome')) {
        keep.push(e);
        continue;
      }
      if (res !== null && typeof res === 'object') {
        const r = res as Partial<FhirResource>;
        if (typeof r.resourceType === 'string') reference = `${r.resourceType}/${typeof r.id === 'string' ? r.id : ''}`;
      }
      why =
        res === null || typeof res !== 'object' || Array.isArray(res)
          ? 'the entry has no resource'
          : test(res as FhirResource, mode === 'match');
    } catch {
      why = 'internal error while checking the entry (fail closed)';
    }
    if (why === undefined) keep.push(e);
    else removed.push({ index: i, reference, reason: why });
  }
  const out: Record<string, unknown> = { ...b, entry: keep };
  if (removed.length > 0) delete out['total'];
  return { bundle: out, removed };
}

/** Why an entry's resource must go, or undefined; `match`: the entry is a search match. */
type EntryTest = (resource: FhirResource, match: boolean) => string | undefined;

const SEARCH_ONLY: readonly Letter[] = Object.freeze(['s']);
const READ_SEARCH: readonly Letter[] = Object.freeze(['r', 's']);

function makeTest(
  by: readonly string[] | PreparedToken | AccessResult,
  context: LaunchContext | undefined,
  options: AccessOptions,
): EntryTest {
  let token: PreparedToken | undefined;
  if (Array.isArray(by)) token = prepareToken(by as readonly string[]);
  else if (isPreparedToken(by)) token = by;
  if (token !== undefined) {
    const p = context?.patient;
    // An invalid base counts as none: absolute references then match no patient (fail closed).
    const base = resolveServerBase(context, options);
    const dc: DecisionContext = {
      token,
      patient: typeof p === 'string' && p.length > 0 ? p : undefined,
      options,
      defaultOptions: false,
      ...(typeof base === 'object' ? { serverBase: base } : {}),
    };
    return (resource, match) => {
      const type = resource.resourceType;
      if (typeof type !== 'string' || !isResourceType(type)) return 'not a FHIR R4 resource';
      // A match needs search; anything else (included, or unmarked) also needs read.
      for (const letter of match ? SEARCH_ONLY : READ_SEARCH) {
        const out = decideInstance(dc, {
          type,
          id: typeof resource.id === 'string' ? resource.id : undefined,
          letter,
          stored: resource,
          checkStored: true,
          body: undefined,
          interaction: 'search-type',
        });
        if (out.decision !== 'allow') return out.reasons[0]?.message ?? 'not covered by the granted scopes';
      }
      return undefined;
    };
  }
  const result = by as AccessResult;
  if (result === null || typeof result !== 'object' || result.decision !== 'allow') return () => 'the search was not allowed';
  const narrowing = Array.isArray(result.narrowing) ? result.narrowing : [];
  // The same own-base rule as the decision: a reference to another server's Patient/123 is not ours.
  const resolved = resolveServerBase(context, options);
  const base = typeof resolved === 'object' ? resolved : undefined;
  const compiled = new Map<string, CompiledQuery>();
  return (resource) => {
    const type = resource.resourceType;
    if (typeof type !== 'string') return 'not a FHIR R4 resource';
    // Every entry of the type (search narrowing and post-filters alike) must be passed.
    for (const n of narrowing) {
      if (n.resourceType !== type && n.resourceType !== '*') continue;
      if (!passesAny(resource, n, compiled, base)) {
        return n.apply === 'result'
          ? `the resource fails the post-filter on ${n.resourceType} (it came in through _include, _revinclude or an operation)`
          : `the resource does not satisfy the narrowing of ${n.resourceType}`;
      }
    }
    return undefined;
  };
}

function passesAny(
  resource: FhirResource,
  n: SearchNarrowing,
  compiled: Map<string, CompiledQuery>,
  base: ServerBase | undefined,
): boolean {
  for (const alt of n.anyOf) {
    // Narrowing filters are already decoded: compile them literally (once per type and alternative).
    const key = resource.resourceType + '\u0000' + JSON.stringify(alt.filters);
    let q = compiled.get(key);
    if (q === undefined) {
      q = compileQuery(resource.resourceType, alt.filters, false);
      compiled.set(key, q);
    }
    if (matchQuery(resource, q, base) === null) return true;
  }
  return false;
}
