/**
 * The consent-screen previews of the docs site, rendered by the engine's own consent screen
 * (`renderConsentScreen`) — the same HTML a server shows — for every app class, audience and
 * locale, plus one page per app class that shows them side by side.
 */
import type { PolicyBundle } from '../../compile/bundle-types.js';
import type { Audience } from '../explain-types.js';
import type { ExplanationCatalog } from '../explanation-catalog.js';
import { renderConsentScreen } from '../consent-screen/render-consent-screen.js';
import { isBundle } from '../consent-screen/screen-policy.js';
import { escapeHtml, htmlPage, slug } from './html.js';
import type { AppClassMetadata, ScopeMetadata } from './scope-metadata.js';

export const AUDIENCES: readonly Audience[] = ['patient', 'caregiver', 'clinician'];

/** The audience an app class's own users are. */
export function naturalAudience(app: Pick<AppClassMetadata, 'audience'>): Audience {
  return app.audience === 'system' ? 'clinician' : app.audience;
}

/** The audiences a class's screens are previewed for: all three, or one developer page for backend classes. */
export function previewAudiences(app: Pick<AppClassMetadata, 'audience'>): readonly Audience[] {
  return app.audience === 'system' ? [naturalAudience(app)] : AUDIENCES;
}

/** A sample person for the "Signed in as" line of previews. */
const SAMPLE_USER = { displayName: 'Alex Morgan' };

/** One preview page: what a person of `audience` sees in `locale` when the app asks for everything its class may get. */
export function renderScreenPreview(
  policy: PolicyBundle | ExplanationCatalog,
  app: Pick<AppClassMetadata, 'name' | 'scopes' | 'audience' | 'denied'>,
  locale: string,
  audience: Audience,
  now: Date,
): string {
  // A catalog without app classes is documented as one made-up class (scope-metadata.ts): give the screen that class.
  const known = isBundle(policy) || (policy.appClasses ?? []).some((a) => a.name === app.name);
  const withClass: PolicyBundle | ExplanationCatalog = known
    ? policy
    : {
        ...(policy as ExplanationCatalog),
        appClasses: [{ name: app.name, audience: app.audience, allowed: app.scopes.map((s) => s.scope), denied: app.denied }],
      };
  return renderConsentScreen({
    bundle: withClass,
    appClass: app.name,
    locale,
    audience,
    request: { scopes: app.scopes.map((s) => s.scope) },
    user: SAMPLE_USER,
    now,
  }).html;
}

/** Relative paths of one preview (from the app class's folder). */
export function previewFile(locale: string, audience?: Audience): { html: string; png: string } {
  const base = audience === undefined ? `preview.${slug(locale)}` : `preview.${audience}.${slug(locale)}`;
  return { html: `${base}.html`, png: `${base}.png` };
}

/** The side-by-side page: every audience × locale screen of one app class, each with its screenshot link. */
export function renderScreensPage(meta: ScopeMetadata, app: AppClassMetadata, screenshots: boolean): string {
  const label = app.label ?? app.name;
  const rows = previewAudiences(app)
    .map((audience) => {
      const cells = meta.locales
        .map((locale) => {
          const f = previewFile(locale, audience);
          const title = `Consent screen for a ${audience}, ${locale}`;
          const shot = screenshots
            ? ` · <a href="${escapeHtml(f.png)}">screenshot<span class="visually-hidden"> (${escapeHtml(audience)}, ${escapeHtml(locale)})</span></a>`
            : '';
          return `<figure class="screen"><iframe src="${escapeHtml(f.html)}" title="${escapeHtml(title)}" loading="lazy"></iframe><figcaption data-textbox><a href="${escapeHtml(f.html)}">${escapeHtml(locale)}<span class="visually-hidden"> page for a ${escapeHtml(audience)}</span></a>${shot}</figcaption></figure>`;
        })
        .join('');
      return `<h2>${escapeHtml(audience === 'clinician' && app.audience === 'system' ? 'Developer page' : `Read by a ${audience}`)}</h2><div class="screens">${cells}</div>`;
    })
    .join('\n');
  const body = `<main class="wide">
<p><a href="../../index.html">${escapeHtml(meta.policy ?? 'Policy')}</a> · <a href="index.html">Every scope of this class</a></p>
<h1 data-textbox>Consent screens: ${escapeHtml(label)}</h1>
<p data-textbox>What people see when an app of this class asks for everything the class may get, for each reader and language. The screens are rendered by the engine's consent screen (<code>renderConsentScreen</code>), as a server would show them.</p>
${rows}
</main>`;
  return htmlPage({ lang: 'en', title: `Consent screens: ${label}`, body, cssHref: '../../style.css' });
}
