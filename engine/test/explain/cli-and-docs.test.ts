import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocsSite, compilePolicyFile } from '../../src/node/index.js';
import { catalogFromBundle, consentPreviewHtml, explain } from '../../src/explain/index.js';
import { runExplainCommand } from '../../src/cli/commands/run-explain-command.js';
import type { ScopeMetadata } from '../../src/explain/index.js';

const POLICY = 'policies/patient-portal/portal.smartpolicy';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('runExplainCommand', () => {
  it('prints the documented JSON shape', () => {
    const { output, exitCode } = runExplainCommand({ scopes: ['patient/Observation.rs', 'patient/Foo.rs'], locale: 'es', json: true });
    expect(exitCode).toBe(0);
    const json = JSON.parse(output) as {
      locale: string;
      requestedLocale: string;
      localeFallback: boolean;
      audience: string;
      scopes: { scope: string; short: string; long: string; warnings?: unknown[] }[];
      summary: unknown[];
    };
    expect(Object.keys(json)).toEqual(['locale', 'requestedLocale', 'localeFallback', 'audience', 'scopes', 'summary']);
    expect([json.requestedLocale, json.localeFallback, json.audience]).toEqual(['es', false, 'patient']);
    expect(json.locale).toBe('es');
    expect(json.scopes[0]).toEqual({
      scope: 'patient/Observation.rs',
      short: 'Ver y buscar sus resultados de pruebas y mediciones de salud',
      long: expect.stringMatching(/^La aplicación puede ver y buscar/) as unknown as string,
    });
    expect(json.scopes[1]?.warnings).toHaveLength(1);
  });

  it('prints text with the summary, using a policy when given', () => {
    const compiled = compilePolicyFile(POLICY);
    if (!compiled.bundle) throw new Error('example policy does not compile');
    const { output, exitCode } = runExplainCommand({
      policy: compiled.bundle,
      scopes: ['patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory offline_access'],
      acceptLanguage: 'en-US,en;q=0.9',
      audience: 'patient',
    });
    expect(exitCode).toBe(0);
    expect(output).toContain('Consent text in en, for a patient:');
    expect(output).toContain('  See and search your lab results');
    expect(output).toContain('Consent screen:\n  • See and search your lab results');
  });

  it('refuses an empty scope list and unreadable policy objects, without throwing', () => {
    expect(runExplainCommand({ scopes: ['  '] }).exitCode).toBe(3);
    const bad = runExplainCommand({ policy: { format: 'smart-policy-bundle' } as never, scopes: ['openid'] });
    expect(bad.exitCode).toBe(3);
    expect(bad.output).toMatch(/smart-policy explain: the policy cannot be read/);
  });
});

describe('explain with an app class', () => {
  it('quotes that app class’s offline lifetime and audience', () => {
    const compiled = compilePolicyFile(POLICY);
    if (!compiled.bundle) throw new Error('example policy does not compile');
    const catalog = catalogFromBundle(compiled.bundle);
    const proxy = catalog.appClasses?.find((a) => a.name === 'proxy_apps');
    expect(proxy?.audience).toBe('caregiver');
    const r = explain('offline_access patient/Immunization.rs', { locale: 'en', catalog, appClass: 'proxy_apps' });
    expect(r.audience).toBe('caregiver');
    expect(r.scopes[1]?.short).toBe('See and search the patient’s vaccines');
  });
});

describe('buildDocsSite without Chromium', () => {
  it('says so and writes everything else', async () => {
    const out = mkdtempSync(join(tmpdir(), 'docs-nochrome-'));
    dirs.push(out);
    const compiled = compilePolicyFile(POLICY);
    if (!compiled.bundle) throw new Error('example policy does not compile');
    const report = await buildDocsSite(compiled.bundle, out, { chromium: '/nonexistent/chromium' });
    expect(report.screenshotStatus).toBe('no-chromium');
    expect(report.message).toMatch(/Chromium not found/);
    expect(report.screenshots).toEqual([]);
    for (const f of report.files) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Chromium not found');
    const meta = JSON.parse(readFileSync(join(out, 'scopes.json'), 'utf8')) as ScopeMetadata;
    expect(meta.format).toBe('smart-policy-scope-descriptions');
    expect(meta.appClasses.map((a) => a.name)).toEqual(['patient_apps', 'proxy_apps']);
    const html = readFileSync(join(out, 'apps/proxy-apps/preview.es.html'), 'utf8');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('las vacunas del paciente');
  });

  it('escapes everything it writes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'docs-escape-'));
    dirs.push(out);
    await buildDocsSite(
      {
        name: '<script>alert(1)</script>',
        locales: ['en'],
        defaultLocale: 'en',
        entries: { Goal: { target: 'Goal', texts: { en: { short: '<b>goals</b>' } }, queries: [] } },
        appClasses: [{ name: 'a"b', audience: 'patient', allowed: ['patient/Goal.rs', '__x<y'], denied: [] }],
      },
      out,
      { chromium: false },
    );
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).not.toContain('<script>');
    expect(index).toContain('&lt;script&gt;');
    const preview = readFileSync(join(out, 'apps/a-b/preview.en.html'), 'utf8');
    expect(preview).toContain('&lt;b&gt;goals&lt;/b&gt;');
  });
});

describe('consentPreviewHtml', () => {
  it('renders one self-contained preview for an app class and locale', () => {
    const compiled = compilePolicyFile(POLICY);
    if (!compiled.bundle) throw new Error('example policy does not compile');
    const catalog = catalogFromBundle(compiled.bundle);
    const html = consentPreviewHtml(catalog, { appClass: 'proxy_apps', locale: 'es-MX' });
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<style>');
    expect(html).not.toContain('stylesheet');
    expect(html).toContain('las vacunas del paciente');
    expect(consentPreviewHtml(catalog, { appClass: 'nope' })).toBeNull();
    expect(consentPreviewHtml(catalog, { locale: 'fr' })).toContain('<html lang="en">');
  });
});
