/**
 * Decisions about one instance: read, vread, instance history, update (incl. update-as-create),
 * patch, delete, create. A scope allows when it has the letter on the type (or `*`) and, for
 * `patient/` scopes, the stored and submitted resources are in the context patient's compartment
 * (rule 24), and, for query-restricted scopes, both match the query (rule 26).
 *
 * Reasons name the scope, the rule and the patient, not the instance id (the request carries it),
 * so that they can be built once per token and shared: resource-dependent decisions then cost
 * the checks themselves, not string building.
 */
import type { Reason } from './access-types.js';
import type { Letter } from './classify-request.js';
import { LETTER_NAME, missingScope, NO_ERRORS, type DecisionContext, type Outcome } from './decision-context.js';
import { applyJsonPatch } from './json-patch.js';
import { isMemberByLinks } from './patient-compartment.js';
import { LETTER_INDEX, type CachedFailure, type GrantedScope, type TypeGrants } from './prepared-token.js';
import { failureKey, instanceAllowKey, letterMissingKey } from './cache-keys.js';
import { firstMismatch, mismatchMessage, type CompiledQuery } from './query-match.js';
import { ACCESS_RULES as R, presentText, reason } from './reasons.js';
import { isResourceType } from '../fhir/resource-types.js';
import { writeLinkProblem, writeLinks, type WriteLinkProblem } from './write-links.js';

/** The instance a decision is about. */
export interface InstanceTarget {
  readonly type: string;
  /** The id in the path (absent for create). */
  readonly id: string | undefined;
  readonly letter: Letter;
  /** Stored resource: object, `null` (does not exist) or `undefined` (not given). */
  readonly stored: object | null | undefined;
  /** Whether the stored resource must be checked (false for create and update-as-create). */
  readonly checkStored: boolean;
  /** The submitted resource (create, update), checked like the stored one. */
  readonly body: object | undefined;
  /** Interaction name for messages. */
  readonly interaction: string;
  /** For `patch`: the patch body; restricted scopes check the resource it would produce. */
  readonly patch?: unknown;
}

// Failure kinds, part of the cache key of a failure reason.
const F_CONTEXT = 1;
const F_NON_COMPARTMENT = 2;
const F_COMPARTMENT_NEEDS_STORED = 3;
const F_STORED_OUTSIDE = 4;
const F_BODY_OUTSIDE = 5;
const F_QUERY_NEEDS_STORED = 6;
const F_QUERY_STORED = 7;
const F_QUERY_BODY = 8;
const F_WRITE_PRIMARY = 9;
const F_WRITE_OTHER_PATIENT = 10;
const F_WRITE_UNVERIFIABLE = 11;
const F_WRITE_NOT_MEMBER = 12;
const F_WRITE_NOT_OWN_RECORD = 13;

/** Letters that change data: under `patient/` scopes they must stay with the context patient. */
function isWrite(letter: Letter): boolean {
  return letter === 'c' || letter === 'u' || letter === 'd';
}

/** Decides an instance interaction. */
export function decideInstance(dc: DecisionContext, t: InstanceTarget, grants?: TypeGrants): Outcome {
  const token = dc.token;
  // Callers that looked the type up already pass its table (a fresh type string costs a hash).
  const g = grants ?? token.grantsFor(t.type);
  const li = LETTER_INDEX[t.letter];
  const open = g.openPlain[li];
  if (open !== undefined) return allowedBy(dc, t, open, g);

  const stored = t.checkStored ? t.stored : null;
  if (stored !== null && stored !== undefined) {
    const mismatch = storedMismatch(stored, t);
    if (mismatch !== undefined) return { decision: 'deny', reasons: [reason(R.resourceMismatch, mismatch, { present: token.scopes })] };
  }

  if (t.patch !== undefined && stored !== null && stored !== undefined) {
    // Every scope left is restricted (patient or query): check the patched resource as well.
    const patched = Array.isArray(t.patch) ? applyJsonPatch(stored, t.patch) : undefined;
    if (patched === undefined || !patched.ok) {
      const why = patched === undefined ? 'only JSON Patch can be applied to check it' : patched.message;
      return {
        decision: 'deny',
        reasons: [
          reason(
            R.resourceRequired,
            `the remaining scopes are restricted (patient or query), and the patched ${t.type} cannot be computed to check it stays inside them: ${why}`,
            { present: token.scopes },
          ),
        ],
      };
    }
    const value = patched.value;
    if (value === null || typeof value !== 'object' || (value as { resourceType?: unknown }).resourceType !== t.type) {
      return {
        decision: 'deny',
        reasons: [reason(R.resourceMismatch, `the patch would change the resource's type`, { present: token.scopes })],
      };
    }
    return decideInstance(dc, { ...t, patch: undefined, body: value }, g);
  }

  let failures: CachedFailure[] | undefined;
  const openQuery = g.openQuery[li];
  if (openQuery !== undefined) {
    for (let i = 0; i < openQuery.length; i++) {
      const s = openQuery[i] as GrantedScope;
      const why = queryFailure(dc, g, s, t, stored);
      if (why === undefined) return allowedBy(dc, t, s, g);
      (failures ??= []).push(why);
    }
  }

  const pPlain = g.patientPlain[li];
  const pQuery = g.patientQuery[li];
  if (pPlain !== undefined || (pQuery !== undefined && pQuery.length > 0)) {
    const patient = dc.patient;
    const first = (pPlain ?? (pQuery as readonly GrantedScope[])[0]) as GrantedScope;
    if (patient === undefined) {
      (failures ??= []).push(failure(dc, g, t, F_CONTEXT, first, 0));
    } else if (!g.facts.inCompartment) {
      if (dc.options.patientScopeNonCompartmentTypes === 'read-search' && (t.letter === 'r' || t.letter === 's')) {
        if (pPlain !== undefined) return allowedBy(dc, t, pPlain, g);
        for (const s of pQuery ?? []) {
          const why = queryFailure(dc, g, s, t, stored);
          if (why === undefined) return allowedBy(dc, t, s, g);
          (failures ??= []).push(why);
        }
      } else {
        (failures ??= []).push(failure(dc, g, t, F_NON_COMPARTMENT, first, 0));
      }
    } else {
      const why = compartmentFailure(dc, g, t, stored, patient, first);
      if (why !== undefined) (failures ??= []).push(why);
      else {
        if (pPlain !== undefined) return allowedBy(dc, t, pPlain, g);
        for (const s of pQuery ?? []) {
          const q = queryFailure(dc, g, s, t, stored);
          if (q === undefined) return allowedBy(dc, t, s, g);
          (failures ??= []).push(q);
        }
      }
    }
  }

  if (failures === undefined) return letterMissing(dc, t, g);
  const only = failures[0] as CachedFailure;
  if (failures.length === 1) {
    only.single ??= Object.freeze({
      decision: 'deny',
      reasons: Object.freeze([only.reason]),
      errors: NO_ERRORS,
      interaction: t.interaction,
    });
    // A shared outcome carries the interaction it was built for; others copy it in authorize.
    return only.single;
  }
  return { decision: 'deny', reasons: failures.map((f) => f.reason) };
}

function storedMismatch(stored: object, t: InstanceTarget): string | undefined {
  const rt = (stored as { resourceType?: unknown }).resourceType;
  // Only a known type name is shown: the stored resource's values are not echoed.
  if (rt !== t.type)
    return `the stored resource is ${typeof rt === 'string' && isResourceType(rt) ? `a ${rt}` : 'of another or no resourceType'}, not the ${t.type} the path names`;
  const id = (stored as { id?: unknown }).id;
  if (t.id !== undefined && id !== undefined && id !== t.id) return `the stored resource's id is not the one the path names`;
  return undefined;
}

/** Why a patient-level scope does not reach this instance, or undefined when it does. */
function compartmentFailure(
  dc: DecisionContext,
  g: TypeGrants,
  t: InstanceTarget,
  stored: object | null | undefined,
  patient: string,
  scope: GrantedScope,
): CachedFailure | undefined {
  const opts = dc.options;
  const links = g.facts.links(opts.patientMembership);
  const base = dc.serverBase;
  if (stored === undefined) {
    // A Patient's own record is known from the path; anything else needs the stored resource.
    if (!(t.type === 'Patient' && t.id === patient)) return failure(dc, g, t, F_COMPARTMENT_NEEDS_STORED, scope, 0);
  } else if (stored !== null && !isMemberByLinks(stored, patient, links, opts, base)) {
    return failure(dc, g, t, F_STORED_OUTSIDE, scope, 0);
  }
  if (t.body !== undefined && !isMemberByLinks(t.body, patient, links, opts, base)) return failure(dc, g, t, F_BODY_OUTSIDE, scope, 0);
  if (isWrite(t.letter)) {
    // Membership (any link) is enough to read; a write must also reach no other patient.
    if (stored !== null && stored !== undefined) {
      const p = writeLinkProblem(stored, t.type, patient, opts, base);
      if (p !== undefined) return writeFailure(dc, g, t, scope, p, 0);
    }
    if (t.body !== undefined) {
      const p = writeLinkProblem(t.body, t.type, patient, opts, base);
      if (p !== undefined) return writeFailure(dc, g, t, scope, p, 1);
    }
  }
  return undefined;
}

const REF_CODE = { foreign: 1, logical: 2, malformed: 3 } as const;

/** The cached failure for a write problem; `which` 0: the stored resource, 1: the submitted one. */
function writeFailure(
  dc: DecisionContext,
  g: TypeGrants,
  t: InstanceTarget,
  scope: GrantedScope,
  p: WriteLinkProblem,
  which: 0 | 1,
): CachedFailure {
  if (p.kind === 'not-member') return failure(dc, g, t, F_WRITE_NOT_MEMBER, scope, which);
  if (p.kind === 'not-own-record') return failure(dc, g, t, F_WRITE_NOT_OWN_RECORD, scope, which);
  const param = Math.max(0, writeLinks(t.type).names.indexOf(p.param));
  const ref = p.kind === 'unverifiable' ? REF_CODE[p.ref] : 0;
  const kind = p.kind === 'primary' ? F_WRITE_PRIMARY : p.kind === 'other-patient' ? F_WRITE_OTHER_PATIENT : F_WRITE_UNVERIFIABLE;
  // Detail packs (link, reference kind, which resource); past 63 the reason is simply not cached.
  return failure(dc, g, t, kind, scope, (param * 4 + ref) * 2 + which);
}

/** Why a query-restricted scope does not cover the instance, or undefined when it does. */
function queryFailure(
  dc: DecisionContext,
  g: TypeGrants,
  s: GrantedScope,
  t: InstanceTarget,
  stored: object | null | undefined,
): CachedFailure | undefined {
  if (s.query.length === 0) return undefined;
  if (stored === undefined) return failure(dc, g, t, F_QUERY_NEEDS_STORED, s, 0);
  const decode = dc.options.scopeQueryValues !== 'literal';
  const q = dc.token.compiledQueryIn(g, s, decode);
  if (stored !== null) {
    const i = firstMismatch(stored, q, dc.serverBase);
    if (i !== -1) return failure(dc, g, t, F_QUERY_STORED, s, i + 2, q, i);
  }
  if (t.body !== undefined) {
    const i = firstMismatch(t.body, q, dc.serverBase);
    if (i !== -1) return failure(dc, g, t, F_QUERY_BODY, s, i + 2, q, i);
  }
  return undefined;
}

/** A deny reason, built once per (kind, scope, detail, interaction, decode mode) and patient. */
function failure(
  dc: DecisionContext,
  g: TypeGrants,
  t: InstanceTarget,
  kind: number,
  s: GrantedScope,
  detail: number,
  query?: CompiledQuery,
  pairIndex = -1,
): CachedFailure {
  const key = failureKey(kind, s.index, detail, t.interaction, dc.options.scopeQueryValues !== 'literal');
  const hit = key === undefined ? undefined : g.failures.get(key);
  if (hit !== undefined && hit.patient === dc.patient) return hit;
  const why = query !== undefined ? mismatchMessage(query, pairIndex) : undefined;
  const problem = query?.pairs[pairIndex]?.problem;
  const made: CachedFailure = { patient: dc.patient, reason: failureReason(dc, t, kind, s, why, detail, problem) };
  if (key !== undefined && g.failures.size < 4096) g.failures.set(key, made);
  return made;
}

const REF_TEXT: Readonly<Record<number, string>> = {
  1: "an absolute URL outside this server's base (option serverBase)",
  2: 'not a literal reference to this server (urn: or another scheme)',
  3: 'malformed',
};

function failureReason(
  dc: DecisionContext,
  t: InstanceTarget,
  kind: number,
  s: GrantedScope,
  why: string | undefined,
  detail: number,
  problem?: string,
): Reason {
  const present = dc.token.scopes;
  const p = dc.patient ?? '';
  const extra = { scope: s.text, present };
  const which = detail % 2 === 0 ? `stored ${t.type}` : `submitted ${t.type}`;
  const param = writeLinks(t.type).names[Math.floor(detail / 8)] ?? 'link';
  switch (kind) {
    case F_WRITE_PRIMARY:
      return reason(
        R.patientCompartment,
        `the ${which} must name Patient/${p}, the patient in context, and only that patient, in its ${param} (its primary link), so ${s.text} does not allow ${t.interaction} (rule 24)`,
        extra,
      );
    case F_WRITE_OTHER_PATIENT:
      return reason(
        R.patientCompartment,
        `the ${which} also names another patient in ${param}, so ${t.interaction} would reach that patient's compartment; ${s.text} does not allow it (rule 24; option patientWriteLinks)`,
        extra,
      );
    case F_WRITE_UNVERIFIABLE:
      return reason(
        R.referenceUnverifiable,
        `a reference in ${param} of the ${which} is ${REF_TEXT[Math.floor(detail / 2) % 4] ?? 'not checkable'}, so it cannot be shown not to name another patient; ${s.text} does not allow ${t.interaction} (rule 24)`,
        extra,
      );
    case F_WRITE_NOT_MEMBER:
      return reason(
        R.patientCompartment,
        `the ${which} does not refer to Patient/${p}, the patient in context, so ${s.text} does not allow ${t.interaction} (rule 24)`,
        extra,
      );
    case F_WRITE_NOT_OWN_RECORD:
      return reason(
        R.patientCompartment,
        `under ${s.text} a write may only change the own Patient record of Patient/${p}, the patient in context, and the ${which} is another one (rule 24)`,
        extra,
      );
    case F_CONTEXT:
      return reason(R.patientContextMissing, `${s.text} needs a patient in context, and the token has none (rule 23)`, extra);
    case F_NON_COMPARTMENT:
      return reason(
        R.nonCompartmentType,
        `${t.type} is never in a Patient compartment, so patient-level scopes such as ${s.text} do not reach it (rule 24; option patientScopeNonCompartmentTypes)`,
        extra,
      );
    case F_COMPARTMENT_NEEDS_STORED:
      return reason(
        R.resourceRequired,
        `${t.interaction} of a ${t.type} under ${s.text} needs the stored resource to check that it is about Patient/${p}; none was given`,
        extra,
      );
    case F_STORED_OUTSIDE:
      return reason(
        R.patientCompartment,
        `the ${t.type} is not in the compartment of Patient/${p}, the patient in context, so ${s.text} does not reach it (rule 24)`,
        extra,
      );
    case F_BODY_OUTSIDE:
      return reason(
        R.patientCompartment,
        `the submitted ${t.type} is not about Patient/${p}, the patient in context, so ${s.text} does not allow it (rule 24)`,
        extra,
      );
    case F_QUERY_NEEDS_STORED:
      return reason(
        R.resourceRequired,
        `${s.text} only covers ${t.type} resources matching its query; the stored resource was not given, so it cannot be checked`,
        extra,
      );
    case F_QUERY_STORED:
      return reason(R.queryMismatch, `${s.text} does not cover the stored ${t.type}: ${why ?? ''} (rule 26)`, { ...extra, problem });
    default:
      return reason(R.queryMismatch, `${s.text} does not cover the submitted ${t.type}: ${why ?? ''} (rule 26)`, { ...extra, problem });
  }
}

function allowedBy(_dc: DecisionContext, t: InstanceTarget, s: GrantedScope, g: TypeGrants): Outcome {
  // An allow depends on nothing but (type, interaction, scope): share one frozen outcome.
  const cache = g.results;
  // Out of the key's range (a scope index past the limit, an operation): computed, not cached.
  const key = instanceAllowKey(t.interaction, s.index);
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) return hit;
  const about = s.level === 'patient' ? ' (in the compartment of the patient in context)' : '';
  const out: Outcome = Object.freeze({
    decision: 'allow',
    reasons: Object.freeze([
      reason(R.allowed, `${s.text} allows ${t.interaction} (letter ${t.letter}: ${LETTER_NAME[t.letter]}) on ${t.type}${about}`, {
        scope: s.text,
      }),
    ]),
    errors: NO_ERRORS,
    interaction: t.interaction,
  });
  if (key !== undefined) cache.set(key, out);
  return out;
}

function letterMissing(dc: DecisionContext, t: InstanceTarget, g: TypeGrants): Outcome {
  const cache = g.results;
  const key = letterMissingKey(t.interaction, dc.patient !== undefined);
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) return hit;
  const missing = missingScope(dc, t.type, t.letter);
  const present = dc.token.scopes;
  const out: Outcome = Object.freeze({
    decision: 'deny',
    reasons: Object.freeze([
      reason(
        dc.token.resourceScopes.length === 0 && present.length > 0 ? R.noResourceScopes : R.letterMissing,
        `${t.interaction} on ${t.type} needs letter ${t.letter} (${LETTER_NAME[t.letter]}), e.g. ${missing}; no granted scope gives it (${presentText(present)})`,
        { missing, present },
      ),
    ]),
    errors: NO_ERRORS,
    interaction: t.interaction,
  });
  if (key !== undefined) cache.set(key, out);
  return out;
}
