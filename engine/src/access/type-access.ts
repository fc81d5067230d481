/**
 * How a token may read and search the resources of one type when they arrive in a result it did
 * not ask for by type (included by `_include`/`_revinclude`, returned by `$everything`): without
 * restriction, only those matching filters (a patient compartment, a scope's query), or not at
 * all. The filters are what a server checks on each returned resource (a post-filter), since it
 * cannot add them to the query that brought the resource in.
 */
import type { QueryPair } from '../smart/scope-types.js';
import type { SearchNarrowing } from './access-types.js';
import type { Letter } from './classify-request.js';
import type { DecisionContext } from './decision-context.js';
import { patientFilter } from './patient-filter.js';
import { LETTER_INDEX, type GrantedScope, type TypeGrants } from './prepared-token.js';
import { percentDecode } from './search-syntax.js';

type Alternative = { readonly scope: string; readonly filters: readonly QueryPair[] };

export type TypeAccess =
  /** Some scope grants every letter asked for on the type without restriction. */
  | { readonly kind: 'open' }
  /** Only resources passing every entry (each: any alternative) may be returned. */
  | { readonly kind: 'filtered'; readonly entries: readonly SearchNarrowing[] }
  /** No scope grants `letter` on the type, under any restriction. */
  | { readonly kind: 'none'; readonly letter: Letter };

/** Read and search: what a resource returned by a search must be open to. */
export const READ_SEARCH: readonly Letter[] = Object.freeze(['r', 's']);

/**
 * The access the token has to `type` (or `*`: only scopes on every type without restriction
 * count) for each of `letters`; entries for different letters are AND-ed (each identical one
 * is kept once).
 */
export function typeAccess(dc: DecisionContext, type: string, letters: readonly Letter[] = READ_SEARCH): TypeAccess {
  const g = dc.token.grantsFor(type);
  const entries: SearchNarrowing[] = [];
  const seen = new Set<string>();
  for (const letter of letters) {
    const alts = letterAlternatives(dc, g, type, letter);
    if (alts === 'open') continue;
    if (alts.length === 0) return { kind: 'none', letter };
    const key = JSON.stringify(alts);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ resourceType: type, anyOf: alts, apply: 'result' });
  }
  return entries.length === 0 ? { kind: 'open' } : { kind: 'filtered', entries };
}

/** True when some scope grants `letters` on `type` without any restriction. */
export function isOpen(dc: DecisionContext, type: string, letters: readonly Letter[] = READ_SEARCH): boolean {
  return typeAccess(dc, type, letters).kind === 'open';
}

/** `open`, or the alternatives (one per restricted scope) under which `letter` is granted. */
function letterAlternatives(dc: DecisionContext, g: TypeGrants, type: string, letter: Letter): 'open' | Alternative[] {
  const li = LETTER_INDEX[letter];
  if (g.openPlain[li] !== undefined) return 'open';
  if (type === '*') return []; // restrictions differ per type: not expressible as one filter
  const decode = dc.options.scopeQueryValues !== 'literal';
  const alts: Alternative[] = [];
  for (const s of g.openQuery[li] ?? []) alts.push({ scope: s.text, filters: scopeFilters(s, decode) });
  const pPlain = g.patientPlain[li];
  const pQuery = g.patientQuery[li] ?? [];
  const patient = dc.patient;
  if ((pPlain !== undefined || pQuery.length > 0) && patient !== undefined) {
    if (!g.facts.inCompartment) {
      // Rule 24 as written gives patient/ scopes nothing here; the option lets them read and search.
      if (dc.options.patientScopeNonCompartmentTypes === 'read-search' && (letter === 'r' || letter === 's')) {
        if (pPlain !== undefined) return 'open';
        for (const s of pQuery) alts.push({ scope: s.text, filters: scopeFilters(s, decode) });
      }
    } else {
      const pf = patientFilter(type, patient, dc.options.patientMembership);
      if (pf !== undefined) {
        if (pPlain !== undefined) alts.push({ scope: pPlain.text, filters: [pf] });
        for (const s of pQuery) alts.push({ scope: s.text, filters: [pf, ...scopeFilters(s, decode)] });
      }
    }
  }
  return alts;
}

function scopeFilters(s: GrantedScope, decode: boolean): readonly QueryPair[] {
  if (!decode) return s.query;
  return s.query.map((p) => ({ name: p.name, value: percentDecode(p.value) ?? p.value }));
}
