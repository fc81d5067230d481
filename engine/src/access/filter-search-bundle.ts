/**
 * Filters the entries of a search result Bundle down to what the token covers, so that a server
 * that could not narrow its query (or that served `_include`d resources) returns nothing more.
 */
import type { AccessOptions, AccessResult, FhirResource, LaunchContext } from './access-types.js';
import { resolveAccessOptions } from './access-options.js';
import { decideInstance } from './decide-instance.js';
import type { DecisionContext } from './decision-context.js';
import { isPreparedToken, preparedFromStrings, type PreparedToken } from './prepared-token.js';
import { compileQuery, matchQuery } from './query-match.js';
import { isResourceType } from './resource-type-index.js';
import { resolveServerBase } from './server-base.js';

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
 * Keeps the entries of a search Bundle that the token covers with letter `s` (patient
 * compartment and scope queries checked on each resource). Given an `AccessResult` instead of a
 * token, keeps the entries that satisfy its narrowing (types without narrowing are kept, denied
 * results keep nothing); passing the token is exact, and is preferred. OperationOutcome entries
 * (`search.mode = outcome`) are kept. When anything is removed, `total` is dropped, since it
 * would count what the client may not see. Never throws.
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
    const res = e !== null && typeof e === 'object' ? (e as Record<string, unknown>)['resource'] : undefined;
    const mode = e !== null && typeof e === 'object' ? ((e as Record<string, unknown>)['search'] as Record<string, unknown> | undefined)?.['mode'] : undefined;
    if (mode === 'outcome' || (res !== null && typeof res === 'object' && (res as FhirResource).resourceType === 'OperationOutcome')) {
      keep.push(e);
      continue;
    }
    let why: string | undefined;
    try {
      why = res === null || typeof res !== 'object' || Array.isArray(res) ? 'the entry has no resource' : test(res as FhirResource);
    } catch (err) {
      why = `internal error: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (why === undefined) keep.push(e);
    else {
      const r = res as Partial<FhirResource> | undefined;
      const reference = r !== undefined && r !== null && typeof r.resourceType === 'string' ? `${r.resourceType}/${typeof r.id === 'string' ? r.id : ''}` : '(entry)';
      removed.push({ index: i, reference, reason: why });
    }
  }
  const out: Record<string, unknown> = { ...b, entry: keep };
  if (removed.length > 0) delete out['total'];
  return { bundle: out, removed };
}

type EntryTest = (resource: FhirResource) => string | undefined;

function makeTest(by: readonly string[] | PreparedToken | AccessResult, context: LaunchContext | undefined, options: AccessOptions): EntryTest {
  let token: PreparedToken | undefined;
  if (Array.isArray(by)) token = preparedFromStrings(by as readonly string[]);
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
    return (resource) => {
      const type = resource.resourceType;
      if (typeof type !== 'string' || !isResourceType(type)) return 'not a FHIR R4 resource';
      const out = decideInstance(dc, {
        type,
        id: typeof resource.id === 'string' ? resource.id : undefined,
        letter: 's',
        stored: resource,
        checkStored: true,
        body: undefined,
        interaction: 'search-type',
      });
      return out.decision === 'allow' ? undefined : (out.reasons[0]?.message ?? 'not covered by the granted scopes');
    };
  }
  const result = by as AccessResult;
  if (result === null || typeof result !== 'object' || result.decision !== 'allow') return () => 'the search was not allowed';
  const narrowing = result.narrowing ?? [];
  return (resource) => {
    const n = narrowing.find((x) => x.resourceType === resource.resourceType || x.resourceType === '*');
    if (n === undefined) return undefined;
    for (const alt of n.anyOf) {
      // Narrowing filters are already decoded: compile them literally.
      if (matchQuery(resource, compileQuery(resource.resourceType, alt.filters, false)) === null) return undefined;
    }
    return `the resource does not satisfy the narrowing of ${n.resourceType}`;
  };
}
