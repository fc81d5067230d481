/**
 * Picks the locale to explain scopes in, from an explicit locale or an `Accept-Language` header
 * (RFC 9110 §12.5.4): ranges in order of q-value (ties keep header order), `q=0` excludes a range
 * (and its sub-tags), `*` accepts any remaining locale, regional fallback (`es-MX` → `es`) and the
 * reverse (`es` → `es-MX`) through the lookup matcher of `@formatjs/intl-localematcher`. Anything
 * unknown, malformed or unmatched yields the policy's default locale. It never throws.
 */
import { match } from '@formatjs/intl-localematcher';
import { languageOf } from './phrasebook/index.js';

/** One parsed language range of an Accept-Language header. */
export interface LanguageRange {
  /** Canonical BCP 47 tag, or `*`. */
  readonly tag: string;
  readonly q: number;
}

/** What negotiation may choose from. */
export interface LocaleChoice {
  /** Locales that can be rendered, in preference order of the policy. */
  readonly available: readonly string[];
  /** The policy's default; returned when nothing matches (must be in `available`). */
  readonly defaultLocale: string;
}

const Q_VALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

function canonicalTag(raw: string): string | null {
  if (raw === '*') return '*';
  try {
    const [tag] = Intl.getCanonicalLocales(raw);
    return tag ?? null;
  } catch {
    return null;
  }
}

/**
 * Parses an Accept-Language header into ranges sorted by descending q (stable). Malformed
 * members are skipped; a header that is not a string gives no ranges.
 */
export function parseAcceptLanguage(header: unknown): LanguageRange[] {
  if (typeof header !== 'string' || header.length > 4096) return [];
  const ranges: LanguageRange[] = [];
  for (const member of header.split(',')) {
    const [rawTag = '', ...params] = member.split(';').map((p) => p.trim());
    if (rawTag === '') continue;
    const tag = canonicalTag(rawTag);
    if (tag === null) continue;
    let q = 1;
    let malformed = false;
    for (const param of params) {
      const m = /^q\s*=\s*(.*)$/i.exec(param);
      if (!m) continue; // unknown parameters are ignored, as RFC 9110 allows
      const value = (m[1] ?? '').trim();
      if (!Q_VALUE.test(value)) malformed = true;
      else q = Number(value);
    }
    if (!malformed) ranges.push({ tag, q });
  }
  return ranges
    .map((range, index) => ({ range, index }))
    .sort((a, b) => b.range.q - a.range.q || a.index - b.index)
    .map(({ range }) => range);
}

/** True when a range covers a locale by prefix (`es` covers `es-MX`; `*` covers everything). */
function rangeCovers(range: string, locale: string): boolean {
  const r = range.toLowerCase();
  const l = locale.toLowerCase();
  return r === '*' || r === l || l.startsWith(`${r}-`);
}

function matchOne(tag: string, available: readonly string[]): string | undefined {
  if (available.length === 0) return undefined;
  try {
    // `lookup`: exact, then truncation (es-MX → es); never a "close enough" other language.
    const found = match([tag], [...available], '\u0000none', { algorithm: 'lookup' });
    if (found !== '\u0000none') return available.find((a) => a.toLowerCase() === found.toLowerCase()) ?? found;
  } catch {
    // fall through to the sibling search below
  }
  // Sibling region (`es` or `es-ES` when only `es-MX` is offered): same language subtag.
  const language = languageOf(tag);
  return available.find((a) => languageOf(a) === language);
}

/** Chooses a locale for an `Accept-Language` header; the default when nothing acceptable matches. */
export function negotiateLocale(header: unknown, choice: LocaleChoice): string {
  const ranges = parseAcceptLanguage(header);
  const excluded = ranges.filter((r) => r.q === 0).map((r) => r.tag);
  const allowed = choice.available.filter((a) => !excluded.some((e) => e !== '*' && rangeCovers(e, a)));
  for (const range of ranges) {
    if (range.q === 0) continue;
    if (range.tag === '*') {
      // Any locale not excluded; the default first, so `*` alone keeps the policy's choice.
      if (allowed.includes(choice.defaultLocale)) return choice.defaultLocale;
      const first = allowed[0];
      if (first !== undefined) return first;
      continue;
    }
    const found = matchOne(range.tag, allowed);
    if (found !== undefined) return found;
  }
  return choice.defaultLocale;
}

/** Resolves an explicit locale option (`es-MX`) against what is available; the default otherwise. */
export function resolveLocale(locale: unknown, choice: LocaleChoice): string {
  if (typeof locale !== 'string') return choice.defaultLocale;
  const tag = canonicalTag(locale.trim());
  if (tag === null || tag === '*') return choice.defaultLocale;
  return matchOne(tag, choice.available) ?? choice.defaultLocale;
}
