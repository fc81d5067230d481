/**
 * The reference server's home page and consent screen in Debian's Chromium (playwright-core)
 * with `Accept-Language: es`: the built-in demo app launches, the person picks a patient, the
 * consent screen is in Spanish; allowing completes the flow (the demo page shows the token, its
 * introspection, a narrowed search and a denied request); not allowing returns `access_denied`.
 */
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, DEBIAN_CHROMIUM } from '../../engine/src/node/docs/screenshots.js';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { startHarness } from './reference-harness.js';

let server: RunningReferenceServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startHarness();
  browser = await chromium.launch({ executablePath: DEBIAN_CHROMIUM, args: [...CHROMIUM_ARGS] });
  context = await browser.newContext({ locale: 'es-ES', extraHTTPHeaders: { 'accept-language': 'es' } });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function toConsent(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'Launch the demo app' }).click();
  await page.getByLabel(/Mei Chen/).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('#consent-form');
  return page;
}

describe('reference server in Chromium (Accept-Language: es)', () => {
  it('shows the consent screen in Spanish; allowing completes the demo flow', async () => {
    const page = await toConsent();
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await expect(page.getByRole('button', { name: 'Permitir lo marcado' }).isVisible()).resolves.toBe(true);
    expect(await page.textContent('body')).toContain('resultados de laboratorio');
    await page.getByRole('button', { name: 'Permitir lo marcado' }).click();
    await page.waitForSelector('text=Demo app: what happened');
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain('"patient": "mei"');
    expect(text).toContain('"active": true');
    expect(text).toContain('HTTP 403');
    expect(text).toMatch(/4 of the patient's 5 observations/);
    await page.close();
  });

  it('not allowing returns access_denied to the app', async () => {
    const page = await toConsent();
    await page.getByRole('button', { name: 'No permitir nada' }).click();
    await page.waitForSelector('text=access_denied');
    expect(page.url()).toContain('/demo/callback');
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    await page.close();
  });
});
