/**
 * Jargon in patient-facing text: FHIR type names (compound names such as "AllergyIntolerance"
 * in any locale) and the clinical and technical words of the locale's phrasebook list. The
 * quick-fix data suggests the phrasebook's plain noun when the word names a resource type.
 */
import type { ExplanationCatalog } from '../explanation-catalog.js';
import { phrasebookWithCatalog } from '../catalog-phrasebook.js';
import { languageOf, phrasebookFor } from '../phrasebook/index.js';
import { RESOURCE_TYPE_BY_LOWER_NAME } from '../../fhir/resource-types.js';
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

/**
 * The forms a listed word may take in text: plural and, in Spanish, gender and the -ión/-iones
 * plural ("recursos", "dispensada", "inmunizaciones"), reduced back to the listed form.
 */
export function baseForms(word: string, locale: string): string[] {
  const forms = new Set([word]);
  if (word.endsWith('es')) forms.add(word.slice(0, -2));
  if (word.endsWith('s')) forms.add(word.slice(0, -1));
  if (languageOf(locale) === 'es') {
    if (word.endsWith('iones')) forms.add(`${word.slice(0, -5)}ión`);
    // Gender only for adjectives and participles ("dispensada", "adversas"), so that a verb such as
    // "encuentra" is not read as the noun "encuentro".
    for (const end of ['as', 'os', 'a']) {
      const masculine = `${word.slice(0, -end.length)}o`;
      if (word.endsWith(end) && /(?:ad|id|ic|iv|ori|ers|al)o$/.test(masculine)) forms.add(masculine);
    }
  }
  return [...forms];
}

const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s]+/i;

/**
 * Jargon terms in one text for a locale (the catalog may add words for its own languages): FHIR
 * type names, listed words in any inflection, hyphenated terms with a listed part ("ICD-10",
 * "FHIR-style"), and web addresses (reported as "a web address", never echoed).
 */
export function findJargon(text: string, locale: string, catalog?: ExplanationCatalog): string[] {
  const book = phrasebookWithCatalog(locale, catalog);
  const jargon = new Set(book?.jargon ?? []);
  const listed = (w: string): boolean => baseForms(w, locale).some((f) => jargon.has(f));
  const found: string[] = [];
  if (WEB_ADDRESS.test(text)) found.push('a web address');
  for (const word of words(text.replace(new RegExp(WEB_ADDRESS.source, 'gi'), ' '))) {
    const lowered = lower(word, locale);
    const type = typeNamed(word);
    const compoundTypeName = type !== undefined && /[a-z][A-Z]/.test(type);
    const parts = lowered.split(/[-‐]/);
    if (
      compoundTypeName ||
      listed(lowered) ||
      (parts.length > 1 && parts.some((p) => listed(p) || (typeNamed(p) !== undefined && /[a-z][A-Z]/.test(typeNamed(p) ?? ''))))
    ) {
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
