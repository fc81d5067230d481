/**
 * Decisions about one instance: read, vread, instance history, update (incl. update-as-create),
 * patch, delete, create. A scope allows when it has the letter on the type (or `*`) and, for
 * `patient/` scopes, the stored and submitted resources are in the context patient's compartment
 * (rule 24), and, for query-restricted scopes, both match the query (rule 26).
 */
import type { Reason } from './access-types.js';
import type { Letter } from './classify-request.js';
import { LETTER_NAME, missingScope, NO_ERRORS, type DecisionContext, type Outcome } from './decision-context.js';
import { isInPatientCompartment } from './patient-compartment.js';
import { LETTER_INDEX, type GrantedScope, type TypeGrants } from './prepared-token.js';
import { matchQuery } from './query-match.js';
import { ACCESS_RULES as R, presentText, reason } from './reasons.js';

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
}

/** Decides an instance interaction. */
export function decideInstance(dc: DecisionContext, t: InstanceTarget): Outcome {
  const token = dc.token;
  const g = token.grantsFor(t.type);
  const li = LETTER_INDEX[t.letter];
  const open = g.openPlain[li];
  if (open !== undefined) return allowedBy(dc, t, open, g);

  const stored = t.checkStored ? t.stored : null;
  if (stored !== null && stored !== undefined) {
    const mismatch = storedMismatch(stored, t);
    if (mismatch !== undefined) return { decision: 'deny', reasons: [reason(R.resourceMismatch, mismatch, { present: token.scopes })] };
  }

  const failures: Reason[] = [];
  for (const s of g.openQuery[li] ?? []) {
    const why = queryFailure(dc, s, t, stored);
    if (why === undefined) return allowedBy(dc, t, s, g);
    failures.push(why);
  }

  const pPlain = g.patientPlain[li];
  const pQuery = g.patientQuery[li] ?? [];
  if (pPlain !== undefined || pQuery.length > 0) {
    const patient = dc.patient;
    const first = (pPlain ?? pQuery[0]) as GrantedScope;
    if (patient === undefined) {
      failures.push(
        reason(R.patientContextMissing, `${first.text} needs a patient in context, and the token has none (rule 23)`, {
          scope: first.text,
        }),
      );
    } else if (!g.facts.inCompartment) {
      if (dc.options.patientScopeNonCompartmentTypes === 'read-search' && t.letter === 'r') {
        if (pPlain !== undefined) return allowedBy(dc, t, pPlain, g);
        for (const s of pQuery) {
          const why = queryFailure(dc, s, t, stored);
          if (why === undefined) return allowedBy(dc, t, s, g);
          failures.push(why);
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
    } else {
      const why = compartmentFailure(dc, t, stored, patient, first);
      if (why !== undefined) failures.push(why);
      else {
        if (pPlain !== undefined) return allowedBy(dc, t, pPlain, g);
        for (const s of pQuery) {
          const q = queryFailure(dc, s, t, stored);
          if (q === undefined) return allowedBy(dc, t, s, g);
          failures.push(q);
        }
      }
    }
  }

  if (failures.length === 0) return letterMissing(dc, t, g.results);
  return { decision: 'deny', reasons: withPresent(failures, token.scopes) };
}

function withPresent(failures: Reason[], present: readonly string[]): readonly Reason[] {
  // The scopes present go on the first reason only, so a log line shows them once.
  const f = failures[0] as Reason;
  failures[0] = reason(f.rule, f.message, { scope: f.scope, missing: f.missing, present });
  return failures;
}

function storedMismatch(stored: object, t: InstanceTarget): string | undefined {
  const rt = (stored as { resourceType?: unknown }).resourceType;
  if (rt !== t.type) return `the stored resource is a ${typeof rt === 'string' ? rt : '(no resourceType)'}, not the ${t.type} the path names`;
  const id = (stored as { id?: unknown }).id;
  if (t.id !== undefined && id !== undefined && id !== t.id) return `the stored resource has id ${String(id)}, not ${t.id} as the path says`;
  return undefined;
}

/** Why a patient-level scope does not reach this instance, or undefined when it does. */
function compartmentFailure(
  dc: DecisionContext,
  t: InstanceTarget,
  stored: object | null | undefined,
  patient: string,
  scope: GrantedScope,
): Reason | undefined {
  const opts = dc.options;
  if (stored === undefined) {
    // A Patient's own record is known from the path; anything else needs the stored resource.
    if (!(t.type === 'Patient' && t.id === patient)) {
      return reason(
        R.resourceRequired,
        `${t.interaction} of ${t.type}/${t.id ?? ''} under ${scope.text} needs the stored resource to check that it is about Patient/${patient}; none was given`,
        { scope: scope.text },
      );
    }
  } else if (stored !== null && !isInPatientCompartment(stored, patient, opts)) {
    return reason(
      R.patientCompartment,
      `${t.type}/${t.id ?? ''} is not in the compartment of Patient/${patient}, the patient in context, so ${scope.text} does not reach it (rule 24)`,
      { scope: scope.text },
    );
  }
  if (t.body !== undefined && !isInPatientCompartment(t.body, patient, opts)) {
    return reason(
      R.patientCompartment,
      `the submitted ${t.type} is not about Patient/${patient}, the patient in context, so ${scope.text} does not allow it (rule 24)`,
      { scope: scope.text },
    );
  }
  return undefined;
}

/** Why a query-restricted scope does not cover the instance, or undefined when it does. */
function queryFailure(
  dc: DecisionContext,
  s: GrantedScope,
  t: InstanceTarget,
  stored: object | null | undefined,
): Reason | undefined {
  if (s.query.length === 0) return undefined;
  const decode = dc.options.scopeQueryValues !== 'literal';
  const q = dc.token.compiledQuery(s, t.type, decode);
  if (stored === undefined) {
    return reason(
      R.resourceRequired,
      `${s.text} only covers ${t.type} resources matching its query; the stored resource was not given, so it cannot be checked`,
      { scope: s.text },
    );
  }
  if (stored !== null) {
    const why = matchQuery(stored, q);
    if (why !== null) return reason(R.queryMismatch, `${s.text} does not cover ${t.type}/${t.id ?? ''}: ${why} (rule 26)`, { scope: s.text });
  }
  if (t.body !== undefined) {
    const why = matchQuery(t.body, q);
    if (why !== null) return reason(R.queryMismatch, `${s.text} does not cover the submitted ${t.type}: ${why} (rule 26)`, { scope: s.text });
  }
  return undefined;
}

const INTERACTION_KEYS = new Map<string, number>();
function interactionKey(name: string): number {
  let k = INTERACTION_KEYS.get(name);
  if (k === undefined) {
    k = INTERACTION_KEYS.size + 1;
    INTERACTION_KEYS.set(name, k);
  }
  return k;
}

/** Key of a cached allow in `TypeGrants.results` (shared with the fast path). */
export function instanceAllowKey(interaction: string, scopeIndex: number): number {
  return interactionKey(interaction) * 4096 + scopeIndex;
}

function allowedBy(dc: DecisionContext, t: InstanceTarget, s: GrantedScope, g: TypeGrants): Outcome {
  // An allow depends on nothing but (type, interaction, scope): share one frozen outcome.
  const cache = g.results;
  // Indexes past the key's range are not cached (a collision would share a wrong outcome).
  const key = s.index < 4096 ? instanceAllowKey(t.interaction, s.index) : NaN;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const about = s.level === 'patient' && dc.patient !== undefined ? ' (in the compartment of the patient in context)' : '';
  const out: Outcome = Object.freeze({
    interaction: t.interaction,
    errors: NO_ERRORS,
    decision: 'allow',
    reasons: Object.freeze([
      reason(R.allowed, `${s.text} allows ${t.interaction} (letter ${t.letter}: ${LETTER_NAME[t.letter]}) on ${t.type}${about}`, {
        scope: s.text,
      }),
    ]),
  });
  if (s.index < 4096) cache.set(key, out);
  return out;
}

function letterMissing(dc: DecisionContext, t: InstanceTarget, cache: Map<number, Outcome>): Outcome {
  const key = -(interactionKey(t.interaction) * 2 + (dc.patient === undefined ? 0 : 1));
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const missing = missingScope(dc, t.type, t.letter);
  const present = dc.token.scopes;
  const out: Outcome = Object.freeze({
    interaction: t.interaction,
    errors: NO_ERRORS,
    decision: 'deny',
    reasons: Object.freeze([
      reason(
        dc.token.resourceScopes.length === 0 && present.length > 0 ? R.noResourceScopes : R.letterMissing,
        `${t.interaction} on ${t.type} needs letter ${t.letter} (${LETTER_NAME[t.letter]}), e.g. ${missing}; no granted scope gives it (${presentText(present)})`,
        { missing, present },
      ),
    ]),
  });
  cache.set(key, out);
  return out;
}
