/**
 * Jargon in patient-facing text: FHIR type names (compound names such as "AllergyIntolerance"
 * in any locale) and the clinical and technical words of the locale's phrasebook list. The
 * quick-fix data suggests the phrasebook's plain noun when the word names a resource type.
 */
import type { ExplanationCatalog } from '../explanation-catalog.js';
import { phrasebookWithCatalog } from '../catalog-phrasebook.js';
import { phrasebookFor } from '../phrasebook/index.js';
import { RESOURCE_TYPE_BY_LOWER_NAME } from '../../smart/resource-type-names.js';
import { catalogTexts, describeItem } from './catalog-texts.js';
import { words } from './reading-level.js';
import { CONSENT_LINT_CODES } from './lint-types.js';
import type { ConsentFinding } from './lint-types.js';

/** The resource type a word names ("Encounters" → Encounter), if any. */
function typeNamed(word: string): string | undefined {
  const lower = word.toLowerCase();
  return RESOURCE_TYPE_BY_LOWER_NAME.get(lower) ?? RESOURCE_TYPE_BY_LOWER_NAME.get(lower.replace(/s$/, ''));
}

/** Lower case by the locale's rules; plain lower case when the tag is not a valid locale. */
function lower(text: string, locale: string): string {
  try {
    return text.toLocaleLowerCase(locale);
  } catch {
    return text.toLowerCase();
  }
}

/** Jargon terms in one text for a locale (the catalog may add words for its own languages). */
export function findJargon(text: string, locale: string, catalog?: ExplanationCatalog): string[] {
  const book = phrasebookWithCatalog(locale, catalog);
  const found: string[] = [];
  for (const word of words(text)) {
    const lowered = lower(word, locale);
    const type = typeNamed(word);
    const compoundTypeName = type !== undefined && /[a-z][A-Z]/.test(type);
    if (compoundTypeName || book?.jargon.includes(lowered)) {
      if (!found.includes(word)) found.push(word);
    }
  }
  return found;
}

/** Reports jargon in every explanation text of the catalog. */
export function lintJargon(catalog: ExplanationCatalog): ConsentFinding[] {
  const out: ConsentFinding[] = [];
  for (const item of catalogTexts(catalog)) {
    for (const term of findJargon(item.text, item.locale, catalog)) {
      const type = typeNamed(term);
      const plain = type ? phrasebookFor(item.locale)?.types[type]?.short : undefined;
      out.push({
        code: CONSENT_LINT_CODES.jargon,
        message: `${describeItem(item)} uses "${term}", which many patients do not know; ${plain ? `say "${plain}" instead` : 'use an everyday word'}.`,
        ...(item.span ? { span: item.span } : {}),
        data: { term, locale: item.locale, target: item.target, form: item.form, ...(plain ? { replacement: plain } : {}) },
      });
    }
  }
  return out;
}
