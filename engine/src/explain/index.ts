/** Public API of plain-language consent: explain scopes, negotiate locales, catalogs, lints, docs. */
export { explain, localeChoice } from './explain.js';
export { MESSAGE_KEYS } from './catalog-phrasebook.js';
export type { Audience, ExplainOptions, ExplainResult, ExplainWarning, ScopeExplanation, SummaryLine } from './explain-types.js';
export { EXPLAIN_WARNING_CODES } from './explain-types.js';
export type * from './explanation-catalog.js';
export { EMPTY_CATALOG } from './explanation-catalog.js';
export { negotiateLocale, parseAcceptLanguage, resolveLocale } from './negotiate-locale.js';
export type { LanguageRange, LocaleChoice } from './negotiate-locale.js';
export { BUILTIN_PHRASEBOOKS, QUALIFIER_KEYS, phrasebookFor } from './phrasebook/index.js';
export type { Noun, Phrasebook, QualifierKey } from './phrasebook/index.js';
export { catalogFromBundle, allowedScopesFromBundle } from './catalog-from-bundle.js';
export { catalogFromAst, allowedScopesFromAst } from './catalog-from-ast.js';
export { lintConsent, CONSENT_LINT_CODES } from './lint/index.js';
export type { AllowedScope, ConsentFinding, ConsentLintCode, ConsentLintOptions } from './lint/index.js';
export { buildScopeMetadata } from './docs/scope-metadata.js';
export type { ScopeMetadata, AppClassMetadata, ScopeEntry, ScopeDescription } from './docs/scope-metadata.js';
export { consentPreviewHtml } from './docs/consent-preview.js';
export { renderConsentScreen, approvedScopes, untickedGroups, sensitiveTargets, SCREEN_CSS } from './consent-screen/index.js';
export type {
  ApprovedScopes,
  AppRegistration,
  ConsentForm,
  ConsentGroup,
  ConsentScreen,
  ConsentScreenInput,
  GroupKind,
  OmittedScope,
  RiskFlag,
  SignedInUser,
  AccessPeriod,
} from './consent-screen/index.js';
