/**
 * The consent screen an app class's users would see if it asked for everything the policy may
 * grant it, rendered by the engine's consent renderer, in a locale the policy declares.
 */
import { renderConsentScreen, type ConsentScreen, type ExplanationCatalog } from 'smart-policy';

export interface ConsentPreviewRequest {
  readonly appClass: string;
  /** A declared locale; empty or undeclared falls back to the policy's default locale. */
  readonly locale?: string;
  /** The moment of consent (dates on the screen); fixed by tests. */
  readonly now?: Date | number;
}

export type ConsentPreview =
  | { readonly ok: true; readonly screen: ConsentScreen; readonly appClass: string; readonly html: string }
  | { readonly ok: false; readonly message: string };

/**
 * Webviews run the page under a Content Security Policy that allows no script, no network and
 * no form submission: the preview shows the screen, it does not act on it.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'none';";

export function consentPreview(catalog: ExplanationCatalog, request: ConsentPreviewRequest): ConsentPreview {
  const app = (catalog.appClasses ?? []).find((a) => a.name === request.appClass);
  if (app === undefined) return { ok: false, message: `The policy set has no app class named '${request.appClass}'.` };
  if (app.allowed.length === 0) return { ok: false, message: `The policy allows app class '${app.name}' no scope.` };
  const locale = request.locale !== undefined && catalog.locales.includes(request.locale) ? request.locale : catalog.defaultLocale;
  const screen = renderConsentScreen({
    bundle: catalog,
    appClass: app.name,
    locale,
    request: { scopes: app.allowed },
    now: request.now ?? Date.now(),
  });
  return { ok: true, screen, appClass: app.name, html: withCsp(screen.html) };
}

function withCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}">`;
  return html.includes('<head>') ? html.replace('<head>', `<head>\n${meta}`) : `${meta}\n${html}`;
}
