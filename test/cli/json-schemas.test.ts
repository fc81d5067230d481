import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { cli, jsonLinesOf, REPO_ROOT } from './cli-harness.js';

const schemaDir = `${REPO_ROOT}engine/schemas/`;
const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemas = new Map<string, object>();
for (const name of readdirSync(schemaDir).filter((file) => file.endsWith('.schema.json'))) {
  const schema = JSON.parse(readFileSync(schemaDir + name, 'utf8')) as object;
  schemas.set(name, schema);
}
const validator = (name: string) => {
  const schema = schemas.get(name);
  if (!schema) throw new Error(`missing schema ${name}`);
  return ajv.compile(schema);
};

describe('published JSON Schemas', () => {
  it('are all valid JSON Schema 2020-12 documents', () => {
    expect(schemas.size).toBeGreaterThanOrEqual(3);
    for (const [name, schema] of schemas) expect(ajv.validateSchema(schema), name).toBe(true);
  });

  it('describe every line that `scope --json` prints, valid or not', async () => {
    const validate = validator('scope-check.schema.json');
    const scopes = [
      'patient/Observation.rs?category=a|b',
      'user/*.*',
      'launch',
      'launch/list?role=https://x.org/r',
      'openid',
      'online_access',
      '__ext',
      'https://ehr.example.org/scopes/x',
      'system/DynamicClient.register',
      'patient/Observation.sr',
      '',
    ];
    const run = await cli(['scope', '--json', '--', ...scopes]);
    const lines = jsonLinesOf(run.stdout);
    expect(lines).toHaveLength(scopes.length);
    for (const line of lines) expect(validate(line), JSON.stringify(validate.errors)).toBe(true);
  });

  it('describe the example requests and every result `eval access` prints for them', async () => {
    const validateRequest = validator('access-request.schema.json');
    const validateResult = validator('access-result.schema.json');
    const examples = jsonLinesOf(readFileSync(`${REPO_ROOT}engine/examples/access-requests.jsonl`, 'utf8'));
    for (const example of examples) expect(validateRequest(example), JSON.stringify(validateRequest.errors)).toBe(true);
    const run = await cli(['eval', 'access', '--input', 'engine/examples/access-requests.jsonl']);
    for (const result of jsonLinesOf(run.stdout)) expect(validateResult(result), JSON.stringify(validateResult.errors)).toBe(true);
  });

  it('reject what the validator rejects', () => {
    const validateRequest = validator('access-request.schema.json');
    expect(validateRequest({ granted: [], request: { path: 'x' } })).toBe(false);
  });
});

describe('token decision JSON Schemas', () => {
  it('describe token requests and every decision `eval token` prints, including OAuth errors', async () => {
    const validateRequest = validator('token-request.schema.json');
    const validateDecision = validator('token-decision.schema.json');
    const client = { clientId: 'portal-app', type: 'public', authMethod: 'none' };
    const requests = [
      {
        grantType: 'authorization_code',
        client,
        user: { type: 'patient' },
        launch: 'standalone',
        requestedScope: 'launch/patient openid fhirUser patient/Observation.cruds offline_access',
        availableContext: { patient: '123' },
        binding: { dpopJkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' },
      },
      { grantType: 'authorization_code', client, user: { type: 'patient' }, launch: 'standalone', requestedScope: 'system/*.cruds' },
      {
        grantType: 'refresh_token',
        client,
        user: { type: 'patient' },
        requestedScope: null,
        originalScope: 'launch/patient patient/Observation.rs offline_access',
      },
      {
        grantType: 'client_credentials',
        client: { clientId: 'bulk', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' },
        requestedScope: 'system/*.rs',
      },
    ];
    for (const request of requests) expect(validateRequest(request), JSON.stringify(validateRequest.errors)).toBe(true);
    const input = requests.map((request) => JSON.stringify(request)).join('\n');
    const run = await cli(['eval', 'token', '--policy', 'policies/patient-portal/portal.smartpolicy', '--input', 'in.jsonl'], {
      'in.jsonl': input,
    });
    const decisions = jsonLinesOf(run.stdout);
    expect(decisions).toHaveLength(requests.length);
    expect(decisions.some((decision) => decision['oauthError'] !== undefined)).toBe(true);
    for (const decision of decisions) expect(validateDecision(decision), JSON.stringify(validateDecision.errors)).toBe(true);
  });
});

describe('check report and explain result JSON Schemas', () => {
  it('describe what `check --format json` prints for every example policy (the diagnostic corpus: check-corpus.test.ts)', async () => {
    const validate = validator('check-report.schema.json');
    const entries = [
      'policies/patient-portal/portal.smartpolicy',
      'policies/clinician-ehr/ehr.smartpolicy',
      'policies/patient-access-api/api.smartpolicy',
    ];
    for (const entry of entries) {
      const run = await cli(['check', entry, '--format', 'json']);
      const report = JSON.parse(run.stdout) as unknown;
      expect(validate(report), `${entry}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('describe what `explain --json` prints: with and without a policy, every audience, a fallback locale, unusable scopes', async () => {
    const validate = validator('explain-result.schema.json');
    const scopes = [
      'launch/patient',
      'openid',
      'fhirUser',
      'patient/Observation.rs?category=laboratory',
      'patient/Device.rs',
      'offline_access',
      'user/*.cruds',
      'bogus/scope',
    ];
    const runs = [
      ['explain', '--json', '--locale', 'en', ...scopes],
      ['explain', '--json', '--accept-language', 'xx-YY,es;q=0.5', ...scopes],
      ['explain', '--json', '--audience', 'caregiver', ...scopes],
      ['explain', '--json', '--audience', 'clinician', 'user/Observation.rs'],
      ['explain', '--json', '--policy', 'policies/patient-portal/portal.smartpolicy', '--locale', 'es', ...scopes],
      ['explain', '--json', '--policy', 'policies/clinician-ehr/ehr.smartpolicy', ...scopes],
    ];
    const seen = new Set<string>();
    for (const argv of runs) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(0);
      const result = JSON.parse(run.stdout) as Record<string, unknown>;
      for (const key of Object.keys(result)) seen.add(key);
      expect(validate(result), `${argv.join(' ')}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // The runs reach the optional members too, so the schema is tested on them.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['localeFallback', 'requestedLocale', 'scopes', 'summary']));
  });
});
