/**
 * The phrasebook the renderer uses for a locale: the built-in one for its language, with any
 * frames the catalog brings laid over it; or, for a language with no built-in phrasebook, one
 * made entirely from the catalog's frames when they are complete and compile.
 */
import type { CatalogPhrasebook, ExplanationCatalog } from './explanation-catalog.js';
import { argumentsValid } from './message-arguments.js';
import { compiles } from './messages.js';
import { BUILTIN_PHRASEBOOKS, languageOf, phrasebookFor } from './phrasebook/index.js';
import type { MessageKey, MessageSet, Noun, Phrasebook } from './phrasebook/index.js';

/** Every frame key a language must provide (the English phrasebook has them all). */
export const MESSAGE_KEYS: readonly MessageKey[] = Object.keys(BUILTIN_PHRASEBOOKS[0]?.messages ?? {}) as MessageKey[];

/** The catalog frames the renderer uses for a locale: its own tag's, else those of a tag of the same language. */
export function catalogFrames(catalog: ExplanationCatalog | undefined, locale: string): CatalogPhrasebook | undefined {
  const books = catalog?.phrasebooks;
  if (!books) return undefined;
  if (books[locale]) return books[locale];
  const language = languageOf(locale);
  const key = Object.keys(books).find((k) => languageOf(k) === language);
  return key === undefined ? undefined : books[key];
}

function validFrames(locale: string, frames: CatalogPhrasebook): Partial<MessageSet> {
  const out: Partial<Record<MessageKey, string>> = {};
  for (const key of MESSAGE_KEYS) {
    const source = frames.messages[key];
    // A frame that names an argument its key lacks, or plurals over a word, is dropped like one that does not compile.
    if (typeof source === 'string' && compiles(locale, source) && argumentsValid(key, source)) out[key] = source;
  }
  return out;
}

function wildcardNoun(frames: CatalogPhrasebook, catalog: ExplanationCatalog | undefined, locale: string): Noun | undefined {
  const w = frames.wildcard;
  if (w)
    return {
      short: w.short,
      long: w.long ?? w.short,
      ...(w.gender ? { gender: w.gender } : {}),
      ...(w.number ? { number: w.number } : {}),
    };
  const star = catalog?.entries['*']?.texts[locale];
  return star ? { short: star.short, long: star.long ?? star.short } : undefined;
}

// Catalogs are plain immutable data: the phrasebook of a (catalog, locale) pair is built once.
const built = new WeakMap<ExplanationCatalog, Map<string, Phrasebook | undefined>>();

/** The phrasebook for a locale given a catalog, or undefined when the locale cannot be rendered. */
export function phrasebookWithCatalog(locale: string, catalog?: ExplanationCatalog): Phrasebook | undefined {
  if (!catalog || typeof catalog !== 'object') return buildPhrasebook(locale, undefined);
  let perLocale = built.get(catalog);
  if (!perLocale) built.set(catalog, (perLocale = new Map()));
  if (perLocale.has(locale)) return perLocale.get(locale);
  const book = buildPhrasebook(locale, catalog);
  if (perLocale.size < 64) perLocale.set(locale, book);
  return book;
}

function buildPhrasebook(locale: string, catalog: ExplanationCatalog | undefined): Phrasebook | undefined {
  const builtin = phrasebookFor(locale);
  const frames = catalogFrames(catalog, locale);
  if (!frames) return builtin;
  const messages = validFrames(locale, frames);
  if (builtin) {
    return {
      ...builtin,
      messages: { ...builtin.messages, ...messages },
      jargon: [...builtin.jargon, ...(frames.jargon ?? [])],
      possessives: [...(frames.possessives ?? []), ...builtin.possessives],
    };
  }
  const wildcard = wildcardNoun(frames, catalog, locale);
  if (!wildcard || MESSAGE_KEYS.some((k) => messages[k] === undefined)) return undefined;
  return {
    locale,
    messages: messages as MessageSet,
    wildcard,
    types: {},
    qualifiers: {},
    jargon: frames.jargon ?? [],
    possessives: frames.possessives ?? [],
  };
}
