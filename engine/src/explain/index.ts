/** Public API of plain-language consent: explain scopes, negotiate locales, catalogs, lints, docs. */
export { explain, localeChoice } from './explain.js';
export type { Audience, ExplainOptions, ExplainResult, ExplainWarning, ScopeExplanation, SummaryLine } from './explain-types.js';
export { EXPLAIN_WARNING_CODES } from './explain-types.js';
export type * from './explanation-catalog.js';
export { EMPTY_CATALOG } from './explanation-catalog.js';
export { negotiateLocale, parseAcceptLanguage, resolveLocale } from './negotiate-locale.js';
export type { LanguageRange, LocaleChoice } from './negotiate-locale.js';
export { BUILTIN_PHRASEBOOKS, QUALIFIER_KEYS, phrasebookFor } from './phrasebook/index.js';
export type { Noun, Phrasebook, QualifierKey } from './phrasebook/index.js';
