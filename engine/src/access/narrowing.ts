/**
 * Renders narrowing as search parameters a server can append to the request it forwards.
 */
import type { AccessResult, SearchNarrowing } from './access-types.js';

/** One narrowed type: each alternative is a query string; run each and union (they are OR-ed). */
export interface NarrowingQuery {
  readonly resourceType: string;
  /** `patient=123&category=…`, one per alternative; a single alternative can simply be appended. */
  readonly alternatives: readonly string[];
}

function encodeValue(v: string): string {
  // Keep FHIR search syntax readable: `|`, `,`, `:` and `/` carry meaning in values.
  return encodeURIComponent(v).replace(/%7C/gi, '|').replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/**
 * Turns a result's narrowing (or the narrowing array itself) into query strings, one per
 * alternative and per type. Empty when nothing must be added (or the input is not a narrowing).
 * Post-filters (`apply: 'result'`) are left out: they are checked on the result
 * (`filterSearchBundle`), not added to the request. Never throws.
 */
export function narrowingToQuery(narrowing: AccessResult | readonly SearchNarrowing[] | undefined): NarrowingQuery[] {
  const list: readonly SearchNarrowing[] | undefined = Array.isArray(narrowing)
    ? (narrowing as readonly SearchNarrowing[])
    : (narrowing as AccessResult | undefined)?.narrowing;
  if (list === undefined || !Array.isArray(list as unknown)) return [];
  const out: NarrowingQuery[] = [];
  try {
    for (const n of list) {
      if (n.apply === 'result') continue; // a post-filter on the result, never query parameters
      const alts = new Set<string>();
      for (const a of n.anyOf) {
        alts.add(a.filters.map((f) => `${encodeURIComponent(f.name).replace(/%3A/gi, ':')}=${encodeValue(f.value)}`).join('&'));
      }
      out.push({ resourceType: n.resourceType, alternatives: [...alts] });
    }
  } catch {
    return []; // not a narrowing made by authorize
  }
  return out;
}
