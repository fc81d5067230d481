/** The built-in phrasebooks, looked up by a locale's language subtag (`es-MX` → `es`). */
import { EN } from './en.js';
import { ES } from './es.js';
import type { Phrasebook } from './phrasebook-types.js';

export type { MessageKey, MessageSet, Noun, Phrasebook } from './phrasebook-types.js';
export { QUALIFIER_KEYS, findQualifierKey } from './qualifier-keys.js';
export type { QualifierKey } from './qualifier-keys.js';

/** Every built-in phrasebook, English first (the fallback when nothing else applies). */
export const BUILTIN_PHRASEBOOKS: readonly Phrasebook[] = [EN, ES];

/** The language subtag of a BCP 47 tag, lower case; `''` when the tag is empty. */
export function languageOf(locale: string): string {
  return (locale.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** The built-in phrasebook for a locale's language, if there is one. */
export function phrasebookFor(locale: string): Phrasebook | undefined {
  const language = languageOf(locale);
  return BUILTIN_PHRASEBOOKS.find((p) => p.locale === language);
}

/** Locales the renderer can write sentences in. */
export function renderableLanguages(): readonly string[] {
  return BUILTIN_PHRASEBOOKS.map((p) => p.locale);
}
