/**
 * Operations that return resources of many types (`$everything`, `$export`): the `operations`
 * option maps them to letters on the type they are invoked on, but what they return is every
 * type, or the types `_type` lists. Each of those must be readable and searchable by the token
 * (the letters on the invocation type alone are not enough). `$everything` returns a Bundle, so
 * types the token reads only under a patient compartment or a scope's query are allowed with a
 * post-filter (`narrowing` with `apply: 'result'`); `$export` writes files nobody filters, so
 * such types refuse it.
 */
import type { QueryPair } from '../smart/scope-types.js';
import type { SearchNarrowing } from './access-types.js';
import { R4_RESOURCE_TYPES } from '../fhir/resource-types.js';
import { missingLevel, type DecisionContext, type Outcome } from './decision-context.js';
import { ACCESS_RULES as R, reason } from './reasons.js';
import { isResourceType } from '../fhir/resource-types.js';
import { typeAccess } from './type-access.js';
import { appendAll } from '../util/append-all.js';

/** Operations returning many types, and whether their result can be post-filtered. */
const MULTI_TYPE_OPERATIONS: ReadonlyMap<string, 'post-filter' | 'unfiltered'> = new Map([
  ['$everything', 'post-filter'],
  ['$export', 'unfiltered'],
]);

/**
 * The decision about the types `operation` returns; undefined for operations that return only
 * their own type. Deny when one is not readable and searchable (or only in part, unfiltered).
 */
export function decideOperationTypes(dc: DecisionContext, operation: string, params: readonly QueryPair[]): Outcome | undefined {
  const kind = MULTI_TYPE_OPERATIONS.get(operation);
  if (kind === undefined) return undefined;
  const present = dc.token.scopes;
  const listed = typeList(params);
  if (listed === 'invalid') {
    const message = `_type of ${operation} names something that is not an R4 resource type`;
    return {
      decision: 'deny',
      reasons: [reason(R.invalidRequest, `the request is malformed, so access is denied: ${message}`, { present })],
      errors: [{ code: 'request.query.type-unknown', message, path: '$.request.query' }],
    };
  }
  if (listed === undefined && typeAccess(dc, '*').kind === 'open') return { decision: 'allow', reasons: [] };
  const types = listed ?? R4_RESOURCE_TYPES;
  const level = missingLevel(dc);
  const narrowing: SearchNarrowing[] = [];
  const filtered: string[] = [];
  for (const type of types) {
    const access = typeAccess(dc, type);
    if (access.kind === 'open') continue;
    if (access.kind === 'none') {
      const missing = `${level}/${type}.${access.letter}`;
      const hint = listed === undefined ? '; list the types it may return with _type, or grant read and search on them' : '';
      return {
        decision: 'deny',
        reasons: [
          reason(R.operationTypes, `${operation} returns ${type} resources, which need read and search (${missing})${hint}`, {
            missing,
            present,
          }),
        ],
      };
    }
    if (kind === 'unfiltered') {
      return {
        decision: 'deny',
        reasons: [
          reason(
            R.operationTypes,
            `${operation} returns ${type} resources unfiltered, and the granted scopes cover ${type} only under a patient or query restriction`,
            { present },
          ),
        ],
      };
    }
    filtered.push(type);
    appendAll(narrowing, access.entries);
  }
  if (narrowing.length === 0) return { decision: 'allow', reasons: [] };
  const shown = filtered.length > 5 ? `${filtered.slice(0, 5).join(', ')} and ${filtered.length - 5} more types` : filtered.join(', ');
  return {
    decision: 'allow',
    reasons: [
      reason(
        R.resultFiltered,
        `${operation} returns ${shown}, which the granted scopes cover only in part: the server must remove from the result each resource that passes none of its filters (narrowing with apply: result; filterSearchBundle does this)`,
        { scope: narrowing[0]?.anyOf[0]?.scope },
      ),
    ],
    narrowing,
  };
}

/** The distinct types `_type` lists (comma lists, repeatable); undefined when absent. */
function typeList(params: readonly QueryPair[]): string[] | undefined | 'invalid' {
  let out: Set<string> | undefined;
  for (const p of params) {
    if (p.name.trim().toLowerCase() !== '_type') continue;
    out ??= new Set();
    for (const raw of p.value.split(',')) {
      const t = raw.trim();
      if (t.length === 0) continue;
      if (!isResourceType(t)) return 'invalid';
      out.add(t);
    }
  }
  return out === undefined || out.size === 0 ? undefined : [...out];
}
