/**
 * Whether consent sentences can be written in a locale, decided exactly as the renderer does
 * (`phrasebookWithCatalog`), plus what is lacking when they cannot: frame keys that are missing
 * or do not compile, and the noun of `*`. Shared by the phrasebook rules and locale-not-covered.
 */
import type { ExplanationCatalog } from '../../explain/explanation-catalog.js';
import { MESSAGE_KEYS, catalogFrames, phrasebookWithCatalog } from '../../explain/catalog-phrasebook.js';
import { compiles } from '../../explain/messages.js';
import { phrasebookFor } from '../../explain/phrasebook/index.js';

export interface FrameCoverage {
  /** True when the renderer offers this locale. */
  readonly renderable: boolean;
  /** True when the built-in phrasebook has the locale's language (frames are then overrides). */
  readonly builtin: boolean;
  /** Frame keys the policy does not give for this locale (none for a built-in language). */
  readonly missing: readonly string[];
  /** Frame keys given but not compiling as ICU MessageFormat. */
  readonly invalid: readonly string[];
  /** True when there is no noun for `*`: no `wildcard` statement and no `explain *` text in the locale. */
  readonly noWildcard: boolean;
}

/** The frame coverage of one locale under a catalog. */
export function frameCoverage(locale: string, catalog: ExplanationCatalog): FrameCoverage {
  const builtin = phrasebookFor(locale) !== undefined;
  const frames = catalogFrames(catalog, locale);
  const given = frames?.messages ?? {};
  const missing = builtin ? [] : MESSAGE_KEYS.filter((k) => typeof given[k] !== 'string');
  const invalid = MESSAGE_KEYS.filter((k) => {
    const source = given[k];
    return typeof source === 'string' && !compiles(locale, source);
  });
  const star = catalog.entries['*'];
  const noWildcard = !builtin && frames?.wildcard === undefined && star?.texts[locale] === undefined;
  return { renderable: phrasebookWithCatalog(locale, catalog) !== undefined, builtin, missing, invalid, noWildcard };
}
