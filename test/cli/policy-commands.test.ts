import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, jsonLinesOf, spawnCli } from './cli-harness.js';
import { sarifSchemaErrors } from '../../engine/test/support/sarif-schema.js';

const PORTAL = 'policies/patient-portal/portal.smartpolicy';

/** Writes a policy set into a fresh temporary folder and returns the entry file's path. */
function policyFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'smart-policy-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, Object.keys(files)[0] ?? 'policy.smartpolicy');
}

const MINIMAL = `policy "Tiny" {
  fhir R4
  locales en
}

app clinicians {
  client confidential-asymmetric
  auth private_key_jwt
  user practitioner
  launch ehr
}

grant clinicians {
  allow user/Observation.rs, launch, openid, fhirUser
}
`;

describe('smart-policy check', () => {
  it('reports an example policy set clean and exits 0', async () => {
    const run = await cli(['check', PORTAL]);
    expect(run.code).toBe(0);
  });

  it('exits 3 on an error and names the file, line and column of the bad scope', async () => {
    const entry = policyFiles({ 'bad.smartpolicy': MINIMAL.replace('user/Observation.rs', 'user/Observation.sr') });
    const run = await cli(['check', entry, '--format', 'json']);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as unknown;
    const text = JSON.stringify(report);
    expect(text).toMatch(/"line":14/);
    expect(text).toMatch(/order/);
  });

  it('prints SARIF 2.1.0', async () => {
    const entry = policyFiles({ 'bad.smartpolicy': MINIMAL.replace('user/Observation.rs', 'user/Observation.sr') });
    const run = await cli(['check', entry, '--format', 'sarif']);
    const sarif = JSON.parse(run.stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
  });

  it('rejects an unknown output format', async () => {
    const run = await cli(['check', PORTAL, '--format', 'xml']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/--format/);
  });
});

describe('smart-policy compile', () => {
  it('prints a versioned, hashed bundle that loads again', async () => {
    const run = await cli(['compile', PORTAL]);
    expect(run.code).toBe(0);
    const bundle = JSON.parse(run.stdout) as { format: string; version: number; hash: string };
    expect(bundle.format).toBe('smart-policy-bundle');
    expect(bundle.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const dir = mkdtempSync(join(tmpdir(), 'smart-policy-bundle-'));
    const out = join(dir, 'bundle.json');
    expect((await cli(['compile', PORTAL, '--out', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(bundle);
    // A compiled bundle serves wherever a policy does.
    expect((await cli(['test', out])).code).toBe(0);
  });

  it('refuses a tampered bundle by its hash', async () => {
    const run = await cli(['compile', PORTAL]);
    const bundle = JSON.parse(run.stdout) as { policy: { name: string } };
    bundle.policy.name = 'tampered';
    const dir = mkdtempSync(join(tmpdir(), 'smart-policy-bundle-'));
    const path = join(dir, 'bundle.json');
    writeFileSync(path, JSON.stringify(bundle));
    const refused = await cli(['test', path]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/hash/);
  });

  it('refuses a policy that does not compile, exit 3', async () => {
    const entry = policyFiles({ 'p.smartpolicy': MINIMAL.replace('grant clinicians', 'grant nobody') });
    const run = await cli(['compile', entry]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/nobody/);
  });
});

describe('smart-policy test', () => {
  it('runs the policy tests of an example set and reports each case', async () => {
    const run = await cli(['test', PORTAL]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ /);
    expect(run.stdout).toMatch(/(\d+) of \1 policy tests passed/);
  });

  it('exits 2 when a policy test fails, with a diff', async () => {
    const entry = policyFiles({
      'p.smartpolicy': `${MINIMAL}
test "clinicians get everything" {
  token {
    app clinicians
    grant authorization_code
    launch ehr
    user practitioner
    scope "launch user/Observation.rs user/Condition.rs"
  }
  expect granted "launch user/Observation.rs user/Condition.rs"
}
`,
    });
    const run = await cli(['test', entry]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/✗ clinicians get everything/);
    expect(run.stdout).toMatch(/user\/Condition\.rs/);
  });
});

describe('smart-policy eval token', () => {
  const request = {
    grantType: 'authorization_code',
    client: { clientId: 'portal-app', type: 'public', authMethod: 'none' },
    user: { type: 'patient', id: 'u1' },
    launch: 'standalone',
    requestedScope: 'launch/patient openid fhirUser patient/Observation.cruds',
    availableContext: { patient: '123' },
  };

  it('decides one request from a file: granted scopes downscoped, with reasons', async () => {
    const run = await cli(['eval', 'token', '--policy', PORTAL, '--request', 'r.json'], { 'r.json': JSON.stringify(request) });
    expect(run.code).toBe(0);
    const [decision] = jsonLinesOf(run.stdout);
    expect(decision?.['decision']).toBe('allow');
    expect((decision?.['granted'] as { scope: string } | undefined)?.scope).toBe('launch/patient openid fhirUser patient/Observation.rs');
    expect(JSON.stringify(decision?.['narrowed'] ?? decision?.['dropped'])).toMatch(/Observation/);
  });

  it('decides a JSONL batch and reports a malformed line by number', () => {
    const input = [JSON.stringify(request), '{"grantType": 5}', JSON.stringify({ ...request, requestedScope: 'system/*.cruds' })].join(
      '\n',
    );
    const run = spawnCli(['eval', 'token', '--policy', PORTAL, '--input', '-'], input);
    expect(run.code).toBe(3);
    const lines = jsonLinesOf(run.stdout);
    expect(lines.map((line) => line['decision'])).toEqual(['allow', 'deny', 'deny']);
    expect(run.stderr).toMatch(/-:2/);
  });

  it('needs a policy', async () => {
    const run = await cli(['eval', 'token', '--request', 'r.json'], { 'r.json': '{}' });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/--policy/);
  });
});
