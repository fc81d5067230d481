/**
 * One self-contained consent-screen preview (CSS inlined), for the VS Code extension's webview
 * and the language server: what a person of the given app class would see in one locale,
 * rendered by the engine's consent screen.
 */
import type { Audience } from '../explain-types.js';
import type { ExplanationCatalog } from '../explanation-catalog.js';
import { buildScopeMetadata } from './scope-metadata.js';
import { naturalAudience, renderScreenPreview } from './screen-previews.js';

/**
 * The preview HTML of an app class (the first one when `appClass` is not given) in a locale;
 * the locale is resolved like `explain` does (unknown → the policy's default). Null when the
 * catalog has no such app class. `now` (default: now) dates the end of access.
 */
export function consentPreviewHtml(
  catalog: ExplanationCatalog,
  options: { appClass?: string; locale?: string; audience?: Audience; now?: Date } = {},
): string | null {
  const meta = buildScopeMetadata(catalog);
  const app = options.appClass === undefined ? meta.appClasses[0] : meta.appClasses.find((a) => a.name === options.appClass);
  if (!app) return null;
  const locale =
    meta.locales.find((l) => l === options.locale) ??
    meta.locales.find((l) => l.split('-')[0] === options.locale?.split('-')[0]) ??
    meta.defaultLocale;
  return renderScreenPreview(catalog, app, locale, options.audience ?? naturalAudience(app), options.now ?? new Date());
}
