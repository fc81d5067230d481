/**
 * The shared diagnostic corpus (`test/corpus/diagnostics/*.yaml`) through the CLI: each case is
 * written to disk (with its rule levels in `smart-policy.json`), checked with
 * `smart-policy check --format json`, and compared by the same rule the checker tests use. The
 * exit code must follow the severities: 3 with an error, otherwise 0.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusMismatch, loadDiagnosticCorpus } from '../corpus/load-corpus.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { cli, REPO_ROOT } from './cli-harness.js';

interface JsonDiagnostic {
  readonly code: string;
  readonly severity: string;
  readonly range: { readonly start: { readonly line: number; readonly column: number } };
}

const cases = loadDiagnosticCorpus();
// Every report must match the published contract, engine/schemas/check-report.schema.json.
const validateReport = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schemas/check-report.schema.json'), 'utf8')) as object,
);
const root = mkdtempSync(join(tmpdir(), 'smart-policy-corpus-'));

describe('smart-policy check over the shared diagnostic corpus', () => {
  it('has cases to run', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  cases.forEach((testCase, index) => {
    it(testCase.id, async () => {
      const dir = join(root, String(index));
      mkdirSync(dir);
      const entry = join(dir, 'policy.smartpolicy');
      writeFileSync(entry, testCase.input);
      if (Object.keys(testCase.config).length > 0)
        writeFileSync(join(dir, 'smart-policy.json'), JSON.stringify({ rules: testCase.config }));
      const run = await cli(['check', entry, '--format', 'json']);
      const report = JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[]; counts: { error: number } };
      expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
      const reported = report.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        line: d.range.start.line,
        column: d.range.start.column,
      }));
      expect(corpusMismatch(testCase, reported), JSON.stringify(reported)).toEqual([]);
      expect(run.code).toBe(report.counts.error > 0 ? 3 : 0);
    });
  });
});
