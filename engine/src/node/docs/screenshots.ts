/**
 * PNG screenshots of the consent previews in Debian's Chromium, driven by `playwright-core`
 * (no browser download). `playwright-core` is an optional peer dependency of the engine: without
 * it, or without Chromium, the caller is told so and the site is still written.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet headless run in containers and CI (no sandbox, no network chatter). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One page to capture: the HTML file and the PNG to write. */
export interface ScreenshotJob {
  readonly html: string;
  readonly png: string;
}

export type ScreenshotOutcome =
  | { readonly status: 'written'; readonly files: readonly string[] }
  | { readonly status: 'no-chromium'; readonly message: string }
  | { readonly status: 'no-playwright'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string };

type Playwright = typeof import('playwright-core');

/** Loads the optional peer dependency; undefined when it is not installed (or cannot load). */
async function loadPlaywright(): Promise<Playwright | undefined> {
  try {
    return await import('playwright-core');
  } catch {
    return undefined;
  }
}

/** What to tell the user when `playwright-core` is missing (no path, no error text: a fixed sentence). */
export const NO_PLAYWRIGHT_MESSAGE =
  'playwright-core is not installed (an optional peer dependency of smart-policy; install it with: npm install playwright-core); screenshots were not taken, the rest of the site was written.';

/**
 * Captures every job in one browser; phone-sized viewport, whole page. `load` finds
 * `playwright-core` (injectable so its absence can be tested). Never throws.
 */
export async function takeScreenshots(
  jobs: readonly ScreenshotJob[],
  executablePath = DEBIAN_CHROMIUM,
  load: () => Promise<Playwright | undefined> = loadPlaywright,
): Promise<ScreenshotOutcome> {
  if (!existsSync(executablePath)) {
    return {
      status: 'no-chromium',
      message: `Chromium not found at ${executablePath} (install it with: apt-get install chromium); screenshots were not taken, the rest of the site was written.`,
    };
  }
  const playwright = await load().catch(() => undefined);
  if (playwright === undefined) return { status: 'no-playwright', message: NO_PLAYWRIGHT_MESSAGE };
  const { chromium } = playwright;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    const page = await browser.newPage({ viewport: { width: 480, height: 900 }, deviceScaleFactor: 1 });
    const files: string[] = [];
    for (const job of jobs) {
      await page.goto(pathToFileURL(job.html).href, { waitUntil: 'load' });
      await page.screenshot({ path: job.png, fullPage: true });
      files.push(job.png);
    }
    return { status: 'written', files };
  } catch (error) {
    return {
      status: 'failed',
      message: `Chromium could not take the screenshots: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  } finally {
    await browser?.close();
  }
}
