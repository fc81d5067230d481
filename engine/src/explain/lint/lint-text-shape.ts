/**
 * The shape of explanation text: the same text in two languages (left untranslated), a short
 * form too long for one line, a long form over two sentences, and English above grade 8.
 */
import type { ExplanationCatalog } from '../explanation-catalog.js';
import { languageOf } from '../phrasebook/index.js';
import { catalogTexts, describeItem } from './catalog-texts.js';
import { fleschKincaidGrade, sentences, words } from './reading-level.js';
import { szigrisztPazos } from './reading-level-es.js';
import { CONSENT_LINT_CODES, DEFAULT_LINT_OPTIONS } from './lint-types.js';
import type { CatalogTextItem, ConsentFinding, ConsentLintOptions } from './lint-types.js';

function spanOf(item: CatalogTextItem): Pick<ConsentFinding, 'span'> {
  return item.span ? { span: item.span } : {};
}

/** The same text in two locales of different languages (one of them was not translated). */
export function lintUntranslated(catalog: ExplanationCatalog): ConsentFinding[] {
  const out: ConsentFinding[] = [];
  const seen = new Map<string, CatalogTextItem>();
  for (const item of catalogTexts(catalog)) {
    const norm = item.text.trim().toLowerCase().replace(/\s+/g, ' ');
    if (words(norm).length === 0) continue;
    const key = `${item.target}\u0000${item.param ?? ''}\u0000${item.value ?? ''}\u0000${item.form}\u0000${item.audience ?? ''}\u0000${norm}`;
    const first = seen.get(key);
    if (first && languageOf(first.locale) !== languageOf(item.locale)) {
      out.push({
        code: CONSENT_LINT_CODES.untranslated,
        message: `${describeItem(item)} is the same as its ${first.locale} text ("${item.text}"); translate it into ${item.locale}.`,
        ...spanOf(item),
        data: { locale: item.locale, sameAs: first.locale, text: item.text, target: item.target, form: item.form },
      });
    } else if (!first) {
      seen.set(key, item);
    }
  }
  return out;
}

/** Short forms over the length limit and long forms over the sentence limit. */
export function lintLength(catalog: ExplanationCatalog, options: ConsentLintOptions = {}): ConsentFinding[] {
  const limit = options.shortMaxLength ?? DEFAULT_LINT_OPTIONS.shortMaxLength;
  const maxSentences = options.maxLongSentences ?? DEFAULT_LINT_OPTIONS.maxLongSentences;
  const out: ConsentFinding[] = [];
  for (const item of catalogTexts(catalog)) {
    // A placeholder counts as the duration it stands for ("90 days"), not as its name.
    const length = [...item.text.trim().replace(/\{(?:lifetime|idle)\}/g, '90 days')].length;
    if (item.form === 'short' && length > limit) {
      out.push({
        code: CONSENT_LINT_CODES.shortTooLong,
        message: `${describeItem(item)} is ${length} characters; keep short forms to ${limit} and move detail to the long form.`,
        ...spanOf(item),
        data: { length, limit, locale: item.locale, target: item.target },
      });
    }
    const count = sentences(item.text).length;
    if (item.form === 'long' && count > maxSentences) {
      out.push({
        code: CONSENT_LINT_CODES.longTooManySentences,
        message: `${describeItem(item)} has ${count} sentences; a long form should say it in at most ${maxSentences}.`,
        ...spanOf(item),
        data: { sentences: count, limit: maxSentences, locale: item.locale, target: item.target },
      });
    }
  }
  return out;
}

/**
 * Long forms that read too hard: English above the Flesch–Kincaid grade limit, Spanish below
 * the Szigriszt-Pazos (INFLESZ) limit. Short forms are noun phrases, where the formulas measure
 * nothing but the syllables of one or two words.
 */
export function lintReadingLevel(catalog: ExplanationCatalog, options: ConsentLintOptions = {}): ConsentFinding[] {
  const maxGrade = options.maxGrade ?? DEFAULT_LINT_OPTIONS.maxGrade;
  const minSpanish = options.minSpanishPerspicuity ?? DEFAULT_LINT_OPTIONS.minSpanishPerspicuity;
  const out: ConsentFinding[] = [];
  for (const item of catalogTexts(catalog)) {
    if (item.form !== 'long') continue;
    if (languageOf(item.locale) === 'es') {
      const score = Math.round(szigrisztPazos(item.text) * 10) / 10;
      if (score < minSpanish) {
        out.push({
          code: CONSENT_LINT_CODES.readingLevel,
          message: `${describeItem(item)} scores ${score} on the Szigriszt-Pazos scale (INFLESZ); aim for ${minSpanish} or more with shorter sentences and shorter words.`,
          ...spanOf(item),
          data: { formula: 'szigriszt-pazos', score, limit: minSpanish, locale: item.locale, target: item.target },
        });
      }
      continue;
    }
    if (languageOf(item.locale) !== 'en') continue;
    const grade = Math.round(fleschKincaidGrade(item.text) * 10) / 10;
    if (grade > maxGrade) {
      out.push({
        code: CONSENT_LINT_CODES.readingLevel,
        message: `${describeItem(item)} reads at grade ${grade} (Flesch–Kincaid); aim for grade ${maxGrade} or lower with shorter sentences and everyday words.`,
        ...spanOf(item),
        data: { formula: 'flesch-kincaid', grade, limit: maxGrade, locale: item.locale, target: item.target },
      });
    }
  }
  return out;
}
