/**
 * `scopes.json` of `smart-policy docs` for every example policy validates against
 * engine/schemas/scope-descriptions.schema.json, and carries what client developers need: the
 * class label, grant conditions, lifetimes, parsed scope with v2/v1 forms, risk flags, text
 * source, and what the consent screen leaves out.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocsSite, compilePolicyFile } from '../../engine/src/node/index.js';
import type { ScopeMetadata } from '../../engine/src/explain/index.js';
import { REPO_ROOT } from './cli-harness.js';

const schema = JSON.parse(readFileSync(`${REPO_ROOT}engine/schemas/scope-descriptions.schema.json`, 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function scopesJson(policy: string): Promise<ScopeMetadata> {
  const { bundle } = compilePolicyFile(`${REPO_ROOT}${policy}`);
  if (!bundle) throw new Error(`${policy} does not compile`);
  const out = mkdtempSync(join(tmpdir(), 'scopes-json-'));
  dirs.push(out);
  await buildDocsSite(bundle, out, { chromium: false, now: new Date('2026-03-01T12:00:00Z') });
  return JSON.parse(readFileSync(join(out, 'scopes.json'), 'utf8')) as ScopeMetadata;
}

const POLICIES = [
  'policies/patient-portal/portal.smartpolicy',
  'policies/patient-access-api/api.smartpolicy',
  'policies/clinician-ehr/ehr.smartpolicy',
];

describe('scopes.json', () => {
  for (const policy of POLICIES) {
    it(`of ${policy} matches its JSON Schema`, async () => {
      const meta = await scopesJson(policy);
      const ok = validate(meta);
      expect(validate.errors ?? [], policy).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('rejects a document missing the new fields (the schema is not vacuous)', async () => {
    const meta = await scopesJson(POLICIES[0] ?? '');
    const app = meta.appClasses[0];
    if (!app) throw new Error('no app class');
    const { risks: _risks, ...scopeWithoutRisks } = app.scopes[0] ?? { risks: [] };
    expect(validate({ ...meta, appClasses: [{ ...app, scopes: [scopeWithoutRisks] }] })).toBe(false);
    const { lifetimes: _lifetimes, ...appWithoutLifetimes } = app;
    expect(validate({ ...meta, appClasses: [appWithoutLifetimes] })).toBe(false);
  });

  it('carries label, conditions, lifetimes, scope forms, risks and text sources', async () => {
    const meta = await scopesJson(POLICIES[0] ?? '');
    const app = meta.appClasses.find((a) => a.name === 'patient_apps');
    expect(app?.label).toBe('Apps patients use for their own record');
    expect(app?.lifetimes).toEqual({
      accessTokenSeconds: 3600,
      refresh: { offline: true, online: false, lifetimeSeconds: 90 * 86_400, idleSeconds: 30 * 86_400 },
    });
    const offline = app?.scopes.find((s) => s.scope === 'offline_access');
    expect(offline).toMatchObject({ conditions: ['bound by dpop, client-key'], risks: ['offline-access'] });
    const observation = app?.scopes.find((s) => s.scope === 'patient/Observation.rs');
    expect(observation).toMatchObject({
      kind: 'resource',
      v2: 'patient/Observation.rs',
      v1: 'patient/Observation.read',
      parsed: { type: 'resource', resourceType: 'Observation', permissions: 'rs' },
      risks: [],
      sensitive: false,
    });
    expect(observation?.descriptions['en']?.source).toBe('policy');
    const launch = app?.scopes.find((s) => s.scope === 'launch/patient');
    expect(launch?.descriptions['en']?.source).toBe('built-in');

    const api = await scopesJson(POLICIES[1] ?? '');
    const wallet = api.appClasses.find((a) => a.name === 'wallet');
    expect(wallet?.lifetimes.registration).toEqual({ instanceLifetimeSeconds: 365 * 86_400, initialTokenMaxAgeSeconds: 600 });
    expect(
      api.appClasses.find((a) => a.name === 'patient_access')?.scopes.find((s) => s.scope === 'patient/Observation.rs')?.sensitive,
    ).toBe(true);
  });
});
