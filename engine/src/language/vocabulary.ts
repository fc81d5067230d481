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
import { SETTABLE_OPTIONS } from '../options/option-registry.js';
import { slotAccepts, valueSlots, type OptionValueSlot } from '../options/option-values.js';

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
  readonly values: readonly OptionValueSlot[];
  /** Which question the SMART App Launch IG leaves open it settles, for docs and hovers. */
  readonly doc: string;
}

/** Every `option` a `policy` block accepts: the settable options of the registry (`../options/`). */
export const POLICY_OPTIONS: readonly OptionSpec[] = Object.freeze(
  SETTABLE_OPTIONS.map((o) => Object.freeze({ name: o.definition.keyword, values: valueSlots(o.definition), doc: o.definition.doc })),
);

/** Looks up an option by name. */
export function findOption(name: string): OptionSpec | undefined {
  return POLICY_OPTIONS.find((o) => o.name === name);
}

/** True when `text` is a value the position `slot` of an option accepts. */
export { slotAccepts as optionValueAccepted };
