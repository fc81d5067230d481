import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/language/diagnostic.js';
import { formatHuman } from '../../src/check/format/human.js';
import { formatJson, toJsonReport } from '../../src/check/format/json.js';
import { toSarif } from '../../src/check/format/sarif.js';
import { defaultRegistry } from '../../src/check/rule-registry.js';

const at = (line: number, column: number) => ({
  start: { line, column, offset: 0 },
  end: { line, column: column + 3, offset: 3 },
});
const diagnostics: Diagnostic[] = [
  { code: 'security.wildcard-patient-facing', severity: 'warning', message: 'wild', range: at(5, 9), uri: 'b.smartpolicy' },
  {
    code: 'semantic.invalid-scope',
    severity: 'error',
    message: 'bad',
    range: at(2, 3),
    uri: 'a.smartpolicy',
    data: { replacement: 'patient/Observation.rs' },
  },
  { code: 'style.prefer-v2-scope', severity: 'hint', message: 'v1', range: at(1, 1), uri: 'a.smartpolicy' },
];

describe('human format', () => {
  it('prints file:line:col severity code message, grouped by file, with a summary', () => {
    expect(formatHuman(diagnostics)).toBe(
      [
        'a.smartpolicy:1:1 hint style.prefer-v2-scope v1',
        'a.smartpolicy:2:3 error semantic.invalid-scope bad',
        '',
        'b.smartpolicy:5:9 warning security.wildcard-patient-facing wild',
        '',
        '1 error, 1 warning, 1 hint.',
        '',
      ].join('\n'),
    );
    expect(formatHuman([])).toBe('No problems found.\n');
  });
});

describe('JSON format', () => {
  it('keeps the diagnostics as the library returns them, sorted, with counts', () => {
    const report = toJsonReport(diagnostics);
    expect(report.counts).toEqual({ error: 1, warning: 1, info: 0, hint: 1 });
    expect(report.diagnostics[1]?.data).toEqual({ replacement: 'patient/Observation.rs' });
    expect(JSON.parse(formatJson(diagnostics))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('SARIF 2.1.0', () => {
  const log = toSarif(diagnostics, { registry: defaultRegistry, config: { rules: { 'style.prefer-v2-scope': 'off' } } });
  const run = log.runs[0]!;

  it('has the 2.1.0 envelope and every registered rule with help from its README', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(defaultRegistry.all().map((r) => r.code));
    const rule = run.tool.driver.rules.find((r) => r.id === 'security.wildcard-patient-facing')!;
    expect(rule.help.text).toBe(defaultRegistry.get('security.wildcard-patient-facing')!.summary);
    expect(rule.properties.category).toBe('security');
    expect(run.tool.driver.rules.find((r) => r.id === 'style.prefer-v2-scope')!.defaultConfiguration).toEqual({
      level: 'none',
      enabled: false,
    });
  });

  it('maps results to rules, levels and regions', () => {
    const result = run.results.find((r) => r.ruleId === 'semantic.invalid-scope')!;
    expect(run.tool.driver.rules[result.ruleIndex!]!.id).toBe('semantic.invalid-scope');
    expect(result.level).toBe('error');
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'a.smartpolicy', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 6 },
    });
    expect(result.properties?.data).toEqual({ replacement: 'patient/Observation.rs' });
    expect(run.results.find((r) => r.ruleId === 'style.prefer-v2-scope')!.level).toBe('note');
  });

  it('writes absolute paths as file URLs', () => {
    const abs = toSarif([{ ...diagnostics[0]!, uri: '/tmp/x y.smartpolicy' }], { registry: defaultRegistry });
    expect(abs.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('file:///tmp/x%20y.smartpolicy');
  });
});
