/** `playwright-core` is an optional peer dependency: its absence is reported, never thrown. */
import { describe, expect, it } from 'vitest';
import { NO_PLAYWRIGHT_MESSAGE, takeScreenshots } from '../../src/node/docs/screenshots.js';

// An executable that surely exists, so the Chromium check passes and the loader is reached.
const EXISTING_FILE = process.execPath;
const JOBS = [{ html: '/nowhere/a.html', png: '/nowhere/a.png' }];

describe('takeScreenshots without playwright-core', () => {
  it('reports a missing module clearly (install hint, no stack, no path)', async () => {
    const outcome = await takeScreenshots(JOBS, EXISTING_FILE, async () => undefined);
    expect(outcome).toEqual({ status: 'no-playwright', message: NO_PLAYWRIGHT_MESSAGE });
    expect(NO_PLAYWRIGHT_MESSAGE).toContain('npm install playwright-core');
  });

  it('treats a loader that rejects like a missing module', async () => {
    const outcome = await takeScreenshots(JOBS, EXISTING_FILE, () => Promise.reject(new Error("Cannot find package 'playwright-core'")));
    expect(outcome.status).toBe('no-playwright');
  });

  it('still reports a missing Chromium first (the loader is not consulted)', async () => {
    let loaded = false;
    const outcome = await takeScreenshots(JOBS, '/definitely/not/chromium', async () => {
      loaded = true;
      return undefined;
    });
    expect(outcome.status).toBe('no-chromium');
    expect(loaded).toBe(false);
  });
});
