/** What every renderer needs: the phrasebook of the chosen locale, the audience and the catalog. */
import type { Audience } from './explain-types.js';
import type { CatalogText, ExplanationCatalog } from './explanation-catalog.js';
import { languageOf } from './phrasebook/index.js';
import type { Phrasebook } from './phrasebook/index.js';

export interface RenderContext {
  readonly locale: string;
  readonly book: Phrasebook;
  readonly audience: Audience;
  readonly catalog?: ExplanationCatalog;
}

/** The catalog text of a target (or query) for the locale: exact tag first, then same language. */
export function textForLocale(texts: Readonly<Record<string, CatalogText>>, locale: string): CatalogText | undefined {
  const exact = texts[locale];
  if (exact) return exact;
  const language = languageOf(locale);
  const key = Object.keys(texts).find((k) => k.toLowerCase() === locale.toLowerCase() || languageOf(k) === language);
  return key === undefined ? undefined : texts[key];
}
