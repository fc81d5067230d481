/**
 * `explain(scopes, options)`: the plain-language text of every requested scope, in the locale
 * negotiated from the options, plus the grouped summary of a consent screen. Never throws on
 * any scope string: what does not parse is shown as unrecognized, with a warning.
 */
import { EXPLAIN_WARNING_CODES } from './explain-types.js';
import type { Audience, ExplainOptions, ExplainResult, ExplainWarning, ScopeExplanation } from './explain-types.js';
import type { ExplanationCatalog } from './explanation-catalog.js';
import { negotiateLocale, parseAcceptLanguage, resolveLocale } from './negotiate-locale.js';
import { unreachableLetters } from './reachability.js';
import type { LocaleChoice } from './negotiate-locale.js';
import { phrasebookWithCatalog } from './catalog-phrasebook.js';
import { languageOf, phrasebookFor, renderableLanguages } from './phrasebook/index.js';
import { renderInvalidScope, renderOtherScope } from './render-other.js';
import { renderResourceScope } from './render-resource.js';
import type { RenderedText } from './render-resource.js';
import type { RenderContext } from './render-context.js';
import { summarize } from './summarize.js';
import type { SummaryInput } from './summarize.js';
import { fromScopeUri } from '../smart/scope-uri.js';
import type { Scope } from '../smart/scope-types.js';

/** The locales `explain` can write for a catalog: its declared locales that have sentence frames (built in or its own). */
export function localeChoice(catalog?: ExplanationCatalog): LocaleChoice {
  if (!catalog) return { available: renderableLanguages(), defaultLocale: 'en' };
  const available = catalog.locales.filter((l) => phrasebookWithCatalog(l, catalog) !== undefined);
  const list = available.length > 0 ? available : ['en'];
  const defaultLocale = list.includes(catalog.defaultLocale) ? catalog.defaultLocale : (list[0] ?? 'en');
  return { available: list, defaultLocale };
}

/** Splits a `scope` parameter or takes a list; drops empties and repeats (first wins). */
function scopeTokens(scopes: string | readonly string[]): string[] {
  const raw =
    typeof scopes === 'string' ? scopes.split(/\s+/) : scopes.flatMap((s) => (typeof s === 'string' ? s.trim().split(/\s+/) : []));
  return [...new Set(raw.filter((s) => s !== ''))];
}

function renderOne(text: string, ctx: RenderContext): { scope: Scope | null; rendered: RenderedText } {
  try {
    // The URI form (`http://smarthealthit.org/fhir/scopes/patient/*.r`, SMART App Launch, Scopes and Launch Context: scopes as URIs) reads like the scope itself.
    const parsed = fromScopeUri(text);
    if (!parsed.ok) return { scope: null, rendered: renderInvalidScope(text, parsed.error, ctx) };
    const scope = parsed.scope;
    const rendered = scope.type === 'resource' ? renderResourceScope(scope, ctx) : renderOtherScope(scope, ctx);
    return { scope, rendered };
  } catch (error) {
    // A renderer bug must not take a consent screen down: show the scope as unrecognized.
    const message = error instanceof Error ? error.message : String(error);
    return { scope: null, rendered: renderInvalidScope(text, { code: 'explain.internal', message, offset: 0, length: text.length }, ctx) };
  }
}

/** The locale asked for: the explicit one, else the first range of the header (not `*`). */
function requestedLocaleOf(options: ExplainOptions): string | undefined {
  if (options.locale !== undefined && options.locale !== '') return options.locale;
  const first = parseAcceptLanguage(options.acceptLanguage).find((r) => r.q > 0 && r.tag !== '*');
  return first?.tag;
}

const REFRESH_CONFLICT: ExplainWarning = {
  code: EXPLAIN_WARNING_CODES.refreshConflict,
  message:
    'offline_access and online_access were both requested: they contradict each other, so the screen shows one line for offline access (the longer-lasting one)',
};

/** Explains SMART scopes in plain language for a consent screen. */
export function explain(scopes: string | readonly string[], options: ExplainOptions = {}): ExplainResult {
  const choice = localeChoice(options.catalog);
  const locale =
    options.locale !== undefined && options.locale !== ''
      ? resolveLocale(options.locale, choice)
      : negotiateLocale(options.acceptLanguage, choice);
  const book = phrasebookWithCatalog(locale, options.catalog) ?? phrasebookFor('en');
  if (!book) throw new Error('the English phrasebook is missing');
  const app = options.appClass !== undefined ? options.catalog?.appClasses?.find((a) => a.name === options.appClass) : undefined;
  const requested = options.audience ?? (app ? (app.audience === 'system' ? 'clinician' : app.audience) : 'patient');
  const audience: Audience = requested === 'clinician' || requested === 'caregiver' ? requested : 'patient';
  // The app class's own refresh limits, when it has them, are what its users are told.
  const catalog = options.catalog && app?.offlineAccess ? { ...options.catalog, offlineAccess: app.offlineAccess } : options.catalog;
  const tokens = scopeTokens(scopes);
  // Both refresh words at once contradict each other: one coherent line, and a warning.
  const conflict = tokens.includes('offline_access') && tokens.includes('online_access');
  const ctx: RenderContext = { locale, book, audience, ...(catalog ? { catalog } : {}), ...(conflict ? { withOnline: true } : {}) };

  const explained: ScopeExplanation[] = [];
  const inputs: SummaryInput[] = [];
  const omitted: { scope: string; reason: string }[] = [];
  for (const text of tokens) {
    const { scope, rendered } = renderOne(text, ctx);
    const warnings = [...rendered.warnings];
    if (conflict && scope?.type === 'refresh') warnings.push(REFRESH_CONFLICT);
    const unreachable = scope?.type === 'resource' ? unreachableLetters(scope, catalog) : undefined;
    if (unreachable) warnings.push({ code: EXPLAIN_WARNING_CODES.unreachable, message: unreachable.reason });
    explained.push({
      scope: text,
      short: rendered.short,
      long: rendered.long,
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(unreachable ? { unreachable } : {}),
    });
    if (conflict && scope?.type === 'refresh' && scope.mode === 'online') {
      inputs.push({ text, scope: null, short: '', joinsRefresh: true });
      continue;
    }
    if (scope?.type === 'resource' && unreachable) {
      // The screen shows only what a request can use; a scope with nothing left is listed as omitted.
      const permissions = [...scope.permissions].filter((l) => !unreachable.letters.includes(l)).join('');
      if (permissions === '') {
        omitted.push({ scope: text, reason: unreachable.reason });
        continue;
      }
      inputs.push({ text, scope: { ...scope, permissions }, short: rendered.short });
      continue;
    }
    inputs.push({ text, scope, short: rendered.short });
  }
  const requestedLocale = requestedLocaleOf(options);
  const fallback = requestedLocale !== undefined && languageOf(requestedLocale) !== languageOf(locale);
  return {
    locale,
    ...(requestedLocale !== undefined ? { requestedLocale, localeFallback: fallback } : {}),
    audience,
    scopes: explained,
    summary: summarize(inputs, ctx),
    ...(omitted.length > 0 ? { omitted } : {}),
    ...(conflict ? { warnings: [REFRESH_CONFLICT] } : {}),
  };
}

export { EXPLAIN_WARNING_CODES };
