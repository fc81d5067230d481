/**
 * The pages of the docs site: the index, one page per app class listing every scope in every
 * locale, and one consent-screen preview per app class and locale (what a patient would see).
 */
import { escapeHtml, htmlPage, slug } from './html.js';
import { pageStrings } from './page-strings.js';
import type { ConsentFinding } from '../lint/lint-types.js';
import type { AppClassMetadata, ScopeMetadata } from './scope-metadata.js';

/** File names of one app class's pages, relative to the site root. */
export function appPaths(app: Pick<AppClassMetadata, 'name'>, locale?: string): { dir: string; scopes: string; preview: string; screenshot: string } {
  const dir = `apps/${slug(app.name)}`;
  const l = slug(locale ?? 'en');
  return { dir, scopes: `${dir}/index.html`, preview: `${dir}/preview.${l}.html`, screenshot: `${dir}/preview.${l}.png` };
}

/** The consent-screen preview of one app class in one locale (`inlineCss` for a self-contained page). */
export function renderPreview(meta: ScopeMetadata, app: AppClassMetadata, locale: string, inlineCss?: string): string {
  const s = pageStrings(locale);
  const lines = app.consentSummary[locale] ?? [];
  const items = lines
    .map((line) => {
      const details = line.scopes
        .map((scope) => app.scopes.find((e) => e.scope === scope)?.descriptions[locale]?.long)
        .filter((t): t is string => t !== undefined);
      const unique = [...new Set(details)];
      const more = unique.length
        ? `<details><summary>${escapeHtml(s.moreDetails)}</summary>${unique.map((t) => `<p data-textbox>${escapeHtml(t)}</p>`).join('')}</details>`
        : '';
      return `<li class="permission"><p class="headline" data-textbox>${escapeHtml(line.text)}</p>${more}</li>`;
    })
    .join('\n');
  const note = app.audience === 'system' ? `<p class="note" data-textbox>${escapeHtml(s.noConsentScreen)}</p>` : '';
  const body = `<main class="consent" aria-labelledby="consent-heading">
<header><p class="app-name" data-textbox>${escapeHtml(meta.policy ?? '')} · ${escapeHtml(app.name)}</p>
<h1 id="consent-heading" data-textbox>${escapeHtml(s.consentHeading)}</h1>
<p class="intro" data-textbox>${escapeHtml(s.consentIntro)}</p></header>
${note}
<ul class="permissions">
${items}
</ul>
<div class="actions"><button type="button" class="deny">${escapeHtml(s.deny)}</button><button type="button" class="allow">${escapeHtml(s.allow)}</button></div>
</main>`;
  return htmlPage({
    lang: locale,
    title: `${s.consentHeading} ${app.name}`,
    body,
    cssHref: '../../style.css',
    ...(inlineCss !== undefined ? { inlineCss } : {}),
  });
}

/** Every scope of one app class with its short and long text in every locale. */
export function renderAppScopes(meta: ScopeMetadata, app: AppClassMetadata): string {
  const s = pageStrings('en');
  const rows = app.scopes
    .map((entry) => {
      const perLocale = meta.locales
        .map((locale) => {
          const d = entry.descriptions[locale];
          if (!d) return '';
          const warnings = d.warnings?.length
            ? `<div class="warning" data-textbox>${escapeHtml(s.warnings)}: ${d.warnings.map((w) => escapeHtml(`${w.code} — ${w.message}`)).join('<br>')}</div>`
            : '';
          return `<tr><td lang="${escapeHtml(locale)}" data-textbox><code>${escapeHtml(locale)}</code></td><td lang="${escapeHtml(locale)}" data-textbox>${escapeHtml(d.short)}</td><td lang="${escapeHtml(locale)}" data-textbox>${escapeHtml(d.long)}${warnings}</td></tr>`;
        })
        .join('\n');
      return `<tbody><tr><th colspan="3" scope="rowgroup" data-textbox><code>${escapeHtml(entry.scope)}</code></th></tr>\n${perLocale}</tbody>`;
    })
    .join('\n');
  const previews = meta.locales
    .map((l) => `<li><a href="${escapeHtml(appPaths(app, l).preview.split('/').pop() ?? '')}">${escapeHtml(s.language)}: ${escapeHtml(l)}</a></li>`)
    .join('');
  const denied = app.denied.length
    ? `<h2>Denied scopes</h2><ul>${app.denied.map((d) => `<li data-textbox><code>${escapeHtml(d.scope)}</code>${d.reason ? ` — ${escapeHtml(d.reason)}` : ''}</li>`).join('')}</ul>`
    : '';
  const body = `<main>
<p><a href="../../index.html">${escapeHtml(meta.policy ?? 'Policy')}</a></p>
<h1 data-textbox>App class ${escapeHtml(app.name)} (${escapeHtml(app.audience)})</h1>
<h2>Consent screen previews</h2><nav aria-label="Previews"><ul>${previews}</ul></nav>
<h2>${escapeHtml(s.scopesHeading)}</h2>
<table><colgroup><col style="width:7.5rem"><col style="width:35%"><col></colgroup>
<thead><tr><th scope="col">${escapeHtml(s.language)}</th><th scope="col">${escapeHtml(s.short)}</th><th scope="col">${escapeHtml(s.long)}</th></tr></thead>
${rows}
</table>
${denied}
</main>`;
  return htmlPage({ lang: 'en', title: `${app.name} — scopes`, body, cssHref: '../../style.css' });
}

function renderFindings(findings: readonly ConsentFinding[]): string {
  if (findings.length === 0) return '<h2>Consent review</h2><p data-textbox>The consent lints found nothing to review.</p>';
  const items = findings
    .map((f) => {
      const where = f.span ? ` (${escapeHtml(f.span.uri ?? '')}${f.span.uri ? ':' : 'line '}${f.span.start.line})` : '';
      return `<li data-textbox><code>${escapeHtml(f.code)}</code>${where}: ${escapeHtml(f.message)}</li>`;
    })
    .join('\n');
  return `<h2>Consent review</h2><p data-textbox>${findings.length} findings of the consent lints (see the checker's <code>consent.*</code> rules):</p><ul>\n${items}\n</ul>`;
}

/** The site's front page. */
export function renderIndex(meta: ScopeMetadata, screenshotNote: string, findings: readonly ConsentFinding[] = []): string {
  const apps = meta.appClasses
    .map((app) => {
      const previews = meta.locales.map((l) => `<a href="${escapeHtml(appPaths(app, l).preview)}">${escapeHtml(l)}</a>`).join(' · ');
      return `<li data-textbox><a href="${escapeHtml(appPaths(app).scopes)}">${escapeHtml(app.name)}</a> (${escapeHtml(app.audience)}, ${app.scopes.length} scopes) — previews: ${previews}</li>`;
    })
    .join('\n');
  const unrendered = meta.unrenderedLocales.length
    ? `<p class="warning" data-textbox>Declared locales without built-in sentence frames (consent screens fall back to ${escapeHtml(meta.defaultLocale)}): ${escapeHtml(meta.unrenderedLocales.join(', '))}.</p>`
    : '';
  const body = `<main>
<h1 data-textbox>Consent design: ${escapeHtml(meta.policy ?? 'policy')}</h1>
<p data-textbox>What each kind of app may be granted, and how each permission is explained to people, in ${escapeHtml(meta.locales.join(', '))} (default ${escapeHtml(meta.defaultLocale)}). Machine-readable descriptions for client developers: <a href="scopes.json">scopes.json</a>.</p>
${unrendered}
<h2>App classes</h2>
<ul>
${apps}
</ul>
${renderFindings(findings)}
<p class="note" data-textbox>${escapeHtml(screenshotNote)}</p>
</main>`;
  return htmlPage({ lang: 'en', title: `Consent design: ${meta.policy ?? 'policy'}`, body, cssHref: 'style.css' });
}
