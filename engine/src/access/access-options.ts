/**
 * Default access options: each settles one ambiguity of SMART 2.2 (digest §17) that touches
 * resource-server decisions. A policy file overrides them; `authorize` also accepts per-request
 * overrides.
 */
import type { AccessOptions } from './access-types.js';

/**
 * The options `authorize` uses when neither a policy nor the request says otherwise.
 * Frozen: callers build their own object (`{...DEFAULT_ACCESS_OPTIONS, ...}`) to change them.
 */
export const DEFAULT_ACCESS_OPTIONS: AccessOptions = Object.freeze({
  /**
   * Default `'narrow'`: a search that lacks a query-restricted scope's constraints is allowed and
   * the result says which filters the server must add (`narrowing`). Both readings exist in the
   * wild and the ONC test kit accepts either (§2.6 item 3); narrowing keeps apps working while the
   * server returns only what the scope covers. A search that already carries the constraints
   * needs no narrowing. `'refuse'` denies such searches instead.
   */
  queryRestrictedSearch: 'narrow',
  /**
   * Default `'narrow'`: a search under `patient/` scopes without a patient filter is allowed with
   * `patient=<context patient>` added (rule 24 allows an engine-added filter). An explicit filter
   * for another patient is always denied (rule 25). `'refuse'` denies unfiltered searches.
   */
  patientSearchWithoutFilter: 'narrow',
  /**
   * Default `'compartment'`: a resource is about the patient when ANY linking parameter of the R4
   * Patient CompartmentDefinition refers to the patient (e.g. Observation `subject` or
   * `performer`). `'primary'` uses only the primary link (parameters named `patient`/`subject`).
   */
  patientMembership: 'compartment',
  /**
   * Default `'deny'`: `patient/` scopes grant nothing on types that are never in a Patient
   * compartment (Medication, Practitioner, Organization, …): rule 24 as written. `'read-search'`
   * lets `patient/` scopes read and search them without a patient filter.
   */
  patientScopeNonCompartmentTypes: 'deny',
  /**
   * Default `{}`: every `$operation` is denied (rule 30) unless mapped here to the letters it needs
   * on its resource type, e.g. `{"$everything": "rs"}`. SMART maps no operation to a letter.
   * `$everything` and `$export` return many types: mapped, they also need `r` and `s` on each type
   * they can return (every type, or those `_type` lists); `$everything` is post-filtered where that
   * access is restricted, `$export` (unfiltered files) is then refused.
   */
  operations: Object.freeze({}),
  /**
   * Default `'deny'`: conditional create/update/patch/delete involve a hidden search, which SMART
   * does not map (rule 30). `'require-search'` allows them with their letter plus `s`.
   */
  conditionalInteractions: 'deny',
  /**
   * Default `'as-type-search'`: `GET Patient/x/Type` is a search of `Type` limited to Patient x
   * (rule 24 names compartment search as a patient filter); it needs `s` on `Type`.
   */
  compartmentSearch: 'as-type-search',
  /** Default `'allow'`: `GET metadata` is public on FHIR servers; no scope is needed. */
  capabilities: 'allow',
  /**
   * Default `'require-search'`: a search returns or reveals only what the token could read and
   * search directly. `_include`/`_revinclude` (any modifier, wildcard or type) need `r` and `s` on
   * each type they bring in; where the token has those only under a patient compartment or a
   * scope's query, the search is allowed with a post-filter (`narrowing` entries with
   * `apply: 'result'`, applied by `filterSearchBundle(decision, …)`), or refused where no
   * post-filter can be carried (type-level operations). `_has`, chained parameters, `_list`,
   * `_filter` and `_query` reveal facts a post-filter cannot hide: the types they reach must be
   * open without restriction. `'deny'` refuses any `_include`, `_revinclude` and `_has`.
   */
  includes: 'require-search',
  /**
   * Default `'decode'`: scope query values are percent-decoded before comparison, since the IG
   * writes them in FHIR search syntax, which is URL-encoded on the wire (§17.13). `'literal'`
   * compares them as written.
   */
  scopeQueryValues: 'decode',
  /** The only value: v1 scopes mean exactly their v2 mapping (`read` = `rs`, `write` = `cud`), §3. */
  v1Semantics: 'v2-mapping',
  /**
   * Default `'compartment'`: per the R4 CompartmentDefinition (`Patient: link`), a Patient record
   * whose `Patient.link.other` refers to the context patient is in that patient's compartment.
   * `'ignore'` keeps `patient/` scopes to the context patient's own record (§2.3 asks servers to
   * document this; this option is that documentation).
   */
  patientLink: 'compartment',
  /**
   * Default `'all'`: a create, update, patch or delete under `patient/` scopes must stay with the
   * context patient: its primary link (`subject`/`patient`) must be present and name that
   * patient, and no compartment link may name another patient (`subject: Patient/456` plus
   * `performer: Patient/123` is refused: the record would enter 456's compartment). `'primary'`
   * lets secondary links (performer, author, …) name other patients of this server. Foreign,
   * `urn:` and malformed references in compartment links are refused either way.
   */
  patientWriteLinks: 'all',
  /**
   * Default `''` (none): this server's FHIR base URL. An absolute reference names a resource of
   * this server only when it starts with this base (scheme and host case-insensitive, path exact,
   * trailing slash ignored); others are foreign: they never match the context patient and are
   * refused in writes. Without a base every absolute reference is foreign. The launch context's
   * `serverBase` wins over this option; an invalid base denies every decision (fail closed).
   */
  serverBase: '',
}) as AccessOptions;

/** Merges per-request overrides onto a base; returns the base itself when there are none. */
export function resolveAccessOptions(
  overrides: Partial<AccessOptions> | undefined,
  base: AccessOptions = DEFAULT_ACCESS_OPTIONS,
): AccessOptions {
  if (overrides === undefined || overrides === null) return base;
  if (typeof overrides !== 'object') return base;
  return { ...base, ...overrides };
}
