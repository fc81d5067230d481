/**
 * Messages say what and where, never the value: a secret placed anywhere in an input (JSON
 * text, request paths, query parameters, token request fields, option names, bundle and config
 * files, imports) never appears in stdout or stderr, whatever the error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../engine/src/access/index.js';
import { cli } from './cli-harness.js';

const secret = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/).map((s) => `sk${s}`);
const RUNS = { numRuns: 15 };

const leaks = (s: string, run: { stdout: string; stderr: string }): boolean => run.stdout.includes(s) || run.stderr.includes(s);

/** Ways to break JSON around a secret, each at a different place of the text. */
const brokenJson = (s: string): string[] => [
  `${s}`,
  `{"granted": "${s}`,
  `{"granted": ${s}}`,
  `{"a": "x" ${s}}`,
  `{"${s}": }`,
  `["${s}",]`,
  `{"a": "${s}\u0001"}`,
  `{"a": "\\q${s}"}`,
  `{"a": 1}${s}`,
];

describe('no input value in any message', () => {
  it('JSON syntax errors of request files, batch lines and bundles', async () => {
    await fc.assert(
      fc.asyncProperty(secret, async (s) => {
        for (const text of brokenJson(s)) {
          const files = { 'r.json': text, 'b.jsonl': `${text}\n`, 'bundle.json': text };
          for (const argv of [
            ['eval', 'access', '--request', 'r.json'],
            ['eval', 'access', '--input', 'b.jsonl'],
            ['eval', 'token', '--policy', 'policies/patient-portal/portal.smartpolicy', '--input', 'b.jsonl'],
            ['eval', 'token', '--policy', 'policies/patient-portal/portal.smartpolicy', '--request', 'r.json'],
            ['test', 'bundle.json'],
            ['eval', 'access', '--path', 'Observation', '--resource', 'r.json'],
          ]) {
            const run = await cli(argv, files);
            expect(run.code, argv.join(' ')).toBe(3);
            expect(leaks(s, run), `${argv.join(' ')} with ${JSON.stringify(text.replace(s, 'SECRET'))}`).toBe(false);
          }
        }
      }),
      { numRuns: 5 },
    );
  });

  it('request paths and query strings that are malformed (percent-encoding, types, ids)', async () => {
    await fc.assert(
      fc.asyncProperty(secret, async (s) => {
        const requests = [
          { path: 'Observation', query: `access_token=${s}%ZZ` },
          { path: 'Observation', query: `${s}%ZZ=1` },
          { path: `Observation/${s}%ZZ` },
          { path: `${s}/123` },
          { path: `Observation/${s}$$!` },
          { path: `Patient/1/${s}` },
          { path: `Observation/1/_history/${s}!!` },
          { path: `${s}%2F..` },
        ];
        for (const request of requests) {
          const input = { granted: ['user/*.cruds'], context: {}, request: { method: 'GET', ...request } };
          const lib = JSON.stringify(authorize(input as Parameters<typeof authorize>[0]));
          expect(lib.includes(s), JSON.stringify(request).replace(s, 'SECRET')).toBe(false);
          const run = await cli(['eval', 'access', '--input', 'r.jsonl'], { 'r.jsonl': `${JSON.stringify(input)}\n` });
          expect(leaks(s, run), JSON.stringify(request).replace(s, 'SECRET')).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('a 1 MB path is not echoed', () => {
    const path = `Observation/${'a'.repeat(1_000_000)}!`;
    const result = JSON.stringify(authorize({ granted: ['user/*.rs'], context: {}, request: { method: 'GET', path } }));
    expect(result.length).toBeLessThan(5000);
  });

  it('token request fields of the wrong shape', async () => {
    await fc.assert(
      fc.asyncProperty(secret, async (s) => {
        const good = {
          grantType: 'authorization_code',
          client: { clientId: 'c', type: 'public', authMethod: 'none' },
          user: { type: 'patient' },
          requestedScope: 'launch/patient',
        };
        const bad = [
          { ...good, grantType: s },
          { ...good, client: { ...good.client, type: s } },
          { ...good, user: { type: s } },
          { ...good, launch: s },
          { ...good, client: { ...good.client, registration: s } },
          { ...good, availableContext: s },
          { ...good, binding: s },
        ];
        const run = await cli(['eval', 'token', '--policy', 'policies/patient-portal/portal.smartpolicy', '--input', 'b.jsonl'], {
          'b.jsonl': bad.map((b) => JSON.stringify(b)).join('\n'),
        });
        expect(leaks(s, run)).toBe(false);
      }),
      RUNS,
    );
  });

  it('command-line option names and values that are refused', async () => {
    await fc.assert(
      fc.asyncProperty(secret, async (s) => {
        for (const argv of [
          ['eval', 'access', '--path', 'Observation', '--option', `${s}=refuse`],
          ['eval', 'access', '--path', 'Observation', '--option', s],
          ['eval', 'access', `--${s}`],
          ['eval', 'access', `--${s}=1`],
          ['check', 'policies/patient-portal/portal.smartpolicy', '--format', s],
          ['explain', 'patient/Observation.rs', '--audience', s],
          ['eval', s],
          [s],
          // (`scope` is left out: analysing the scopes it is given, and showing them, is its job.)
        ]) {
          const run = await cli(argv);
          expect(run.code, argv.join(' ').replace(s, 'SECRET')).toBe(3);
          expect(leaks(s, run), argv.join(' ').replace(s, 'SECRET')).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('config files, non-policy files passed as policies, and key files', async () => {
    await fc.assert(
      fc.asyncProperty(secret, async (s) => {
        const dir = mkdtempSync(join(tmpdir(), 'smart-policy-noecho-'));
        writeFileSync(join(dir, 'p.smartpolicy'), 'policy "x" {\n  fhir R4\n  locales en\n}\n');
        writeFileSync(join(dir, 'smart-policy.json'), `{"rules": {"a": ${s}}}`);
        writeFileSync(join(dir, '.env'), `TOKEN=${s}\n`);
        writeFileSync(join(dir, 'key.pem'), `-----BEGIN PUBLIC KEY-----\n${s}\n-----END PUBLIC KEY-----\n`);
        writeFileSync(join(dir, 'i.smartpolicy'), `import "/etc/passwd"\nimport ".env"\npolicy "x" {\n  fhir R4\n  locales en\n}\n`);
        for (const argv of [
          ['check', join(dir, 'p.smartpolicy')],
          ['check', join(dir, '.env')],
          ['check', join(dir, 'i.smartpolicy'), '--config', join(dir, 'smart-policy.json')],
          ['compile', join(dir, '.env')],
          ['test', 'policies/patient-portal/portal.smartpolicy', '--verify-key', join(dir, 'key.pem')],
          ['compile', join(dir, 'p.smartpolicy'), '--sign', join(dir, '.env')],
        ]) {
          const run = await cli(argv);
          expect(run.code, argv.join(' ')).toBe(3);
          expect(leaks(s, run), argv.join(' ')).toBe(false);
        }
      }),
      { numRuns: 5 },
    );
  });
});
