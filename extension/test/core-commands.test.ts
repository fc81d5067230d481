import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appGrantsMarkdown } from '../src/core/app-grants.js';
import { compiledBundle } from '../src/core/compiled-bundle.js';
import { consentPreview } from '../src/core/consent-preview.js';
import { policyCatalog } from '../src/core/policy-catalog.js';
import { fixtureReader, runTestsOf } from '../src/core/policy-tests.js';
import { createPolicyWorkspace } from '../src/core/policy-workspace.js';

const repo = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const portal = join(repo, 'policies', 'patient-portal');
const entry = join(portal, 'portal.smartpolicy');
const apps = join(portal, 'apps.smartpolicy');
const tests = join(portal, 'tests.smartpolicy');
const NOW = Date.UTC(2026, 0, 15);

const onDisk = createPolicyWorkspace(() => undefined);

describe('policy workspace', () => {
  it('finds the entry file whose set imports a file', () => {
    expect(onDisk.entryFor(apps)).toBe(entry);
    expect(onDisk.entryFor(tests)).toBe(entry);
    expect(onDisk.entryFor(entry)).toBe(entry);
  });

  it("uses the editor's unsaved text over the disk, and the disk again once the file is closed", () => {
    const edited = readFileSync(apps, 'utf8').replace('"Apps patients use for their own record"', '"Edited title"');
    let open = true;
    const ws = createPolicyWorkspace((path) => (open && path === apps ? edited : undefined));
    expect(policyCatalog(ws.serviceFor(entry), entry).appClasses?.find((a) => a.name === 'patient_apps')?.label).toBe('Edited title');
    open = false;
    expect(policyCatalog(ws.serviceFor(entry), entry).appClasses?.find((a) => a.name === 'patient_apps')?.label).toBe(
      'Apps patients use for their own record',
    );
  });
});

describe('consent preview', () => {
  const catalog = policyCatalog(onDisk.serviceFor(entry), entry);

  it("renders the app class's consent screen in the chosen locale, with everything it may be granted", () => {
    const preview = consentPreview(catalog, { appClass: 'patient_apps', locale: 'es', now: NOW });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.screen.locale).toBe('es');
    expect(preview.html).toContain('lang="es"');
    expect(preview.html).toContain('Ver y buscar sus alergias');
    expect(preview.screen.omitted).toEqual([]);
  });

  it('runs the page under a CSP without scripts or form submission', () => {
    const preview = consentPreview(catalog, { appClass: 'patient_apps', locale: 'en', now: NOW });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.html).toMatch(
      /<head>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*form-action 'none';">/,
    );
    expect(preview.html).toContain('See and search your allergies');
  });

  it('falls back to the default locale for an undeclared one, and names an unknown app class', () => {
    const fr = consentPreview(catalog, { appClass: 'patient_apps', locale: 'fr', now: NOW });
    expect(fr.ok && fr.screen.locale).toBe('en');
    expect(consentPreview(catalog, { appClass: 'nope', now: NOW })).toEqual({
      ok: false,
      message: "The policy set has no app class named 'nope'.",
    });
  });

  it('follows an unsaved edit of the explanations', () => {
    const explanations = join(portal, 'explanations.smartpolicy');
    const edited = readFileSync(explanations, 'utf8').replace('es "alergias" feminine plural', 'es "reacciones alérgicas" feminine plural');
    const ws = createPolicyWorkspace((path) => (path === explanations ? edited : undefined));
    const preview = consentPreview(policyCatalog(ws.serviceFor(entry), entry), { appClass: 'patient_apps', locale: 'es', now: NOW });
    expect(preview.ok && preview.html).toContain('Ver y buscar sus reacciones alérgicas');
  });
});

describe('what can this app get', () => {
  const catalog = policyCatalog(onDisk.serviceFor(entry), entry);

  it('lists every grantable scope with its short and long explanation, and the denied ones with their reason', () => {
    const text = appGrantsMarkdown(catalog, { appClass: 'patient_apps', locale: 'en' });
    expect(text).toContain('# What can `patient_apps` get?');
    expect(text).toContain('- `patient/AllergyIntolerance.rs` — **See and search your allergies**');
    expect(text).toContain('Allergies and bad reactions to medicines, foods or other things.');
    expect(text).toMatch(/## Denied \(1\)\n\n- `patient\/\*\.cud` — patients do not change clinical records/);
  });

  it('speaks Spanish when asked', () => {
    expect(appGrantsMarkdown(catalog, { appClass: 'patient_apps', locale: 'es' })).toContain('**Ver y buscar sus alergias**');
  });
});

describe('compiled bundle', () => {
  it('holds the rules and policy of the checked-in golden bundle, with paths relative to the set folder', () => {
    const result = compiledBundle(onDisk.serviceFor(entry), entry);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const golden = JSON.parse(
      readFileSync(join(portal, 'portal.bundle.golden.json'), 'utf8').replaceAll('policies/patient-portal/', ''),
    ) as Record<string, unknown>;
    const bundle = JSON.parse(result.json) as Record<string, unknown>;
    expect({ ...bundle, hash: undefined }).toEqual({ ...golden, hash: undefined });
  });

  it('reports where and why a set does not compile, without a stack trace', () => {
    const broken = readFileSync(entry, 'utf8').replace('fhir R4', 'fhir R4\n  locales en, es, @');
    const ws = createPolicyWorkspace((path) => (path === entry ? broken : undefined));
    const result = compiledBundle(ws.serviceFor(entry), entry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatch(/portal\.smartpolicy:13:\d+ syntax\.[a-z.-]+ /);
    expect(result.errors.join('\n')).not.toContain('    at ');
  });
});

describe('policy tests', () => {
  it('runs the set’s tests with their source spans', () => {
    const run = runTestsOf(onDisk.serviceFor(entry), entry);
    if (!run.ok) throw new Error(run.errors.join('\n'));
    expect(run.report.total).toBeGreaterThan(5);
    expect(run.report.failed).toBe(0);
    expect(run.report.cases[0]?.span.uri).toBe(tests);
  });

  it('reports a failing expectation of an unsaved edit with its diff', () => {
    const edited = readFileSync(tests, 'utf8').replace(
      'expect granted "launch/patient openid fhirUser patient/Observation.rs patient/Condition.rs"',
      'expect granted "launch/patient openid fhirUser patient/Observation.cruds patient/Condition.rs"',
    );
    const ws = createPolicyWorkspace((path) => (path === tests ? edited : undefined));
    const run = runTestsOf(ws.serviceFor(entry), entry);
    if (!run.ok) throw new Error(run.errors.join('\n'));
    const failed = run.report.cases.filter((c) => !c.passed);
    expect(failed.map((c) => c.name)).toEqual(['a patient app gets read-only access to the listed records']);
    expect(failed[0]?.diff).toContain('granted:');
  });

  it('reads fixtures only inside the set folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-fixtures-'));
    const set = join(dir, 'set');
    mkdirSync(set);
    writeFileSync(join(set, 'p.json'), '{"resourceType":"Patient","id":"1"}');
    writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
    symlinkSync(join(dir, 'secret.json'), join(set, 'link.json'));
    const read = fixtureReader(set);
    expect(read('p.json')).toEqual({ resourceType: 'Patient', id: '1' });
    expect(read('../secret.json')).toBeUndefined();
    expect(read('link.json')).toBeUndefined();
    expect(read(join(dir, 'secret.json'))).toBeUndefined();
    expect(read('missing.json')).toBeUndefined();
  });
});
