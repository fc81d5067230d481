/**
 * Decisions about searches of one type (type search, `POST _search`, type history, compartment
 * search, each type of a system search). A search is inside a scope when the scope has `s` on the
 * type and the request already carries the scope's limits: the context patient for `patient/`
 * scopes (rule 24), the scope's query for query-restricted scopes. Otherwise, per options, the
 * result lists the filters the server must add (narrowing), or the scope does not allow it.
 */
import type { QueryPair } from '../smart/scope-types.js';
import type { Reason, SearchNarrowing } from './access-types.js';
import type { Letter } from './classify-request.js';
import { decideReach } from './decide-reach.js';
import { LETTER_NAME, missingScope, NO_ERRORS, type DecisionContext, type Outcome } from './decision-context.js';
import { patientFilter, patientLimit, type PatientLimit } from './patient-filter.js';
import { LETTER_INDEX, type GrantedScope, type TypeGrants } from './prepared-token.js';
import { searchAllowKey, searchOutcomeKey, type PatientLimitCode, type ResultKey } from './cache-keys.js';
import { ACCESS_RULES as R, presentText, reason } from './reasons.js';
import { percentDecode, splitEscaped } from './search-syntax.js';
import { appendAll } from '../util/append-all.js';

/** The search a decision is about. */
export interface SearchTarget {
  /** A resource type, or `*` for every type (only `*` scopes count). */
  readonly type: string;
  readonly letter: Letter;
  readonly params: readonly QueryPair[];
  readonly interaction: string;
  /** Owner of a Patient compartment search: acts as an explicit patient filter. */
  readonly compartmentPatient?: string | undefined;
  /** True when the search can only return types of the Patient compartment. */
  readonly compartmentTypesOnly?: boolean;
  /** False where narrowing cannot apply (operations): a search must then already be inside. */
  readonly narrowAllowed: boolean;
  /** History: the parameters are not filters, so only a compartment owner limits the patient. */
  readonly history?: boolean;
}

type Alternative = { readonly scope: string; readonly filters: readonly QueryPair[] };

/** Decides a search of one type; `narrowing` holds at most one entry (for this type). */
export function decideSearch(dc: DecisionContext, t: SearchTarget): Outcome {
  const base = coverage(dc, t);
  if (base.decision === 'deny') return base;
  // What the search brings in or reveals beyond its own type (_include, _has, chains, …).
  const reach = decideReach(dc, t.type, t.params, t.narrowAllowed);
  if (reach === undefined) return base;
  if (reach.decision === 'deny') return { decision: 'deny', reasons: [reach.reason] };
  if (reach.reason === undefined) return base;
  return {
    decision: 'allow',
    reasons: [...base.reasons, reach.reason],
    narrowing: mergeNarrowing(base.narrowing ?? [], reach.narrowing),
  };
}

/** `a` then the entries of `b` not already in it (system searches repeat post-filters per type). */
export function mergeNarrowing(a: readonly SearchNarrowing[], b: readonly SearchNarrowing[]): SearchNarrowing[] {
  const out = a.slice();
  const seen = new Set(a.map((n) => JSON.stringify(n)));
  for (const n of b) {
    const key = JSON.stringify(n);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

function coverage(dc: DecisionContext, t: SearchTarget): Outcome {
  const g = dc.token.grantsFor(t.type);
  const li = LETTER_INDEX[t.letter];
  const open = g.openPlain[li];
  if (open !== undefined) return allowed(dc, t, open, g.results, 0);
  const hasPatientScopes = g.patientPlain[li] !== undefined || (g.patientQuery[li]?.length ?? 0) > 0;
  // How the request limits the patient matters only to patient/ scopes on compartment types.
  let limit: PatientLimit = 'none';
  const patient = dc.patient;
  if (hasPatientScopes && patient !== undefined && (g.facts.inCompartment || t.type === '*')) {
    limit =
      t.history === true
        ? t.compartmentPatient === undefined
          ? 'none'
          : t.compartmentPatient === patient
            ? 'same'
            : 'other'
        : t.type === '*'
          ? t.compartmentPatient === undefined
            ? 'none'
            : t.compartmentPatient === patient
              ? 'same'
              : 'other'
          : patientLimit(g.facts, t.params, patient, dc.options.patientMembership, t.compartmentPatient, dc.serverBase);
  }
  if ((g.openQuery[li]?.length ?? 0) > 0 || (g.patientQuery[li]?.length ?? 0) > 0) return slowCoverage(dc, t, g, li, limit);
  // Without query scopes the outcome depends only on (interaction, limit, flags, patient, options):
  // cache it, so that repeated searches cost a lookup.
  const key = searchOutcomeKey(t.interaction, LIMIT_CODE[limit], t.history === true, t.narrowAllowed, t.compartmentTypesOnly === true, li);
  const hit = key === undefined ? undefined : g.contextual.get(key);
  if (hit !== undefined && hit.patient === patient && hit.options === dc.options) return hit.outcome;
  const computed = slowCoverage(dc, t, g, li, limit);
  const outcome: Outcome = Object.freeze({ ...computed, errors: NO_ERRORS, interaction: t.interaction });
  if (key !== undefined && g.contextual.size < 4096) g.contextual.set(key, { patient, options: dc.options, outcome });
  return outcome;
}

const LIMIT_CODE: Readonly<Record<PatientLimit, PatientLimitCode>> = { none: 0, same: 1, other: 2 };

function slowCoverage(dc: DecisionContext, t: SearchTarget, g: TypeGrants, li: number, limit: PatientLimit): Outcome {
  const token = dc.token;
  const opts = dc.options;
  const narrowQuery = t.narrowAllowed && opts.queryRestrictedSearch === 'narrow';
  const narrowPatient = t.narrowAllowed && opts.patientSearchWithoutFilter === 'narrow';
  const decode = opts.scopeQueryValues !== 'literal';
  const failures: Reason[] = [];
  const alts: Alternative[] = [];

  for (const s of g.openQuery[li] ?? []) {
    if (carries(t.params, s, decode)) return allowed(dc, t, s, g.results, 1);
    if (narrowQuery) alts.push({ scope: s.text, filters: scopeFilters(s, decode) });
    else failures.push(notLimited(s, t, "the scope's query", 'queryRestrictedSearch'));
  }

  const pPlain = g.patientPlain[li];
  const pQuery = g.patientQuery[li] ?? [];
  if (pPlain !== undefined || pQuery.length > 0) {
    const first = (pPlain ?? pQuery[0]) as GrantedScope;
    const patient = dc.patient;
    if (patient === undefined) {
      failures.push(
        reason(R.patientContextMissing, `${first.text} needs a patient in context, and the token has none (rule 23)`, {
          scope: first.text,
        }),
      );
    } else if (t.type !== '*' && !g.facts.inCompartment) {
      if (opts.patientScopeNonCompartmentTypes === 'read-search' && t.letter === 's') {
        if (pPlain !== undefined) return allowed(dc, t, pPlain, g.results, 2);
        for (const s of pQuery) {
          if (carries(t.params, s, decode)) return allowed(dc, t, s, g.results, 2);
          if (narrowQuery) alts.push({ scope: s.text, filters: scopeFilters(s, decode) });
          else failures.push(notLimited(s, t, "the scope's query", 'queryRestrictedSearch'));
        }
      } else {
        failures.push(
          reason(
            R.nonCompartmentType,
            `${t.type} is never in a Patient compartment, so patient-level scopes such as ${first.text} do not reach it (rule 24; option patientScopeNonCompartmentTypes)`,
            { scope: first.text },
          ),
        );
      }
    } else if (t.type === '*' && t.compartmentTypesOnly !== true) {
      failures.push(
        reason(
          R.systemTypes,
          `${first.text} only reaches types in the Patient compartment; a search across every type is wider (rule 21)`,
          {
            scope: first.text,
          },
        ),
      );
    } else if (limit === 'other') {
      failures.push(
        reason(
          R.otherPatient,
          `the ${t.interaction} asks for another patient's data; ${first.text} only reaches Patient/${patient}, the patient in context (rule 25)`,
          { scope: first.text },
        ),
      );
    } else {
      const pf = limit === 'same' || t.type === '*' ? undefined : patientFilter(t.type, patient, opts.patientMembership);
      if (pPlain !== undefined) {
        if (limit === 'same') return allowed(dc, t, pPlain, g.results, 3);
        if (narrowPatient && pf !== undefined) alts.push({ scope: pPlain.text, filters: [pf] });
        else failures.push(notLimited(pPlain, t, `a filter for Patient/${patient}`, 'patientSearchWithoutFilter'));
      }
      for (const s of pQuery) {
        const inside = carries(t.params, s, decode);
        if (limit === 'same' && inside) return allowed(dc, t, s, g.results, 3);
        const needPatient = limit !== 'same';
        // Name what is missing and the option that refuses it (both, when both refuse).
        const patientRefused = needPatient && (!narrowPatient || pf === undefined);
        const queryRefused = !inside && !narrowQuery;
        if (patientRefused || queryRefused) {
          const what: string[] = [];
          const options: string[] = [];
          if (patientRefused) {
            what.push(`a filter for Patient/${patient}`);
            options.push('patientSearchWithoutFilter');
          }
          if (queryRefused) {
            what.push("the scope's query");
            options.push('queryRestrictedSearch');
          }
          failures.push(notLimited(s, t, what.join(' or '), options.join(' and ')));
          continue;
        }
        const filters: QueryPair[] = [];
        if (needPatient && pf !== undefined) filters.push(pf);
        if (!inside) appendAll(filters, scopeFilters(s, decode));
        alts.push({ scope: s.text, filters });
      }
    }
  }

  if (alts.length > 0) {
    const narrowing: SearchNarrowing = { resourceType: t.type, anyOf: alts };
    const scopes = alts.map((a) => a.scope).join(', ');
    return {
      decision: 'allow',
      reasons: [
        reason(
          R.narrowed,
          `${t.interaction} of ${t.type} is allowed only with the filters listed in narrowing (by ${scopes}); the server must add them and filter what it returns`,
          { scope: (alts[0] as Alternative).scope },
        ),
      ],
      narrowing: [narrowing],
    };
  }
  if (failures.length === 0) {
    const missing = missingScope(dc, t.type, t.letter);
    return {
      decision: 'deny',
      reasons: [
        reason(
          token.resourceScopes.length === 0 && token.scopes.length > 0 ? R.noResourceScopes : R.letterMissing,
          `${t.interaction} of ${t.type === '*' ? 'every type' : t.type} needs letter ${t.letter} (${LETTER_NAME[t.letter]}), e.g. ${missing}; no granted scope gives it (${presentText(token.scopes)})`,
          { missing, present: token.scopes },
        ),
      ],
    };
  }
  const f = failures[0] as Reason;
  failures[0] = reason(f.rule, f.message, { scope: f.scope, present: token.scopes });
  return { decision: 'deny', reasons: failures };
}

function notLimited(s: GrantedScope, t: SearchTarget, what: string, option: string): Reason {
  return reason(
    R.searchNotLimited,
    t.narrowAllowed
      ? `the ${t.interaction} does not carry ${what}, and ${option.includes(' and ') ? `options ${option} refuse` : `option ${option} refuses`} such searches under ${s.text}`
      : `the ${t.interaction} does not carry ${what}, which ${s.text} requires`,
    { scope: s.text },
  );
}

function scopeFilters(s: GrantedScope, decode: boolean): readonly QueryPair[] {
  if (!decode) return s.query;
  return s.query.map((p) => ({ name: p.name, value: percentDecode(p.value) ?? p.value }));
}

/** True when every pair of the scope's query is carried by the request (same or fewer OR values). */
export function carries(params: readonly QueryPair[], s: GrantedScope, decode: boolean): boolean {
  for (const sp of s.query) {
    const scopeValue = decode ? percentDecode(sp.value) : sp.value;
    if (scopeValue === undefined) return false;
    const allowedValues = scopeValue.indexOf(',') >= 0 ? splitEscaped(scopeValue, ',') : undefined;
    let found = false;
    for (const p of params) {
      if (p.name !== sp.name) continue;
      if (p.value === scopeValue) {
        found = true;
        break;
      }
      if (allowedValues !== undefined && splitEscaped(p.value, ',').every((v) => allowedValues.includes(v))) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

function allowed(_dc: DecisionContext, t: SearchTarget, s: GrantedScope, cache: Map<ResultKey, Outcome>, kind: number): Outcome {
  // Keyed by interaction, scope and kind; the message names no patient id, so it can be shared.
  // Out of the key's range (a scope index past the limit, an operation): computed, not cached.
  const key = searchAllowKey(t.interaction, s.index, kind);
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) return hit;
  const why =
    kind === 3
      ? ' for the patient in context, which the request is limited to'
      : kind === 1
        ? ', whose query the request carries'
        : kind === 2
          ? ' (option patientScopeNonCompartmentTypes: read-search)'
          : '';
  const out: Outcome = Object.freeze({
    decision: 'allow',
    reasons: Object.freeze([
      reason(
        R.allowed,
        `${s.text} allows ${t.interaction} (letter ${t.letter}: ${LETTER_NAME[t.letter]}) of ${t.type === '*' ? 'every type' : t.type}${why}`,
        {
          scope: s.text,
        },
      ),
    ]),
    errors: NO_ERRORS,
    interaction: t.interaction,
  });
  if (key !== undefined) cache.set(key, out);
  return out;
}
