/**
 * The closed word sets of the language. The parser reports words outside them
 * (`syntax.value.unknown`, `syntax.option.*`); the compiler and the formatter read them too.
 */
import type {
  AuthMethod,
  Binding,
  ClientType,
  ContextParameter,
  Gender,
  GrammaticalNumber,
  TextAudience,
  GrantType,
  LaunchMode,
  RegistrationKind,
  TextForm,
  UserType,
} from './ast.js';
import { SERVER_BASE_PATTERN } from '../access/server-base.js';

export const CLIENT_TYPES: readonly ClientType[] = ['public', 'confidential-symmetric', 'confidential-asymmetric'];
export const AUTH_METHODS: readonly AuthMethod[] = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'];
export const REGISTRATION_KINDS: readonly RegistrationKind[] = ['static', 'trusted-dynamic'];
export const USER_TYPES: readonly UserType[] = ['patient', 'related-person', 'practitioner', 'none'];
export const LAUNCH_MODES: readonly LaunchMode[] = ['ehr', 'standalone'];
export const GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'client_credentials', 'refresh_token', 'jwt_bearer'];
export const BINDINGS: readonly Binding[] = ['dpop', 'client-key'];
export const REFRESH_BINDINGS: readonly (Binding | 'none')[] = ['dpop', 'client-key', 'none'];
export const CONTEXT_PARAMETERS: readonly ContextParameter[] = ['patient', 'encounter', 'fhirContext'];
export const TEXT_FORMS: readonly TextForm[] = ['short', 'long'];
export const GENDERS: readonly Gender[] = ['masculine', 'feminine', 'neuter'];
export const GRAMMATICAL_NUMBERS: readonly GrammaticalNumber[] = ['singular', 'plural'];
export const TEXT_AUDIENCES: readonly TextAudience[] = ['patient', 'caregiver', 'clinician'];
export const DECISIONS: readonly ('allow' | 'deny')[] = ['allow', 'deny'];

/** How an option's values are checked by the parser. */
export interface OptionSpec {
  /** The option name as written after `option`. */
  readonly name: string;
  /** One entry per value position: the allowed words, or a description of a free value. */
  readonly values: readonly (readonly string[] | { readonly free: string; readonly pattern: RegExp })[];
  /** Which ambiguity of SMART.md it settles, for docs and hovers. */
  readonly doc: string;
}

/** Every `option` a `policy` block accepts (SMART.md §17 and the access options). */
export const POLICY_OPTIONS: readonly OptionSpec[] = [
  { name: 'search.query_restricted', values: [['narrow', 'refuse']], doc: 'A search lacking a query-restricted scope\'s constraints is narrowed or refused (§17.2).' },
  { name: 'search.patient_filter', values: [['narrow', 'refuse']], doc: 'A search under patient/ scopes without a patient filter is narrowed or refused (§17.3).' },
  { name: 'patient.membership', values: [['compartment', 'primary']], doc: '"About the patient" means any Patient-compartment link, or only the primary subject/patient reference (§17.4).' },
  { name: 'patient.non_compartment_types', values: [['deny', 'read-search']], doc: 'patient/ scopes on types outside the Patient compartment grant nothing, or read and search (§17.5).' },
  { name: 'interactions.conditional', values: [['deny', 'require-search']], doc: 'Conditional create/update/patch/delete are denied, or need their letter plus s (§17.6).' },
  { name: 'search.compartment', values: [['deny', 'as-type-search']], doc: 'GET Patient/x/Type is denied, or treated as a type search limited to that patient (§17.6).' },
  { name: 'capabilities', values: [['allow', 'deny']], doc: 'GET metadata needs no scope, or is denied (§17.6).' },
  { name: 'search.includes', values: [['require-search', 'deny']], doc: '_include/_revinclude need read and search on the types they bring in (post-filtered where restricted), _has and chains need them unrestricted; or all are refused (§17.6).' },
  { name: 'scope.query_values', values: [['decode', 'literal']], doc: 'Scope query values are percent-decoded before comparison, or compared as written (§17.13).' },
  { name: 'patient.link', values: [['compartment', 'ignore']], doc: 'Patient.link puts linked Patient records in the compartment, or not (§17.17).' },
  {
    name: 'patient.write_links',
    values: [['all', 'primary']],
    doc: 'Writes under patient/ scopes: no compartment link may name another patient, or only the primary subject/patient link must be the patient in context (rule 24).',
  },
  {
    name: 'server.base',
    values: [{ free: 'this server\'s FHIR base URL, e.g. "https://ehr.example.org/fhir"', pattern: SERVER_BASE_PATTERN }],
    doc: 'Absolute references count as this server\'s only under this base; others are foreign (never the patient in context; refused in writes).',
  },
  {
    name: 'operation',
    values: [
      { free: 'an operation name starting with $, e.g. "$everything"', pattern: /^\$[A-Za-z][A-Za-z0-9_-]*$/ },
      { free: 'the permission letters it needs, in cruds order, e.g. rs', pattern: /^(?=[cruds])c?r?u?d?s?$/ },
    ],
    doc: 'Allows a $operation for holders of these letters on its resource type; unlisted operations are denied (§17.6).',
  },
  { name: 'refresh.scope_narrowing', values: [['subset', 'strict-subset']], doc: 'A refresh request\'s scope may be the same or a subset, or must be a strict subset (§17.7).' },
  { name: 'scopes.v1', values: [['accept', 'reject']], doc: 'v1 scopes (.read/.write/.*) are accepted with their v2 meaning, or rejected (§3, §17.15).' },
  { name: 'scopes.v1_echo', values: [['v1', 'v2']], doc: 'Granted v1 scopes are echoed in v1 form (the IG\'s SHOULD) or in v2 form (§3).' },
  { name: 'scopes.mixing', values: [['allow', 'reject']], doc: 'One request may mix v1 and v2 scopes, or not (§17.15).' },
  { name: 'token_type', values: [['Bearer', 'bearer']], doc: 'The casing of token_type in token responses (§17.8).' },
  { name: 'introspection.echo', values: [['smart', 'all']], doc: 'Introspection echoes only SMART\'s context parameters, or also extension parameters (§17.9).' },
  { name: 'scopes.query_conflict', values: [['drop', 'conjunction']], doc: 'A requested query the allowed queries do not accept is dropped, or granted as the conjunction of both queries.' },
];

/** Looks up an option by name. */
export function findOption(name: string): OptionSpec | undefined {
  return POLICY_OPTIONS.find((o) => o.name === name);
}
