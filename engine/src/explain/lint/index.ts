/**
 * The consent lints as pure functions over an `ExplanationCatalog` and the scopes the policy
 * allows. The checker's `consent.*` rule folders adapt them to policy ASTs; `lintConsent`
 * runs them all (the docs site and the CLI use it on bundles).
 */
import type { ExplanationCatalog } from '../explanation-catalog.js';
import { lintMissingLongText, lintMissingTranslation, lintQueryUnexplained } from './lint-coverage.js';
import { lintJargon } from './lint-jargon.js';
import { lintLength, lintReadingLevel, lintUntranslated } from './lint-text-shape.js';
import { lintDurationMismatch } from './lint-duration.js';
import { lintOfflineWithOnline, lintUnreachableScope } from './lint-promises.js';
import { lintWrongReader } from './lint-reader.js';
import type { AllowedScope, ConsentFinding, ConsentLintOptions } from './lint-types.js';

export { CONSENT_LINT_CODES, DEFAULT_LINT_OPTIONS } from './lint-types.js';
export type { AllowedScope, CatalogTextItem, ConsentFinding, ConsentLintCode, ConsentLintOptions } from './lint-types.js';
export { lintJargon, findJargon } from './lint-jargon.js';
export { lintLength, lintReadingLevel, lintUntranslated } from './lint-text-shape.js';
export { lintMissingLongText, lintMissingTranslation, lintQueryUnexplained } from './lint-coverage.js';
export { lintDurationMismatch, writtenDurations } from './lint-duration.js';
export { lintOfflineWithOnline, lintUnreachableScope } from './lint-promises.js';
export { lintWrongReader, personalWords } from './lint-reader.js';
export { fleschKincaidGrade, sentences, syllables, words } from './reading-level.js';
export { szigrisztPazos, syllablesEs } from './reading-level-es.js';
export { catalogTexts } from './catalog-texts.js';

/** Every consent lint over a catalog and the scopes its grants allow. */
export function lintConsent(
  catalog: ExplanationCatalog,
  allowed: readonly AllowedScope[] = [],
  options: ConsentLintOptions = {},
): ConsentFinding[] {
  return [
    ...lintJargon(catalog),
    ...lintUntranslated(catalog),
    ...lintLength(catalog, options),
    ...lintReadingLevel(catalog, options),
    ...lintQueryUnexplained(catalog, allowed),
    ...lintMissingTranslation(catalog, allowed),
    ...lintMissingLongText(catalog),
    ...lintWrongReader(catalog),
    ...lintDurationMismatch(catalog),
    ...lintUnreachableScope(catalog, allowed),
    ...lintOfflineWithOnline(catalog, allowed),
  ];
}
