/** Public API of the policy-language front end. */
export type * from './ast.js';
export type { Diagnostic, Severity } from './diagnostic.js';
export { makeDiagnostic } from './diagnostic.js';
export type { Position, Range } from './range.js';
export { rangeContains, rangeUnion, emptyRangeAt } from './range.js';
export { parsePolicy } from './parse-policy.js';
export type { ParseResult } from './parse-policy.js';
export { decodeString, quoteString } from './strings.js';
export {
  findOption,
  CLIENT_TYPES,
  AUTH_METHODS,
  REGISTRATION_KINDS,
  USER_TYPES,
  LAUNCH_MODES,
  GRANT_TYPES,
  BINDINGS,
  REFRESH_BINDINGS,
  CONTEXT_PARAMETERS,
  TEXT_FORMS,
  GENDERS,
  GRAMMATICAL_NUMBERS,
  TEXT_AUDIENCES,
  DECISIONS,
  POLICY_OPTIONS,
} from './vocabulary.js';
export type { OptionSpec } from './vocabulary.js';
export { loadPolicySetWithHost } from './policy-set.js';
export type { LoadPolicySetOptions, PolicyFileHost, PolicyFileReader, PolicySet, PolicySetFile } from './policy-set.js';
export { formatPolicy } from './format-policy.js';
export type { FormatResult } from './format-policy.js';
export { astEquivalent, normalizeAst } from './ast-compare.js';
export { tokenizePolicy } from './tokens.js';
export type { PolicyToken, PolicyTokenKind } from './tokens.js';
export { MAX_NESTING } from './parse-policy.js';
export { isPatientFacingUrl } from './patient-facing-url.js';
