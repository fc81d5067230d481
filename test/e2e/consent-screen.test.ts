/**
 * The consent screen in Debian's Chromium (playwright-core): a person unticks a group and
 * submits; the posted form (captured at the network layer, with and without JavaScript) is read
 * back into the approved scopes with `untickedGroups` + `approvedScopes`. Every screen passes an
 * accessibility check implemented here: heading order, labelled inputs, contrast of every text
 * colour computed from the CSS (≥ 4.5:1), focus order = DOM order, distinct accessible names.
 * Screenshots are kept in test/e2e/artifacts/consent-screen/ (gitignored).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePolicyFile } from '../../engine/src/node/index.js';
import type { PolicyBundle } from '../../engine/src/compile/bundle-types.js';
import { approvedScopes, renderConsentScreen, untickedGroups } from '../../engine/src/explain/index.js';
import type { Audience, ConsentScreen } from '../../engine/src/explain/index.js';
import { CHROMIUM_ARGS, DEBIAN_CHROMIUM } from '../../engine/src/node/docs/screenshots.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/consent-screen/', import.meta.url));
const SUBMIT = 'https://consent.test/submit';
const NOW = '2026-03-01T12:00:00Z';

interface Built {
  readonly name: string;
  readonly file: string;
  readonly screen: ConsentScreen;
  readonly request: readonly string[];
}

function bundleOf(path: string): PolicyBundle {
  const { bundle } = compilePolicyFile(path);
  if (!bundle) throw new Error(`${path} does not compile`);
  return bundle;
}

function allowed(bundle: PolicyBundle, app: string): string[] {
  return bundle.grants.filter((g) => g.app === app && g.effect === 'allow').map((g) => g.scope);
}

const screens: Built[] = [];
let browser: Browser | undefined;

function build(
  name: string,
  bundle: PolicyBundle,
  appClass: string,
  locale: string,
  audience?: Audience,
  extra: readonly string[] = [],
): void {
  const request = [...allowed(bundle, appClass), ...extra];
  const screen = renderConsentScreen({
    bundle,
    appClass,
    locale,
    ...(audience ? { audience } : {}),
    request: { scopes: request },
    user: { displayName: 'Alex Morgan' },
    app: {
      name: 'Pill Pal',
      publisher: 'Acme Health',
      privacyPolicyUri: 'https://acme.example/privacy',
      termsUri: 'https://acme.example/terms',
    },
    now: NOW,
    form: { action: SUBMIT, hidden: { transaction: 'tx-1' } },
  });
  const file = join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, screen.html);
  screens.push({ name, file, screen, request });
}

beforeAll(async () => {
  expect(existsSync(DEBIAN_CHROMIUM), `Chromium is required at ${DEBIAN_CHROMIUM} (apt-get install chromium)`).toBe(true);
  mkdirSync(ARTIFACTS, { recursive: true });
  const portal = bundleOf('policies/patient-portal/portal.smartpolicy');
  const api = bundleOf('policies/patient-access-api/api.smartpolicy');
  const ehr = bundleOf('policies/clinician-ehr/ehr.smartpolicy');
  build('portal-patient-en', portal, 'patient_apps', 'en');
  build('portal-patient-es', portal, 'patient_apps', 'es');
  build('portal-caregiver-en', portal, 'proxy_apps', 'en', 'caregiver');
  build('api-patient-en', api, 'patient_access', 'en');
  build('api-patient-es', api, 'patient_access', 'es');
  build('ehr-chart-en', ehr, 'chart_apps', 'en');
  build('ehr-analytics-en', ehr, 'analytics', 'en');
  browser = await chromium.launch({ executablePath: DEBIAN_CHROMIUM, args: [...CHROMIUM_ARGS] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

function built(name: string): Built {
  const b = screens.find((s) => s.name === name);
  if (!b) throw new Error(`no screen ${name}`);
  return b;
}

async function open(b: Built, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 480, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(pathToFileURL(b.file).href);
  return { context, page };
}

/** Submits the form with a button and returns what the browser posted (field name → values). */
async function submit(page: Page, button: string): Promise<Map<string, string[]>> {
  let body = '';
  await page.route(`${SUBMIT}**`, async (route) => {
    body = route.request().postData() ?? '';
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'ok' });
  });
  await Promise.all([page.waitForURL(`${SUBMIT}**`), page.click(button)]);
  const fields = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(body)) fields.set(k, [...(fields.get(k) ?? []), v]);
  return fields;
}

function approvedFrom(b: Built, fields: Map<string, string[]>): string[] {
  const unticked = untickedGroups(b.screen.groups, fields.get('group') ?? []);
  return [...approvedScopes(b.request, b.screen.groups, unticked).scopes];
}

describe('consent screen in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`unticking a group removes exactly its scopes (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const b = built('portal-patient-en');
      const { context, page } = await open(b, javaScriptEnabled);
      const condition = page.getByLabel('See and search your health problems');
      await expect(condition.isChecked()).resolves.toBe(true);
      await condition.uncheck();
      if (javaScriptEnabled) await expect(page.locator('#selected-count').textContent()).resolves.toMatch(/^\d+ of \d+ choices ticked\.$/);
      await page.screenshot({ path: join(ARTIFACTS, `portal-patient-en.unticked${javaScriptEnabled ? '' : '.nojs'}.png`), fullPage: true });
      const fields = await submit(page, 'button[value=allow]');
      expect(fields.get('decision')).toEqual(['allow']);
      expect(fields.get('transaction')).toEqual(['tx-1']);
      const approved = approvedFrom(b, fields);
      expect(approved).not.toContain('patient/Condition.rs');
      const everything = approvedScopes(b.request, b.screen.groups, []).scopes;
      expect(approved).toEqual(everything.filter((s) => s !== 'patient/Condition.rs'));
      await context.close();
    }, 60_000);
  }

  it('needs a tick for sensitive data, and approves it once ticked', async () => {
    const b = built('api-patient-en');
    const first = await open(b);
    const box = first.page.locator('section.sensitive input[type=checkbox]').first();
    await expect(box.isChecked()).resolves.toBe(false);
    expect(approvedFrom(b, await submit(first.page, 'button[value=allow]'))).not.toContain('patient/Observation.rs');
    await first.context.close();
    const second = await open(b);
    await second.page.locator('section.sensitive input[type=checkbox]').first().check();
    expect(approvedFrom(b, await submit(second.page, 'button[value=allow]'))).toContain('patient/Observation.rs');
    await second.context.close();
  }, 60_000);

  it('posts a refusal with the deny button', async () => {
    const b = built('portal-caregiver-en');
    const { context, page } = await open(b);
    const fields = await submit(page, 'button[value=deny]');
    expect(fields.get('decision')).toEqual(['deny']);
    await context.close();
  });

  it('shows backend classes a page without choices or buttons', async () => {
    const { context, page } = await open(built('ehr-analytics-en'));
    expect(await page.locator('button, input[type=checkbox]').count()).toBe(0);
    await context.close();
  });
});

/** Page-side accessibility facts; a string keeps DOM types out of this Node-typed test. */
const A11Y = `(() => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const textEls = [...document.querySelectorAll('body *')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '') && visible(el));
  const contrasts = textEls.map((el) => {
    const [a, b] = [lum(parse(getComputedStyle(el).color)), lum(background(el))].sort((x, y) => y - x);
    return { text: el.textContent.trim().slice(0, 40), ratio: (a + 0.05) / (b + 0.05) };
  });
  const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]));
  const inputs = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')];
  const unlabelled = inputs.filter((i) => (i.labels ? i.labels.length : 0) === 0 && !i.getAttribute('aria-label')).map((i) => i.outerHTML.slice(0, 80));
  const name = (el) => (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ').trim();
  const named = [...document.querySelectorAll('a[href], button, summary')].map(name);
  const focusables = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), summary, iframe')].filter(visible);
  focusables.forEach((el, i) => el.setAttribute('data-a11y-index', String(i)));
  return { contrasts, headings, unlabelled, named, focusCount: focusables.length };
})()`;

interface A11yFacts {
  contrasts: { text: string; ratio: number }[];
  headings: number[];
  unlabelled: string[];
  named: string[];
  focusCount: number;
}

describe('consent screen accessibility', () => {
  it('passes the checks on every screen', async () => {
    for (const b of screens) {
      const { context, page } = await open(b);
      await page.$$eval('details', (ds) => {
        for (const d of ds) d.setAttribute('open', '');
      });
      const facts = (await page.evaluate(A11Y)) as A11yFacts;
      // Headings: one h1 first, no level skipped on the way down.
      expect(facts.headings[0], b.name).toBe(1);
      expect(facts.headings.filter((h) => h === 1).length, b.name).toBe(1);
      facts.headings.forEach((h, i) => {
        if (i > 0) expect(h - (facts.headings[i - 1] ?? 1), `${b.name} heading ${i}`).toBeLessThanOrEqual(1);
      });
      expect(facts.unlabelled, b.name).toEqual([]);
      const low = facts.contrasts.filter((c) => c.ratio < 4.5);
      expect(low, b.name).toEqual([]);
      const names = facts.named;
      expect(
        names.filter((n) => n === ''),
        `${b.name} unnamed`,
      ).toEqual([]);
      expect(
        names.filter((n, i) => names.indexOf(n) !== i),
        `${b.name} repeated names`,
      ).toEqual([]);
      // Focus order: Tab visits the focusable elements in DOM order.
      const order: string[] = [];
      for (let i = 0; i < facts.focusCount; i++) {
        await page.keyboard.press('Tab');
        order.push((await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-a11y-index")')) as string);
      }
      expect(order, b.name).toEqual(Array.from({ length: facts.focusCount }, (_, i) => String(i)));
      await page.screenshot({ path: join(ARTIFACTS, `${b.name}.png`), fullPage: true });
      await context.close();
    }
  }, 180_000);
});
