/**
 * Rule ids of access decisions and the reasons built from them. A reason names the rule of
 * SMART App Launch scope rule (Scopes and Launch Context) that decided, in a sentence a server log can show.
 */
import type { Reason } from './access-types.js';

/** Stable rule ids carried by `Reason.rule`. */
export const ACCESS_RULES = Object.freeze({
  /** A granted scope allows the interaction (rules 17–20, 26–27). */
  allowed: 'access.scope-allows',
  /** Allowed, with filters the server must add to the search (a question the SMART App Launch IG leaves open: searches under query-restricted and patient/ scopes). */
  narrowed: 'access.search-narrowed',
  /** No granted scope gives the letter the interaction needs on this type (rules 17–20). */
  letterMissing: 'access.letter-missing',
  /** `patient/` scopes with no patient in context grant nothing (rule 23). */
  patientContextMissing: 'access.patient-context-missing',
  /** The resource is not in the context patient's compartment (rule 24). */
  patientCompartment: 'access.patient-compartment',
  /** A write under `patient/` scopes carries a compartment-link reference that cannot be checked (foreign base, `urn:`, malformed). */
  referenceUnverifiable: 'access.reference-unverifiable',
  /** The request explicitly asks for another patient's data (rule 25). */
  otherPatient: 'access.other-patient',
  /** The resource does not match the scope's query (rule 26). */
  queryMismatch: 'access.query-mismatch',
  /** `patient/` scopes and a type never in a Patient compartment (a question the SMART App Launch IG leaves open). */
  nonCompartmentType: 'access.non-compartment-type',
  /** The stored resource is needed to decide but was not given. */
  resourceRequired: 'access.resource-required',
  /** The stored resource is not the one the path names. */
  resourceMismatch: 'access.resource-mismatch',
  /** A search lacks the patient filter or the scope's constraints, and the options refuse. */
  searchNotLimited: 'access.search-not-limited',
  /** A system-level search or history spans types that are not all covered (rule 21). */
  systemTypes: 'access.system-search-types',
  /** `_include`/`_revinclude`/`_has`/chains/`_list`/`_filter`/`_query` reach a type that is not covered (a question the SMART App Launch IG leaves open). */
  includeNotCovered: 'access.include-not-covered',
  /** Allowed, with a post-filter (`narrowing[].apply: 'result'`) on types brought in by includes or `$everything`. */
  resultFiltered: 'access.result-post-filter',
  /** An operation returning many types (`$everything`, `$export`) reaches a type the token cannot read and search. */
  operationTypes: 'access.operation-types',
  /** An interaction SMART maps to no letter is denied unless mapped (rule 30). */
  unmapped: 'access.unmapped-interaction',
  /** An operation allowed by the `operations` option and the letters it maps to. */
  operationMapped: 'access.operation-mapped',
  /** `GET metadata` per the `capabilities` option (a question the SMART App Launch IG leaves open). */
  capabilities: 'access.capabilities',
  /** Batch/transaction decided entry by entry (rule 22). */
  bundle: 'access.bundle',
  /** Only non-resource scopes: they grant no FHIR REST access (rule 28). */
  noResourceScopes: 'access.no-resource-scopes',
  /** The request is malformed. */
  invalidRequest: 'access.invalid-request',
  /** An internal error: fail closed. */
  internalError: 'access.internal-error',
} as const);

/** Builds a frozen reason. */
export function reason(
  rule: string,
  message: string,
  // Fields may be given as undefined: they are then left out of the reason.
  extra?: {
    scope?: string | undefined;
    missing?: string | undefined;
    present?: readonly string[] | undefined;
    entry?: number | undefined;
    problem?: string | undefined;
  },
): Reason {
  const r: { -readonly [K in keyof Reason]: Reason[K] } = { rule, message };
  if (extra !== undefined) {
    if (extra.scope !== undefined) r.scope = extra.scope;
    if (extra.missing !== undefined) r.missing = extra.missing;
    if (extra.present !== undefined) r.present = extra.present;
    if (extra.entry !== undefined) r.entry = extra.entry;
    if (extra.problem !== undefined) r.problem = extra.problem;
  }
  return Object.freeze(r);
}

/** `the scopes present: a, b` or `no scopes were granted`, for messages. */
export function presentText(present: readonly string[]): string {
  return present.length === 0 ? 'no scopes were granted' : `granted: ${present.join(' ')}`;
}
