/**
 * `buildDocsSite`: a static site that publishes a policy's consent design for client developers
 * and reviewers — per app class every scope with its short and long text in every locale, the
 * machine-readable `scopes.json`, a consent-screen preview per locale (HTML and CSS), and PNG
 * screenshots of the previews when Debian's Chromium is present.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BUNDLE_FORMAT } from '../../compile/bundle-types.js';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import type { ExplanationCatalog } from '../../explain/explanation-catalog.js';
import { lintConsent } from '../../explain/lint/index.js';
import { allowedScopesFromBundle, catalogFromBundle } from '../../explain/catalog-from-bundle.js';
import { appPaths, renderAppScopes, renderIndex } from '../../explain/docs/render-pages.js';
import {
  naturalAudience,
  previewAudiences,
  previewFile,
  renderScreenPreview,
  renderScreensPage,
} from '../../explain/docs/screen-previews.js';
import { buildScopeMetadata } from '../../explain/docs/scope-metadata.js';
import { DEBIAN_CHROMIUM, takeScreenshots } from './screenshots.js';
import type { ScreenshotJob } from './screenshots.js';
import { SITE_CSS } from '../../explain/docs/site-css.js';
import { appendAll } from '../../util/append-all.js';

export interface BuildDocsSiteOptions {
  /** Chromium to screenshot with; default `/usr/bin/chromium`. `false` skips screenshots. */
  readonly chromium?: string | false;
  /** The moment previews compute "access lasts until" from; default: now. */
  readonly now?: Date;
}

/** What was written, and what happened to the screenshots (a sentence the CLI prints). */
export interface DocsSiteReport {
  readonly outDir: string;
  /** Files written, relative to `outDir`, screenshots included. */
  readonly files: readonly string[];
  readonly screenshots: readonly string[];
  readonly screenshotStatus: 'written' | 'no-chromium' | 'no-playwright' | 'failed' | 'skipped';
  readonly message: string;
}

function isBundle(input: PolicyBundle | ExplanationCatalog): input is PolicyBundle {
  return (input as { format?: unknown }).format === BUNDLE_FORMAT;
}

/** Builds the docs site of a compiled bundle or a catalog into `outDir`. */
export async function buildDocsSite(
  input: PolicyBundle | ExplanationCatalog,
  outDir: string,
  options: BuildDocsSiteOptions = {},
): Promise<DocsSiteReport> {
  const root = resolve(outDir);
  const catalog = isBundle(input) ? catalogFromBundle(input) : input;
  const meta = buildScopeMetadata(catalog, isBundle(input) ? input : undefined);
  const now = options.now ?? new Date();
  const files: string[] = [];
  const write = (rel: string, content: string): void => {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    files.push(rel);
  };

  write('style.css', SITE_CSS);
  write('scopes.json', `${JSON.stringify(meta, null, 2)}\n`);
  const jobs: ScreenshotJob[] = [];
  const screenshotsWanted = options.chromium !== false;
  for (const app of meta.appClasses) {
    const dir = appPaths(app).dir;
    write(appPaths(app).scopes, renderAppScopes(meta, app, screenshotsWanted));
    write(appPaths(app).screens, renderScreensPage(meta, app, screenshotsWanted));
    for (const locale of meta.locales) {
      // `preview.<locale>` is the class's own readers; `preview.<audience>.<locale>` every reader.
      const own = previewFile(locale);
      write(`${dir}/${own.html}`, renderScreenPreview(input, app, locale, naturalAudience(app), now));
      jobs.push({ html: join(root, dir, own.html), png: join(root, dir, own.png) });
      for (const audience of previewAudiences(app)) {
        const f = previewFile(locale, audience);
        write(`${dir}/${f.html}`, renderScreenPreview(input, app, locale, audience, now));
        jobs.push({ html: join(root, dir, f.html), png: join(root, dir, f.png) });
      }
    }
  }

  let outcome: { status: DocsSiteReport['screenshotStatus']; message: string; files: string[] };
  if (options.chromium === false) {
    outcome = { status: 'skipped', message: 'Screenshots were not requested.', files: [] };
  } else {
    const shot = await takeScreenshots(jobs, options.chromium ?? DEBIAN_CHROMIUM);
    outcome =
      shot.status === 'written'
        ? {
            status: 'written',
            message: `Wrote ${shot.files.length} screenshots of the consent previews.`,
            files: shot.files.map((f) => f.slice(root.length + 1)),
          }
        : { status: shot.status, message: shot.message, files: [] };
  }
  appendAll(files, outcome.files);
  // Reviewers see the consent lints next to the design they are about.
  const allowed = isBundle(input)
    ? allowedScopesFromBundle(input)
    : (catalog.appClasses ?? []).flatMap((app) => app.allowed.map((scope) => ({ app: app.name, scope })));
  write('index.html', renderIndex(meta, outcome.message, lintConsent(catalog, allowed), outcome.files));
  return { outDir: root, files, screenshots: outcome.files, screenshotStatus: outcome.status, message: outcome.message };
}
