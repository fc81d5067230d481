/**
 * The sandbox's FHIR data in memory: read by id and search by FHIR search parameters, using the
 * engine's own matcher (`matchesQuery`) so that the server and the policy read a search the same way.
 */
import type { FhirResource } from '../../../access/access-types.js';
import { matchesQuery } from '../../../access/query-match.js';
import type { QueryPair } from '../../../smart/scope-types.js';

/** Parameters that shape a result instead of selecting resources. */
const RESULT_PARAMETERS = new Set(['_count', '_sort', '_summary', '_elements', '_total', '_format', '_pretty', '_include', '_revinclude']);

export interface FhirData {
  read(type: string, id: string): FhirResource | null;
  /** Resources of `type` matching every pair of `pairs` (result parameters ignored). */
  search(type: string, pairs: readonly QueryPair[]): FhirResource[];
}

export function createFhirData(resources: readonly FhirResource[]): FhirData {
  const byType = new Map<string, FhirResource[]>();
  const byKey = new Map<string, FhirResource>();
  for (const r of resources) {
    const list = byType.get(r.resourceType) ?? [];
    list.push(r);
    byType.set(r.resourceType, list);
    byKey.set(`${r.resourceType}/${r.id ?? ''}`, r);
  }
  return {
    read: (type, id) => byKey.get(`${type}/${id}`) ?? null,
    search: (type, pairs) => {
      const selecting = pairs.filter((p) => !RESULT_PARAMETERS.has(p.name));
      return (byType.get(type) ?? []).filter((r) => selecting.length === 0 || matchesQuery(r, selecting));
    },
  };
}

/** Splits a raw query string into pairs; names are form-decoded, values kept for the matcher to decode. */
export function parseQueryPairs(query: string): QueryPair[] {
  const pairs: QueryPair[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' ')).trim();
    } catch {
      name = rawName;
    }
    pairs.push({ name, value });
  }
  return pairs;
}
