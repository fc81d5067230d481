/**
 * The consent docs site in a real browser: built from the example patient-portal policy,
 * loaded in Debian's Chromium (playwright-core). The preview renders, the Spanish page is in
 * Spanish, no text box overflows, and the screenshots exist. Fails (never skips) when Chromium
 * is missing: CI installs it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocsSite, compilePolicyFile, type DocsSiteReport } from '../../engine/src/node/index.js';
import type { ScopeMetadata } from '../../engine/src/explain/index.js';
import { CHROMIUM_ARGS, DEBIAN_CHROMIUM } from '../../engine/src/node/docs/screenshots.js';

let outDir = '';
let report: DocsSiteReport;
let browser: Browser | undefined;

beforeAll(async () => {
  expect(existsSync(DEBIAN_CHROMIUM), `Chromium is required at ${DEBIAN_CHROMIUM} (apt-get install chromium)`).toBe(true);
  const compiled = compilePolicyFile('policies/patient-portal/portal.smartpolicy');
  if (!compiled.bundle) throw new Error('the example policy does not compile');
  outDir = mkdtempSync(join(tmpdir(), 'docs-site-'));
  report = await buildDocsSite(compiled.bundle, outDir);
  browser = await chromium.launch({ executablePath: DEBIAN_CHROMIUM, args: [...CHROMIUM_ARGS] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function open(rel: string): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage({ viewport: { width: 480, height: 900 } });
  await page.goto(pathToFileURL(join(outDir, rel)).href);
  return page;
}

/** Text boxes whose content is wider than the box (scrollWidth > clientWidth). */
async function overflowing(page: Page): Promise<string[]> {
  return page.$$eval('[data-textbox]', (els) =>
    els
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName} ${el.scrollWidth}>${el.clientWidth}: ${(el.textContent ?? '').slice(0, 60)}`),
  );
}

/** Page-side script: heading count, unnamed buttons, smallest font size and lowest text contrast (WCAG formula). */
const A11Y_FACTS = `(() => {
  const luminance = (rgb) => {
    const [r, g, b] = (rgb.match(/\\d+(\\.\\d+)?/g) || ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (el) => {
    let bgEl = el;
    let bg = 'rgba(0, 0, 0, 0)';
    while (bgEl && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
      bg = getComputedStyle(bgEl).backgroundColor;
      bgEl = bgEl.parentElement;
    }
    if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
    const [a, b] = [luminance(getComputedStyle(el).color), luminance(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
  const texts = [...document.querySelectorAll('[data-textbox], button, summary')];
  return {
    h1: document.querySelectorAll('h1').length,
    unnamedButtons: [...document.querySelectorAll('button')].filter((b) => (b.textContent || '').trim() === '').length,
    smallestFont: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize))),
    lowestContrast: Math.min(...texts.map(contrast)),
  };
})()`;

/** The previews of each class's own readers (`preview.<locale>.html`). */
function previews(): string[] {
  return report.files.filter((f) => /preview\.[a-z-]+\.html$/.test(f));
}

/** Every preview, every reader included. */
function allPreviews(): string[] {
  return report.files.filter((f) => /preview\.[a-z.-]+\.html$/.test(f));
}

describe('consent docs site', () => {
  it('writes metadata for every app class and locale', () => {
    const meta = JSON.parse(readFileSync(join(outDir, 'scopes.json'), 'utf8')) as ScopeMetadata;
    expect(meta.locales).toEqual(['en', 'es']);
    expect(meta.appClasses.length).toBeGreaterThanOrEqual(2);
    for (const app of meta.appClasses) {
      for (const entry of app.scopes) {
        for (const locale of meta.locales) {
          expect(entry.descriptions[locale]?.short, `${app.name} ${entry.scope} ${locale}`).toBeTruthy();
          expect(entry.descriptions[locale]?.long, `${app.name} ${entry.scope} ${locale}`).toBeTruthy();
        }
      }
    }
    expect(previews().length).toBe(meta.appClasses.length * meta.locales.length);
  });

  it('renders the consent preview', async () => {
    const page = await open(previews().find((p) => p.endsWith('.en.html')) ?? '');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('This app wants to use your health record');
    const items = await page.locator('li.choice').count();
    expect(items).toBeGreaterThan(2);
    const first = await page.locator('li.choice label').first().boundingBox();
    expect(first?.height ?? 0).toBeGreaterThan(10);
    expect(await page.locator('body').textContent()).toMatch(/See and search your/);
    await page.close();
  });

  it('writes the Spanish page in Spanish', async () => {
    const page = await open(previews().find((p) => p.endsWith('.es.html')) ?? '');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    const text = await page.locator('body').textContent();
    expect(text).toMatch(/Esta aplicación quiere usar su historia clínica/);
    expect(text).toMatch(/Ver y buscar sus? /); // possessive agrees with the first noun: su nombre, sus alergias
    expect(text).not.toMatch(/See and search/);
    await page.close();
  });

  it('has no text overflowing its box on any page', async () => {
    for (const rel of [...allPreviews(), 'index.html', ...report.files.filter((f) => f.endsWith('/index.html'))]) {
      const page = await open(rel);
      // Open every "more details" so the long texts are laid out too.
      await page.$$eval('details', (ds) => {
        for (const d of ds) d.setAttribute('open', '');
      });
      expect(await overflowing(page), rel).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('keeps the previews accessible: one heading, named buttons, readable text size and contrast', async () => {
    for (const rel of allPreviews()) {
      const page = await open(rel);
      // Runs in the page; a string keeps DOM types out of this Node-typed test.
      const facts = (await page.evaluate(A11Y_FACTS)) as {
        h1: number;
        unnamedButtons: number;
        smallestFont: number;
        lowestContrast: number;
      };
      expect(facts.h1, rel).toBe(1);
      expect(facts.unnamedButtons, rel).toBe(0);
      expect(facts.smallestFont, rel).toBeGreaterThanOrEqual(14);
      expect(facts.lowestContrast, rel).toBeGreaterThanOrEqual(4.5);
      await page.close();
    }
  }, 180_000);

  it('links every screenshot from the site', () => {
    const pages = report.files.filter((f) => f.endsWith('.html')).map((f) => ({ f, html: readFileSync(join(outDir, f), 'utf8') }));
    for (const png of report.screenshots) {
      const name = png.split('/').pop() ?? png;
      expect(
        pages.some(
          ({ f, html }) =>
            html.includes(`href="${png}"`) || (png.startsWith(f.slice(0, f.lastIndexOf('/') + 1)) && html.includes(`href="${name}"`)),
        ),
        png,
      ).toBe(true);
    }
  });

  it('writes a non-empty PNG screenshot of each preview', () => {
    expect(report.screenshotStatus, report.message).toBe('written');
    expect(report.screenshots.length).toBe(allPreviews().length);
    for (const png of report.screenshots) {
      const path = join(outDir, png);
      expect(existsSync(path), png).toBe(true);
      expect(statSync(path).size, png).toBeGreaterThan(1000);
      expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });
});
