/**
 * The access options: each settles one ambiguity of SMART 2.2 (questions the SMART App Launch IG leaves open) that touches
 * resource-server decisions (`authorize`). The order here is the order of the bundle's members,
 * of `--option`'s list and of the docs table.
 */
import { choice, fixed, operations, url } from './option-definition.js';

/** The URL shape `option server.base` accepts (absolute http(s), no query, fragment or user info). */
export const SERVER_BASE_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(\/[^\s?#"]*)?$/i;

export const ACCESS_OPTION_REGISTRY = Object.freeze({
  queryRestrictedSearch: choice({
    keyword: 'search.query_restricted',
    values: ['narrow', 'refuse'],
    default: 'narrow',
    settles: 'open question: searches under query-restricted scopes',
    affects: ['access'],
    doc: "A search lacking a query-restricted scope's constraints is narrowed or refused (open question: searches under query-restricted scopes).",
    detail:
      "`narrow`: a search that lacks a query-restricted scope's constraints is allowed and the result says which filters the server must add (`narrowing`). Both readings exist in the wild and the ONC test kit accepts either (Scopes and Launch Context, finer-grained resource constraints); narrowing keeps apps working while the server returns only what the scope covers. A search that already carries the constraints needs no narrowing. `refuse` denies such searches instead.",
  }),
  patientSearchWithoutFilter: choice({
    keyword: 'search.patient_filter',
    values: ['narrow', 'refuse'],
    default: 'narrow',
    settles: 'open question: patient/ searches without a patient filter',
    affects: ['access'],
    doc: 'A search under patient/ scopes without a patient filter is narrowed or refused (open question: patient/ searches without a patient filter).',
    detail:
      '`narrow`: a search under `patient/` scopes without a patient filter is allowed with `patient=<context patient>` added (rule 24 allows an engine-added filter). An explicit filter for another patient is always denied (rule 25). `refuse` denies unfiltered searches.',
  }),
  patientMembership: choice({
    keyword: 'patient.membership',
    values: ['compartment', 'primary'],
    default: 'compartment',
    settles: 'open question: what "about the patient" means',
    affects: ['access'],
    doc: '"About the patient" means any Patient-compartment link, or only the primary subject/patient reference (open question: what "about the patient" means).',
    detail:
      '`compartment`: a resource is about the patient when ANY linking parameter of the R4 Patient CompartmentDefinition refers to the patient (e.g. Observation `subject` or `performer`). `primary` uses only the primary link (parameters named `patient`/`subject`).',
  }),
  patientScopeNonCompartmentTypes: choice({
    keyword: 'patient.non_compartment_types',
    values: ['deny', 'read-search'],
    default: 'deny',
    settles: 'open question: patient/ scopes on types outside the compartment',
    affects: ['access', 'consent-screen'],
    doc: 'patient/ scopes on types outside the Patient compartment grant nothing, or read and search (open question: patient/ scopes on types outside the compartment).',
    detail:
      '`deny`: `patient/` scopes grant nothing on types that are never in a Patient compartment (Medication, Practitioner, Organization, …): rule 24 as written. `read-search` lets `patient/` scopes read and search them without a patient filter.',
  }),
  operations: operations({
    keyword: 'operation',
    settles: 'open question: operations, conditional interactions, includes and metadata have no letters',
    affects: ['access'],
    doc: 'Allows a $operation for holders of these letters on its resource type; unlisted operations are denied (open question: operations, conditional interactions, includes and metadata have no letters).',
    detail:
      'Default: none, so every `$operation` is denied (rule 30) unless mapped to the letters it needs on its resource type, e.g. `option operation "$everything" rs` (repeatable). SMART maps no operation to a letter. `$everything` and `$export` return many types: mapped, they also need `r` and `s` on each type they can return (every type, or those `_type` lists); `$everything` is post-filtered where that access is restricted, `$export` (unfiltered files) is then refused.',
  }),
  conditionalInteractions: choice({
    keyword: 'interactions.conditional',
    values: ['deny', 'require-search'],
    default: 'deny',
    settles: 'open question: operations, conditional interactions, includes and metadata have no letters',
    affects: ['access'],
    doc: 'Conditional create/update/patch/delete are denied, or need their letter plus s (open question: operations, conditional interactions, includes and metadata have no letters).',
    detail:
      '`deny`: conditional create/update/patch/delete involve a hidden search, which SMART does not map (rule 30). `require-search` allows them with their letter plus `s`.',
  }),
  compartmentSearch: choice({
    keyword: 'search.compartment',
    values: ['deny', 'as-type-search'],
    default: 'as-type-search',
    settles: 'open question: operations, conditional interactions, includes and metadata have no letters',
    affects: ['access'],
    doc: 'GET Patient/x/Type is denied, or treated as a type search limited to that patient (open question: operations, conditional interactions, includes and metadata have no letters).',
    detail:
      '`as-type-search`: `GET Patient/x/Type` is a search of `Type` limited to Patient x (rule 24 names compartment search as a patient filter); it needs `s` on `Type`. `deny` refuses compartment searches.',
  }),
  capabilities: choice({
    keyword: 'capabilities',
    values: ['allow', 'deny'],
    default: 'allow',
    settles: 'open question: operations, conditional interactions, includes and metadata have no letters',
    affects: ['access'],
    doc: 'GET metadata needs no scope, or is denied (open question: operations, conditional interactions, includes and metadata have no letters).',
    detail: '`allow`: `GET metadata` is public on FHIR servers; no scope is needed. `deny` refuses it.',
  }),
  includes: choice({
    keyword: 'search.includes',
    values: ['require-search', 'deny'],
    default: 'require-search',
    settles: 'open question: operations, conditional interactions, includes and metadata have no letters',
    affects: ['access'],
    doc: '_include/_revinclude need read and search on the types they bring in (post-filtered where restricted), _has and chains need them unrestricted; or all are refused (open question: operations, conditional interactions, includes and metadata have no letters).',
    detail:
      "`require-search`: a search returns or reveals only what the token could read and search directly. `_include`/`_revinclude` (any modifier, wildcard or type) need `r` and `s` on each type they bring in; where the token has those only under a patient compartment or a scope's query, the search is allowed with a post-filter (`narrowing` entries with `apply: 'result'`, applied by `filterSearchBundle(decision, …)`), or refused where no post-filter can be carried (type-level operations). `_has`, chained parameters, `_list`, `_filter` and `_query` reveal facts a post-filter cannot hide: the types they reach must be open without restriction. `deny` refuses any `_include`, `_revinclude` and `_has`.",
  }),
  scopeQueryValues: choice({
    keyword: 'scope.query_values',
    values: ['decode', 'literal'],
    default: 'decode',
    settles: 'open question: encoding of scope query values',
    affects: ['access'],
    doc: 'Scope query values are percent-decoded before comparison, or compared as written (open question: encoding of scope query values).',
    detail:
      '`decode`: scope query values are percent-decoded before comparison, since the IG writes them in FHIR search syntax, which is URL-encoded on the wire (open question: encoding of scope query values). `literal` compares them as written.',
  }),
  v1Semantics: fixed({
    value: 'v2-mapping',
    settles: 'Scopes and Launch Context, SMART 1.0 scopes',
    doc: 'v1 scopes mean exactly their v2 mapping (read = rs, write = cud) (Scopes and Launch Context, SMART 1.0 scopes).',
    detail:
      'The only value: v1 scopes mean exactly their v2 mapping (`read` = `rs`, `write` = `cud`), Scopes and Launch Context, SMART 1.0 scopes. Bundles record it; no policy sets it, since SMART allows no other reading.',
  }),
  patientLink: choice({
    keyword: 'patient.link',
    values: ['compartment', 'ignore'],
    default: 'compartment',
    settles: 'open question: patient scopes and Patient.link',
    affects: ['access'],
    doc: 'Patient.link puts linked Patient records in the compartment, or not (open question: patient scopes and Patient.link).',
    detail:
      "`compartment`: per the R4 CompartmentDefinition (`Patient: link`), a Patient record whose `Patient.link.other` refers to the context patient is in that patient's compartment. `ignore` keeps `patient/` scopes to the context patient's own record (Scopes and Launch Context, levels asks servers to document this; this option is that documentation).",
  }),
  patientWriteLinks: choice({
    keyword: 'patient.write_links',
    values: ['all', 'primary'],
    default: 'all',
    settles: 'rule 24',
    affects: ['access'],
    doc: 'Writes under patient/ scopes: no compartment link may name another patient, or only the primary subject/patient link must be the patient in context (rule 24).',
    detail:
      "`all`: a create, update, patch or delete under `patient/` scopes must stay with the context patient: its primary link (`subject`/`patient`) must be present and name that patient, and no compartment link may name another patient (`subject: Patient/456` plus `performer: Patient/123` is refused: the record would enter 456's compartment). `primary` lets secondary links (performer, author, …) name other patients of this server. Foreign, `urn:` and malformed references in compartment links are refused either way.",
  }),
  serverBase: url({
    keyword: 'server.base',
    pattern: SERVER_BASE_PATTERN,
    example: 'this server\'s FHIR base URL, e.g. "https://ehr.example.org/fhir"',
    settles: 'rule 24',
    affects: ['access'],
    doc: "Absolute references count as this server's only under this base; others are foreign (never the patient in context; refused in writes).",
    detail:
      "Default: none. This server's FHIR base URL. An absolute reference names a resource of this server only when it starts with this base (scheme and host case-insensitive, path exact, trailing slash ignored); others are foreign: they never match the context patient and are refused in writes. Without a base every absolute reference is foreign. The launch context's `serverBase` wins over this option; an invalid base denies every decision (fail closed).",
  }),
});
