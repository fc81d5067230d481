import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const LAB = 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe('smart-policy explain', () => {
  it('prints the documented JSON shape from the built-in phrasebook', async () => {
    const run = await cli(['explain', '--json', '--locale', 'en', LAB, 'offline_access']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      locale: string;
      scopes: { scope: string; short: string; long: string }[];
      summary: unknown[];
    };
    expect(result.locale).toBe('en');
    expect(result.scopes.map((s) => s.scope)).toEqual([LAB, 'offline_access']);
    expect(result.scopes[0]?.short.toLowerCase()).toContain('lab results');
    expect(result.scopes[0]?.short).not.toMatch(/Observation|category/);
    expect(result.summary.length).toBeGreaterThan(0);
  });

  it('negotiates the language from Accept-Language (es-MX falls back to es)', async () => {
    const run = await cli(['explain', '--json', '--accept-language', 'es-MX,es;q=0.9,en;q=0.5', 'patient/Condition.rs']);
    const result = JSON.parse(run.stdout) as { locale: string; scopes: { short: string }[] };
    expect(result.locale).toBe('es');
    expect(result.scopes[0]?.short).toMatch(/^Ver y buscar/);
  });

  it('changes the wording for a clinician', async () => {
    const patient = await cli(['explain', '--json', '--locale', 'en', 'patient/Condition.rs']);
    const clinician = await cli(['explain', '--json', '--locale', 'en', '--audience', 'clinician', 'patient/Condition.rs']);
    expect(patient.stdout).toMatch(/your/i);
    expect(clinician.stdout).not.toBe(patient.stdout);
  });

  it('uses a policy’s explanation blocks', async () => {
    const run = await cli(['explain', '--json', '--policy', 'policies/patient-portal/portal.smartpolicy', '--locale', 'es', LAB]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { locale: string }).locale).toBe('es');
  });

  it('rejects an unknown audience and a missing scope list, exit 3', async () => {
    expect((await cli(['explain', '--audience', 'robot', 'openid'])).code).toBe(3);
    const none = await cli(['explain']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/at least one scope/);
  });
});

describe('smart-policy docs', () => {
  it('writes the consent-design site for a policy (screenshots skipped on request)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'smart-policy-docs-'));
    const run = await cli(['docs', 'policies/patient-portal/portal.smartpolicy', '--out', out, '--no-screenshots']);
    expect(run.code).toBe(0);
    expect(existsSync(join(out, 'scopes.json'))).toBe(true);
    const metadata = JSON.parse(readFileSync(join(out, 'scopes.json'), 'utf8')) as { locales: string[] };
    expect(metadata.locales).toEqual(expect.arrayContaining(['en', 'es']));
  });

  it('reports an --out folder it cannot create, instead of hanging (Node 20 spins on recursive mkdir in /proc)', async () => {
    const run = await cli([
      'docs',
      'policies/patient-portal/portal.smartpolicy',
      '--out',
      '/proc/smart-policy-nope/site',
      '--no-screenshots',
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot create the --out folder '\/proc\/smart-policy-nope\/site'/);
  });

  it('refuses an --out that is a file', async () => {
    const run = await cli(['docs', 'policies/patient-portal/portal.smartpolicy', '--out', 'README.md', '--no-screenshots']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/is not a directory/);
  });

  it('needs --out', async () => {
    const run = await cli(['docs', 'policies/patient-portal/portal.smartpolicy']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/--out/);
  });
});
