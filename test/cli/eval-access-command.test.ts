import { describe, expect, it } from 'vitest';
import { cli, jsonLinesOf, spawnCli } from './cli-harness.js';

const observation = (patient: string) =>
  JSON.stringify({
    resourceType: 'Observation',
    id: 'o1',
    status: 'final',
    code: { text: 'test' },
    subject: { reference: `Patient/${patient}` },
  });

describe('smart-policy eval access (single request)', () => {
  it('allows from flags and exits 0, carrying the allowing scope among the reasons', async () => {
    const run = await cli([
      'eval',
      'access',
      '--scope',
      'user/Observation.rs',
      '--method',
      'GET',
      '--path',
      'Observation',
      '--query',
      'code=http://loinc.org|718-7',
    ]);
    expect(run.code).toBe(0);
    const [result] = jsonLinesOf(run.stdout);
    expect(result).toMatchObject({ decision: 'allow', interaction: 'search-type' });
    expect(JSON.stringify(result?.['reasons'])).toContain('user/Observation.rs');
  });

  it('denies and exits 2, naming the missing scope', async () => {
    const run = await cli(
      [
        'eval',
        'access',
        '--scope',
        'patient/Observation.rs',
        '--patient',
        '123',
        '--method',
        'DELETE',
        '--path',
        'Observation/o1',
        '--resource',
        'o1.json',
      ],
      { 'o1.json': observation('123') },
    );
    expect(run.code).toBe(2);
    const [result] = jsonLinesOf(run.stdout);
    expect(result?.['decision']).toBe('deny');
    expect(JSON.stringify(result?.['reasons'])).toMatch(/patient\/Observation\.d|\.d\b/);
  });

  it('keeps a patient-level scope to the patient in context', async () => {
    const files = { 'mine.json': observation('123'), 'theirs.json': observation('456') };
    const base = ['eval', 'access', '--scope', 'patient/Observation.rs', '--patient', '123', '--path', 'Observation/o1'];
    expect((await cli([...base, '--resource', 'mine.json'], files)).code).toBe(0);
    expect((await cli([...base, '--resource', 'theirs.json'], files)).code).toBe(2);
  });

  it('reads a request file in the access shape', async () => {
    const request = JSON.stringify({
      granted: 'system/*.rs',
      context: {},
      request: { method: 'GET', path: 'Patient', query: 'birthdate=ge1990-01-01' },
    });
    const run = await cli(['eval', 'access', '--request', 'r.json'], { 'r.json': request });
    expect(run.code).toBe(0);
  });

  it('rejects a malformed request file with its JSON path and exit 3', async () => {
    const run = await cli(['eval', 'access', '--request', 'r.json'], {
      'r.json': JSON.stringify({ granted: [1], request: { path: 'Observation' } }),
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('$.granted[0]');
    expect(run.stderr).toContain('$.request.method');
  });

  it('says which file is missing', async () => {
    const run = await cli(['eval', 'access', '--request', 'no-such-file.json']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/no-such-file\.json/);
  });

  it('applies --option to the decision', async () => {
    const query = 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
    const base = ['eval', 'access', '--scope', query, '--patient', '123', '--path', 'Observation', '--query', 'patient=123'];
    const narrowed = await cli(base);
    expect(narrowed.code).toBe(0);
    expect(jsonLinesOf(narrowed.stdout)[0]?.['narrowing']).not.toBeNull();
    const refused = await cli([...base, '--option', 'queryRestrictedSearch=refuse']);
    expect(refused.code).toBe(2);
  });
});

describe('smart-policy eval access --input (batch)', () => {
  it('decides every line of the embedded examples, one JSON result a line, exit 0', () => {
    const run = spawnCli(['eval', 'access', '--input', 'engine/examples/access-requests.jsonl']);
    expect(run.code).toBe(0);
    const results = jsonLinesOf(run.stdout);
    expect(results).toHaveLength(12);
    expect(results.map((result) => result['decision'])).toEqual([
      'allow', // own Patient record
      'deny', // another patient
      'allow', // lab result under the lab-only scope
      'deny', // vital signs are outside the lab-only scope
      'allow', // search narrowed to lab results
      'allow', // condition search narrowed to the patient
      'deny', // no delete
      'allow', // v1 user/Encounter.read covers search
      'deny', // no update letter
      'allow', // system search
      'deny', // transaction with a read that cdu does not cover
      'deny', // patient scope without a patient in context
    ]);
    for (const result of results) expect(Array.isArray(result['reasons'])).toBe(true);
  });

  it('decides a malformed line deny, names it on stderr, and exits 3 after deciding the rest', async () => {
    const input = [
      JSON.stringify({ granted: ['user/Observation.rs'], request: { method: 'GET', path: 'Observation' } }),
      '{not json',
      JSON.stringify({ granted: ['user/Observation.rs'], request: { method: 7, path: 'Observation' } }),
    ].join('\n');
    const run = await cli(['eval', 'access', '--input', 'batch.jsonl'], { 'batch.jsonl': input });
    expect(run.code).toBe(3);
    const results = jsonLinesOf(run.stdout);
    expect(results.map((result) => result['decision'])).toEqual(['allow', 'deny', 'deny']);
    expect(run.stderr).toContain('batch.jsonl:2');
    expect(run.stderr).toContain('batch.jsonl:3: $.request.method');
  });
});
