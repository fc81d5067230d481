/**
 * The pages of the docs site: the index, one page per app class listing every scope in every
 * locale, and one consent-screen preview per app class and locale (what a patient would see).
 */
import { escapeHtml, htmlPage, slug } from './html.js';
import { pageStrings } from './page-strings.js';
import type { ConsentFinding } from '../lint/lint-types.js';
import type { AppClassMetadata, ScopeEntry, ScopeMetadata } from './scope-metadata.js';
import type { OmittedScope } from '../consent-screen/screen-types.js';

const OMIT_REASONS: Readonly<Record<OmittedScope['reason'], string>> = {
  invalid: 'not a SMART scope',
  'not-allowed': 'the policy denies it to this class',
  unreachable:
    'the policy’s options make it grant nothing (a patient-level scope on a type outside the Patient compartment, under option patient.non_compartment_types deny)',
};

/** File names of one app class's pages, relative to the site root. */
export function appPaths(
  app: Pick<AppClassMetadata, 'name'>,
  locale?: string,
): { dir: string; scopes: string; screens: string; preview: string; screenshot: string } {
  const dir = `apps/${slug(app.name)}`;
  const l = slug(locale ?? 'en');
  return {
    dir,
    scopes: `${dir}/index.html`,
    screens: `${dir}/screens.html`,
    preview: `${dir}/preview.${l}.html`,
    screenshot: `${dir}/preview.${l}.png`,
  };
}

/** Risk flags, sensitivity, text source and grant conditions of a scope, as text badges. */
function scopeFacts(entry: ScopeEntry): string {
  const tags = [
    ...entry.risks.map((r) => `<span class="tag">${escapeHtml(r)}</span>`),
    ...(entry.sensitive ? ['<span class="tag">sensitive</span>'] : []),
    ...entry.conditions.map((c) => `<span class="tag">when ${escapeHtml(c)}</span>`),
  ];
  const v1 = entry.v1 !== undefined ? ` · v1 <code>${escapeHtml(entry.v1)}</code>` : '';
  return `${entry.v2 !== undefined && entry.v2 !== entry.scope ? ` · v2 <code>${escapeHtml(entry.v2)}</code>` : ''}${v1}${tags.length ? ` ${tags.join('')}` : ''}`;
}

/** Every scope of one app class with its short and long text in every locale. */
export function renderAppScopes(meta: ScopeMetadata, app: AppClassMetadata, screenshots = false): string {
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
          return `<tr><td lang="${escapeHtml(locale)}" data-textbox><code>${escapeHtml(locale)}</code> <span class="tag">${escapeHtml(d.source)}</span></td><td lang="${escapeHtml(locale)}" data-textbox>${escapeHtml(d.short)}</td><td lang="${escapeHtml(locale)}" data-textbox>${escapeHtml(d.long)}${warnings}</td></tr>`;
        })
        .join('\n');
      return `<tbody><tr><th colspan="3" scope="rowgroup" data-textbox><code>${escapeHtml(entry.scope)}</code>${scopeFacts(entry)}</th></tr>\n${perLocale}</tbody>`;
    })
    .join('\n');
  const previews = meta.locales
    .map((l) => {
      const name = (p: string): string => escapeHtml(p.split('/').pop() ?? '');
      const shot = screenshots
        ? ` (<a href="${name(appPaths(app, l).screenshot)}">screenshot<span class="visually-hidden">, ${escapeHtml(l)}</span></a>)`
        : '';
      return `<li><a href="${name(appPaths(app, l).preview)}">${escapeHtml(s.language)}: ${escapeHtml(l)}</a>${shot}</li>`;
    })
    .join('');
  const omits = app.consentScreenOmits.length
    ? `<h2>Left off the consent screen</h2><p data-textbox>Allowed scopes the consent screen does not show, because they would grant nothing or cannot be granted:</p><ul>${app.consentScreenOmits.map((o) => `<li data-textbox><code>${escapeHtml(o.scope)}</code> — ${escapeHtml(OMIT_REASONS[o.reason])}</li>`).join('')}</ul>`
    : '';
  const denied = app.denied.length
    ? `<h2>Denied scopes</h2><ul>${app.denied.map((d) => `<li data-textbox><code>${escapeHtml(d.scope)}</code>${d.reason ? ` — ${escapeHtml(d.reason)}` : ''}</li>`).join('')}</ul>`
    : '';
  const body = `<main>
<p><a href="../../index.html">${escapeHtml(meta.policy ?? 'Policy')}</a></p>
<h1 data-textbox>${escapeHtml(app.label ?? app.name)} (app class <code>${escapeHtml(app.name)}</code>, ${escapeHtml(app.audience)})</h1>
<h2>Consent screen previews</h2><nav aria-label="Previews"><ul>${previews}<li><a href="screens.html">Every reader and language side by side</a></li></ul></nav>
<h2>${escapeHtml(s.scopesHeading)}</h2>
<table><colgroup><col style="width:7.5rem"><col style="width:35%"><col></colgroup>
<thead><tr><th scope="col">${escapeHtml(s.language)}</th><th scope="col">${escapeHtml(s.short)}</th><th scope="col">${escapeHtml(s.long)}</th></tr></thead>
${rows}
</table>
${omits}
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
export function renderIndex(
  meta: ScopeMetadata,
  screenshotNote: string,
  findings: readonly ConsentFinding[] = [],
  screenshots: readonly string[] = [],
): string {
  const apps = meta.appClasses
    .map((app) => {
      const previews = meta.locales
        .map(
          (l) =>
            `<a href="${escapeHtml(appPaths(app, l).preview)}">${escapeHtml(l)}<span class="visually-hidden"> preview of ${escapeHtml(app.name)}</span></a>`,
        )
        .join(' · ');
      const shots = screenshots
        .filter((f) => f.startsWith(`${appPaths(app).dir}/`))
        .map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f.split('/').pop() ?? f)}</a>`)
        .join(' · ');
      return `<li data-textbox><a href="${escapeHtml(appPaths(app).scopes)}">${escapeHtml(app.label ?? app.name)}</a> (<code>${escapeHtml(app.name)}</code>, ${escapeHtml(app.audience)}, ${app.scopes.length} scopes) — previews: ${previews} · <a href="${escapeHtml(appPaths(app).screens)}">side by side<span class="visually-hidden"> for ${escapeHtml(app.name)}</span></a>${shots ? ` — screenshots: ${shots}` : ''}</li>`;
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
