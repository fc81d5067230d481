/** What every renderer needs: the phrasebook of the chosen locale, the audience and the catalog. */
import type { Audience } from './explain-types.js';
import type { CatalogEntry, CatalogText, ExplanationCatalog } from './explanation-catalog.js';
import { languageOf } from './phrasebook/index.js';
import type { Phrasebook } from './phrasebook/index.js';

export interface RenderContext {
  readonly locale: string;
  readonly book: Phrasebook;
  readonly audience: Audience;
  readonly catalog?: ExplanationCatalog;
  /** offline_access and online_access were requested together: the offline text says it replaces the other. */
  readonly withOnline?: boolean;
}

/**
 * The catalog text of a target (or query) for the locale and reader: exact tag first, then same
 * language; an audience's variant (`for caregiver`) replaces the general fields it gives.
 */
export function textForLocale(texts: Readonly<Record<string, CatalogText>>, locale: string, audience?: Audience): CatalogText | undefined {
  const general = localeText(texts, locale);
  if (!general || audience === undefined) return general;
  const variant = general.variants && Object.hasOwn(general.variants, audience) ? general.variants[audience] : undefined;
  if (!variant) return general;
  const { variants: _variants, ...rest } = general;
  const short = variant.short ?? rest.short;
  return {
    ...rest,
    short,
    ...(variant.long !== undefined ? { long: variant.long, ...(variant.longSpan ? { longSpan: variant.longSpan } : {}) } : {}),
    ...(variant.short !== undefined && variant.span ? { span: variant.span } : {}),
    ...(variant.gender !== undefined ? { gender: variant.gender } : {}),
    ...(variant.number !== undefined ? { number: variant.number } : {}),
  };
}

/** The catalog's entry for a target; own entries only (a scope word may be `__proto__`). */
export function catalogEntry(ctx: Pick<RenderContext, 'catalog'>, target: string): CatalogEntry | undefined {
  const entries = ctx.catalog?.entries;
  return entries && Object.hasOwn(entries, target) ? entries[target] : undefined;
}

function localeText(texts: Readonly<Record<string, CatalogText>>, locale: string): CatalogText | undefined {
  const exact = Object.hasOwn(texts, locale) ? texts[locale] : undefined;
  if (exact) return exact;
  const language = languageOf(locale);
  const key = Object.keys(texts).find((k) => k.toLowerCase() === locale.toLowerCase() || languageOf(k) === language);
  return key === undefined ? undefined : texts[key];
}
