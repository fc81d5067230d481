/**
 * `renderConsentScreen`: the consent screen as a choice, as one HTML page (no framework, works
 * without JavaScript: a form POST of checkboxes; a small script only counts the ticks). A pure
 * function of its input: the same input gives the same bytes. Every dynamic value is escaped;
 * links are shown only when they are absolute https URLs. Never throws: on an internal error it
 * returns a screen that offers nothing but "Do not allow".
 */
import { explain, localeChoice } from '../explain.js';
import type { Audience } from '../explain-types.js';
import { negotiateLocale, resolveLocale } from '../negotiate-locale.js';
import { escapeHtml, htmlPage } from '../docs/html.js';
import { isPatientFacingUrl } from '../../language/patient-facing-url.js';
import type { CatalogAppClass, ExplanationCatalog } from '../explanation-catalog.js';
import { accessPeriod, durationWords, formatDate, instantOf } from './access-period.js';
import { planRequest } from './group-request.js';
import type { GroupPlan } from './group-request.js';
import { screenStrings } from './screen-strings.js';
import type { ScreenStrings } from './screen-strings.js';
import { SCREEN_CSS } from './screen-css.js';
import { appClassOf, onlineRefreshOf, screenPolicyOf } from './screen-policy.js';
import type { ScreenPolicy } from './screen-policy.js';
import { sensitiveTargets } from './sensitive-data.js';
import type { AccessPeriod, ConsentGroup, ConsentScreen, ConsentScreenInput, OmittedScope } from './screen-types.js';

/** Text of a user-supplied field: trimmed, at most `max` characters, or undefined when empty. */
function field(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = value.replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function link(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 2048 && isPatientFacingUrl(value) ? value : undefined;
}

function audienceOf(input: ConsentScreenInput, app: CatalogAppClass | undefined): Audience {
  const a = input.audience ?? (app?.audience === 'system' ? 'clinician' : app?.audience);
  return a === 'caregiver' || a === 'clinician' ? a : 'patient';
}

function localeOf(input: ConsentScreenInput, catalog: ExplanationCatalog): string {
  const choice = localeChoice(catalog);
  return typeof input.locale === 'string' && input.locale !== ''
    ? resolveLocale(input.locale, choice)
    : negotiateLocale(input.acceptLanguage, choice);
}

/** Texts for a group: explain's grouped summary lines and the long texts of its scopes. */
function withText(plan: GroupPlan, ctx: { locale: string; audience: Audience; catalog: ExplanationCatalog; app: string }): ConsentGroup {
  const result = explain(plan.scopes, { locale: ctx.locale, audience: ctx.audience, catalog: ctx.catalog, appClass: ctx.app });
  return {
    ...plan,
    checked: plan.required || !plan.sensitive,
    lines: result.summary.map((l) => l.text),
    details: [...new Set(result.scopes.map((s) => s.long).filter((t) => t !== ''))],
  };
}

interface View {
  readonly s: ScreenStrings;
  readonly locale: string;
  readonly audience: Audience;
}

function identityHeader(input: ConsentScreenInput, app: CatalogAppClass | undefined, s: ScreenStrings): { html: string; name: string } {
  const registered = field(input.app?.name, 120);
  const label = field(app?.label, 160);
  const publisher = field(input.app?.publisher, 160);
  const logo = link(input.app?.logoUri);
  const shown = registered ?? label ?? s.genericApp;
  const html = `<header class="app-identity">${logo ? `<img src="${escapeHtml(logo)}" alt="" width="48" height="48">` : ''}<div><p class="app-name" data-textbox>${escapeHtml(shown)}</p>${publisher ? `<p class="publisher" data-textbox>${escapeHtml(s.publisher(publisher))}</p>` : ''}</div></header>`;
  // A class label describes a kind of app, not this app: the sentences then say "This app".
  return { html, name: registered ?? s.genericApp };
}

function riskTags(group: ConsentGroup, s: ScreenStrings, id: string): string {
  const tags = [
    ...(group.sensitive ? [`<span class="tag">${escapeHtml(s.sensitiveTag)}</span>`] : []),
    ...group.risks.map((r) => `<span class="tag"><span aria-hidden="true">⚠ </span>${escapeHtml(s.riskLabels[r])}</span>`),
  ];
  return tags.length ? `<p class="risk-tags" id="${id}-tags">${tags.join('')}</p>` : '';
}

function details(group: ConsentGroup, s: ScreenStrings): string {
  if (group.details.length === 0) return '';
  const headline = group.lines.join('; ');
  return `<details><summary>${escapeHtml(s.moreDetails)}<span class="visually-hidden">: ${escapeHtml(headline)}</span></summary>${group.details.map((t) => `<p data-textbox>${escapeHtml(t)}</p>`).join('')}</details>`;
}

function choice(group: ConsentGroup, index: number, view: View, withBox: boolean): string {
  const id = `choice-${index}`;
  const lines = group.lines.map(escapeHtml).join('<br>');
  const tags = riskTags(group, view.s, id);
  if (group.required || !withBox) {
    const tag = group.required ? `<span class="tag">${escapeHtml(view.s.requiredTag)}</span>` : '';
    return `<li class="choice${group.required ? ' required' : ''}" data-group="${escapeHtml(group.id)}"><p class="line" data-textbox>${lines}</p>${tag}${tags}${details(group, view.s)}</li>`;
  }
  const described = tags ? ` aria-describedby="${id}-tags"` : '';
  return `<li class="choice" data-group="${escapeHtml(group.id)}"><div class="row"><input type="checkbox" id="${id}" name="group" value="${escapeHtml(group.id)}"${group.checked ? ' checked' : ''}${described}><label for="${id}" data-textbox>${lines}</label></div>${tags}${details(group, view.s)}</li>`;
}

function section(cls: string, heading: string, intro: string, items: string): string {
  const id = `${cls}-heading`;
  return `<section class="${cls}" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2><p class="intro" data-textbox>${escapeHtml(intro)}</p><ul class="choices">${items}</ul></section>`;
}

function durationSection(
  access: AccessPeriod | null,
  hasOffline: boolean,
  shortSeconds: number,
  nowMs: number,
  input: ConsentScreenInput,
  view: View,
  revokeUri: string | undefined,
): string {
  const { s, locale } = view;
  const parts: string[] = [];
  if (access?.offline && hasOffline) {
    parts.push(access.until === null ? s.untilRevoked : s.until(formatDate(access.until, locale, input.timeZone, false)));
    if (access.idleSeconds !== null) parts.push(s.idle(durationWords(access.idleSeconds, locale)));
    parts.push(s.withoutOffline(durationWords(shortSeconds, locale)));
  } else {
    const end = new Date(nowMs + shortSeconds * 1000).toISOString();
    parts.push(s.shortAccess(durationWords(shortSeconds, locale), formatDate(end, locale, input.timeZone, true)));
  }
  const revoke = revokeUri
    ? `<p data-textbox>${escapeHtml(s.revoke)} <a href="${escapeHtml(revokeUri)}">${escapeHtml(s.revokeLink)}</a></p>`
    : `<p data-textbox>${escapeHtml(s.revokeNoLink)}</p>`;
  return `<section class="duration" aria-labelledby="duration-heading"><h2 id="duration-heading">${escapeHtml(s.durationHeading)}</h2>${parts.map((p) => `<p data-textbox>${escapeHtml(p)}</p>`).join('')}${revoke}</section>`;
}

function appLinks(input: ConsentScreenInput, s: ScreenStrings): string {
  const privacy = link(input.app?.privacyPolicyUri);
  const terms = link(input.app?.termsUri);
  if (!privacy && !terms) return '';
  const items = [
    ...(privacy ? [`<li><a href="${escapeHtml(privacy)}">${escapeHtml(s.privacyPolicy)}</a></li>`] : []),
    ...(terms ? [`<li><a href="${escapeHtml(terms)}">${escapeHtml(s.terms)}</a></li>`] : []),
  ];
  return `<section class="app-links" aria-labelledby="app-links-heading"><h2 id="app-links-heading">${escapeHtml(s.appLinksHeading)}</h2><ul>${items.join('')}</ul></section>`;
}

function signedIn(input: ConsentScreenInput, s: ScreenStrings): string {
  const name = field(input.user?.displayName, 120);
  if (name === undefined) return '';
  const switchUri = link(input.user?.switchUserUri);
  const notYou = switchUri
    ? `<a href="${escapeHtml(switchUri)}">${escapeHtml(s.notYou)}</a>`
    : `<button type="submit" name="decision" value="switch-user" formnovalidate>${escapeHtml(s.notYou)}</button>`;
  return `<p class="signed-in" data-textbox>${escapeHtml(s.signedInAs)} <strong>${escapeHtml(name)}</strong>. ${notYou}</p>`;
}

const COUNT_SCRIPT = `<script>(function(){var f=document.getElementById('consent-form');var o=document.getElementById('selected-count');if(!f||!o)return;var b=f.querySelectorAll('input[type=checkbox][name=group]');var t=o.getAttribute('data-template')||'';function u(){var n=0;for(var i=0;i<b.length;i++)if(b[i].checked)n++;o.textContent=t.replace('{n}',String(n)).replace('{total}',String(b.length));}f.addEventListener('change',u);u();})();</script>`;

function omittedNote(omitted: readonly OmittedScope[], s: ScreenStrings): string {
  return omitted.length ? `<p class="note" data-textbox>${escapeHtml(s.omitted(omitted.length))}</p>` : '';
}

function consentBody(groups: readonly ConsentGroup[], plan: { omitted: readonly OmittedScope[] }, ctx: BodyContext): string {
  const { view, input } = ctx;
  const s = view.s;
  let index = 0;
  const render = (list: readonly ConsentGroup[], withBox = true): string => list.map((g) => choice(g, ++index, view, withBox)).join('');
  const required = groups.filter((g) => g.required);
  const sensitive = groups.filter((g) => !g.required && g.sensitive);
  const risky = groups.filter((g) => !g.required && !g.sensitive && g.risks.length > 0);
  const plain = groups.filter((g) => !g.required && !g.sensitive && g.risks.length === 0);
  const form = input.form ?? { action: '' };
  const hidden = Object.entries(form.hidden ?? {})
    .filter(([k, v]) => typeof k === 'string' && typeof v === 'string')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const optional = sensitive.length + risky.length + plain.length;
  const sections = [
    required.length ? section('required', s.requiredHeading, s.requiredIntro, render(required)) : '',
    plain.length ? section('choose', s.chooseHeading, s.chooseIntro, render(plain)) : '',
    sensitive.length ? section('sensitive', s.sensitiveHeading, s.sensitiveIntro, render(sensitive)) : '',
    risky.length ? section('risky', s.riskyHeading, s.riskyIntro, render(risky)) : '',
  ].join('\n');
  const nothing = groups.length === 0 ? `<p class="note" data-textbox>${escapeHtml(s.nothingToShow)}</p>` : '';
  const count =
    optional > 0 ? `<p class="note" id="selected-count" aria-live="polite" data-template="${escapeHtml(s.selectedCount)}"></p>` : '';
  const allow =
    groups.length > 0 ? `<button type="submit" class="allow" name="decision" value="allow">${escapeHtml(s.allow)}</button>` : '';
  return `<form id="consent-form" method="post" action="${escapeHtml(form.action)}">${hidden}
${ctx.signedIn}
${sections}
${nothing}${omittedNote(plan.omitted, s)}
${ctx.duration}
${ctx.links}
${count}<div class="actions"><button type="submit" class="deny" name="decision" value="deny">${escapeHtml(s.deny)}</button>${allow}</div>
</form>${optional > 0 ? COUNT_SCRIPT : ''}`;
}

interface BodyContext {
  readonly view: View;
  readonly input: ConsentScreenInput;
  readonly signedIn: string;
  readonly duration: string;
  readonly links: string;
}

function page(view: View, title: string, body: string, input: ConsentScreenInput): string {
  const cssHref = typeof input.cssHref === 'string' ? input.cssHref : undefined;
  return htmlPage({ lang: view.locale, title, body, cssHref: cssHref ?? '', ...(cssHref === undefined ? { inlineCss: SCREEN_CSS } : {}) });
}

/** Backend-only classes: what they may do, for developers; no one to ask, so no buttons. */
function developerScreen(
  groups: readonly ConsentGroup[],
  omitted: readonly OmittedScope[],
  header: { html: string },
  label: string,
  view: View,
  input: ConsentScreenInput,
): string {
  const s = view.s;
  let index = 0;
  const items = groups.map((g) => choice(g, ++index, view, false)).join('');
  const body = `<main class="consent developer" aria-labelledby="consent-heading">
${header.html}
<h1 id="consent-heading" data-textbox>${escapeHtml(s.developerHeading(label))}</h1>
<p class="intro" data-textbox>${escapeHtml(s.developerIntro)}</p>
<section aria-labelledby="what-heading"><h2 id="what-heading">${escapeHtml(s.developerWhat)}</h2><ul class="choices">${items}</ul>${groups.length === 0 ? `<p class="note" data-textbox>${escapeHtml(s.nothingToShow)}</p>` : ''}</section>
${omittedNote(omitted, s)}
</main>`;
  return page(view, s.developerHeading(label), body, input);
}

/** Backend-only: the class has no users, or every shown scope is a system-level one. */
function isBackendOnly(app: CatalogAppClass | undefined, groups: readonly GroupPlan[]): boolean {
  if (app?.audience === 'system') return true;
  return groups.length > 0 && groups.every((g) => g.scopes.every((sc) => sc.startsWith('system/')));
}

function render(input: ConsentScreenInput): ConsentScreen {
  const policy: ScreenPolicy = screenPolicyOf(input.bundle);
  const app = appClassOf(policy, input.appClass);
  const catalog = app?.offlineAccess ? { ...policy.catalog, offlineAccess: app.offlineAccess } : policy.catalog;
  const locale = localeOf(input, policy.catalog);
  const audience = audienceOf(input, app);
  const view: View = { s: screenStrings(locale), locale, audience };
  const plan = app
    ? planRequest(input.request?.scopes, {
        app,
        sensitive: sensitiveTargets(policy.catalog),
        nonCompartmentTypes: policy.nonCompartmentTypes,
      })
    : {
        groups: [],
        omitted: planRequest(input.request?.scopes, {
          app: { name: '', audience: 'patient', allowed: [], denied: [] },
          sensitive: [],
          nonCompartmentTypes: 'deny',
        }).omitted,
      };
  const groups = plan.groups.map((g) => withText(g, { locale, audience, catalog, app: input.appClass }));
  const header = identityHeader(input, app, view.s);

  if (isBackendOnly(app, plan.groups)) {
    const label = field(input.app?.name, 120) ?? field(app?.label, 160) ?? view.s.genericApp;
    return {
      kind: 'developer',
      html: developerScreen(groups, plan.omitted, header, label, view, input),
      locale,
      audience,
      groups: [],
      omitted: plan.omitted,
      access: null,
    };
  }

  const nowMs = instantOf(input.now);
  const hasOffline = groups.some((g) => g.kind === 'offline');
  const online = groups.some((g) => g.kind === 'online') && app ? onlineRefreshOf(policy, app.name) : undefined;
  const shortSeconds = online?.lifetimeSeconds ?? policy.accessTokenSeconds;
  const access = accessPeriod(
    nowMs,
    hasOffline ? (app?.offlineAccess ?? { lifetimeSeconds: null, idleSeconds: null }) : undefined,
    shortSeconds,
  );
  const revokeUri = link(input.revokeUri) ?? link(policy.catalog.revokeUri);
  const heading = view.s.heading(header.name, audience);
  const body = `<main class="consent" aria-labelledby="consent-heading">
${header.html}
<h1 id="consent-heading" data-textbox>${escapeHtml(heading)}</h1>
${consentBody(groups, plan, {
  view,
  input,
  signedIn: signedIn(input, view.s),
  duration: durationSection(access, hasOffline, shortSeconds, nowMs, input, view, revokeUri),
  links: appLinks(input, view.s),
})}
</main>`;
  return {
    kind: 'consent',
    html: page(view, view.s.title(header.name), body, input),
    locale,
    audience,
    groups,
    omitted: plan.omitted,
    access,
  };
}

/** The fail-closed screen: nothing offered, only "Do not allow". */
function failedScreen(input: ConsentScreenInput): ConsentScreen {
  const view: View = { s: screenStrings('en'), locale: 'en', audience: 'patient' };
  const body = `<main class="consent" aria-labelledby="consent-heading"><h1 id="consent-heading">${escapeHtml(view.s.heading(view.s.genericApp, 'patient'))}</h1><form id="consent-form" method="post" action=""><p class="note">${escapeHtml(view.s.nothingToShow)}</p><div class="actions"><button type="submit" class="deny" name="decision" value="deny">${escapeHtml(view.s.deny)}</button></div></form></main>`;
  let html: string;
  try {
    html = page(view, view.s.title(view.s.genericApp), body, input);
  } catch {
    html = htmlPage({ lang: 'en', title: 'Consent', body, cssHref: '', inlineCss: SCREEN_CSS });
  }
  return { kind: 'consent', html, locale: 'en', audience: 'patient', groups: [], omitted: [], access: null };
}

/** Renders the consent screen of a request; see the module comment. */
export function renderConsentScreen(input: ConsentScreenInput): ConsentScreen {
  try {
    return render(input);
  } catch {
    return failedScreen(input);
  }
}
