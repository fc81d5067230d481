/** Plain data in and out of the consent lints (no AST types, so bundles and ASTs can both feed them). */
import type { CatalogSpan } from '../explanation-catalog.js';

/** Stable codes of the consent lints; each is also a checker rule folder `rules/<code>/`. */
export const CONSENT_LINT_CODES = {
  jargon: 'consent.jargon',
  missingTranslation: 'consent.missing-translation',
  untranslated: 'consent.untranslated',
  shortTooLong: 'consent.short-too-long',
  longTooManySentences: 'consent.long-too-many-sentences',
  readingLevel: 'consent.reading-level',
  queryUnexplained: 'consent.query-unexplained',
  wrongReader: 'consent.wrong-reader',
  durationMismatch: 'consent.duration-mismatch',
  unreachableScope: 'consent.unreachable-scope',
  offlineWithOnline: 'consent.offline-with-online',
} as const;

export type ConsentLintCode = (typeof CONSENT_LINT_CODES)[keyof typeof CONSENT_LINT_CODES];

/** One finding: where, what, and the data a quick fix needs. */
export interface ConsentFinding {
  readonly code: ConsentLintCode;
  readonly message: string;
  readonly span?: CatalogSpan;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A scope a grant allows to an app class, with where it was written. */
export interface AllowedScope {
  readonly app: string;
  readonly scope: string;
  readonly span?: CatalogSpan;
}

/** Limits; the defaults are what the rules use. */
export interface ConsentLintOptions {
  /** Longest short form, in characters (default 60: one line of a phone consent screen). */
  readonly shortMaxLength?: number;
  /** Most sentences in a long form (default 2). */
  readonly maxLongSentences?: number;
  /** Highest Flesch–Kincaid grade for English text (default 8). */
  readonly maxGrade?: number;
  /** Lowest Szigriszt-Pazos (INFLESZ) score for Spanish text (default 50: between "algo difícil" and "normal"). */
  readonly minSpanishPerspicuity?: number;
}

/** One piece of explanation text in a catalog, flattened for the text lints. */
export interface CatalogTextItem {
  readonly target: string;
  readonly param?: string;
  readonly value?: string;
  readonly locale: string;
  readonly form: 'short' | 'long';
  readonly text: string;
  readonly span?: CatalogSpan;
  /** Set for a variant written for one audience (`for caregiver`). */
  readonly audience?: 'patient' | 'caregiver' | 'clinician';
}

export const DEFAULT_LINT_OPTIONS: Required<ConsentLintOptions> = {
  shortMaxLength: 60,
  maxLongSentences: 2,
  maxGrade: 8,
  minSpanishPerspicuity: 50,
};
