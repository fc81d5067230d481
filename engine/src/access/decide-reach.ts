/**
 * The rule for what a search reaches beyond its own type (an interaction the SMART App Launch IG gives no letter; `search-reach.ts`):
 * a search may return, or reveal, only resources the token could read and search directly.
 *
 * - A type it only **reveals** (`_has`, chains, `_list`, `_filter`, `_query`) must be open to the
 *   token without restriction: which primaries come back leaks facts about those resources, and
 *   no filter on the result can hide that. So a patient- or query-restricted token is refused.
 * - A type it **includes** must be readable and searchable. Without restriction, nothing more;
 *   under a patient compartment or a scope's query, the search is allowed with a post-filter
 *   (`narrowing` entries with `apply: 'result'`) where the caller can carry one, else refused.
 */
import type { Reason, SearchNarrowing } from './access-types.js';
import type { QueryPair } from '../smart/scope-types.js';
import { missingLevel, type DecisionContext } from './decision-context.js';
import { ACCESS_RULES as R, reason } from './reasons.js';
import { searchReach, type Reached } from './search-reach.js';
import { typeAccess } from './type-access.js';
import { appendAll } from '../util/append-all.js';

export type ReachOutcome =
  | { readonly decision: 'allow'; readonly narrowing: readonly SearchNarrowing[]; readonly reason: Reason | undefined }
  | { readonly decision: 'deny'; readonly reason: Reason };

/**
 * Decides what a search of `type` reaches through `params`; undefined when it reaches nothing
 * beyond its own type. `postFilter`: whether the result can carry a post-filter.
 */
export function decideReach(
  dc: DecisionContext,
  type: string,
  params: readonly QueryPair[],
  postFilter: boolean,
): ReachOutcome | undefined {
  if (params.length === 0) return undefined;
  const reach = searchReach(type, params);
  if (reach === undefined) return undefined;
  const present = dc.token.scopes;
  const deny = (message: string, missing?: string): ReachOutcome => ({
    decision: 'deny',
    reason: reason(R.includeNotCovered, message, missing === undefined ? { present } : { missing, present }),
  });
  if (reach.unreadable !== undefined) {
    return deny(`${reach.unreadable} cannot be read, so what the search returns or reveals cannot be checked`);
  }
  if (dc.options.includes !== 'require-search' && (reach.included.length > 0 || reach.revealed.some((r) => r.via === '_has'))) {
    return deny('_include, _revinclude and _has are refused (option includes: deny)');
  }
  // A token's own level cannot lift a patient restriction: name a user-level scope then.
  const level = missingLevel(dc);
  const openLevel = level === 'patient' ? 'user' : level;

  for (const r of unique(reach.revealed)) {
    if (typeAccess(dc, r.type).kind === 'open') continue;
    const missing = `${openLevel}/${r.type}.rs`;
    if (r.via === '_query') {
      return deny(
        `a named query (_query) may ignore the filters a server adds and return or reveal any type, so it needs read and search on every type without restriction, e.g. ${missing}`,
        missing,
      );
    }
    return deny(
      `the search reveals facts about ${typeText(r.type)} through ${viaText(r.via)}, which no filter on the result can hide; that needs read and search on ${r.type === '*' ? 'every type' : r.type} without a patient or query restriction, e.g. ${missing}`,
      missing,
    );
  }

  const narrowing: SearchNarrowing[] = [];
  const filtered: string[] = [];
  for (const r of unique(reach.included)) {
    const access = typeAccess(dc, r.type);
    if (access.kind === 'open') continue;
    if (access.kind === 'none') {
      const missing = r.type === '*' ? `${openLevel}/*.rs` : `${level}/${r.type}.${access.letter}`;
      return deny(
        `the search also returns ${typeText(r.type)} (via ${r.via}), which need read and search: ${missing} (option includes: require-search)`,
        missing,
      );
    }
    if (!postFilter) {
      return deny(
        `the search also returns ${typeText(r.type)} (via ${r.via}), which the granted scopes cover only under a patient or query restriction, and this request cannot carry a filter for its result`,
      );
    }
    filtered.push(r.type);
    appendAll(narrowing, access.entries);
  }
  if (narrowing.length === 0) return { decision: 'allow', narrowing, reason: undefined };
  return {
    decision: 'allow',
    narrowing,
    reason: reason(
      R.resultFiltered,
      `the search also returns ${filtered.join(', ')} resources through _include/_revinclude, which the granted scopes cover only in part: the server must remove from the result each one that passes none of its filters (narrowing with apply: result; filterSearchBundle does this)`,
      { scope: narrowing[0]?.anyOf[0]?.scope },
    ),
  };
}

function unique(list: readonly Reached[]): Reached[] {
  const seen = new Set<string>();
  const out: Reached[] = [];
  for (const r of list) {
    if (seen.has(r.type)) continue;
    seen.add(r.type);
    out.push(r);
  }
  return out;
}

function typeText(type: string): string {
  return type === '*' ? 'resources of any type' : `${type} resources`;
}

function viaText(via: string): string {
  return via === 'chain' ? 'a chained parameter' : via;
}
