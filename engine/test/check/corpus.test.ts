/**
 * The shared diagnostic corpus (`test/corpus/diagnostics/*.yaml`) through the parser and the
 * checker, compared with `corpusMismatch` (the rule the CLI and language-server tests use too).
 */
import { describe, expect, it } from 'vitest';
import { corpusMismatch, loadDiagnosticCorpus } from '../../../test/corpus/load-corpus.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { checkPolicy } from '../../src/check/check-policy.js';
import type { RuleLevel } from '../../src/model/rule-types.js';
import { defaultRegistry } from '../../src/check/rule-registry.js';

const cases = loadDiagnosticCorpus();

describe('diagnostic corpus', () => {
  it('has cases, and a positive and a negative case for every rule with a check', () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const rule of defaultRegistry.all().filter((r) => r.check)) {
      expect(
        cases.some((c) => c.expect.some((e) => e.code === rule.code)),
        `positive case for ${rule.code}`,
      ).toBe(true);
      expect(
        cases.some((c) => c.absent.includes(rule.code)),
        `negative case for ${rule.code}`,
      ).toBe(true);
    }
  });

  it('only names registered codes', () => {
    for (const c of cases) {
      for (const code of [...c.expect.map((e) => e.code), ...c.absent, ...Object.keys(c.config)])
        expect(defaultRegistry.has(code), `${c.id}: ${code}`).toBe(true);
    }
  });

  for (const c of cases) {
    it(c.id, () => {
      const parsed = parsePolicy(c.input, 'case.smartpolicy');
      const result = checkPolicy({
        ast: parsed.ast,
        parseDiagnostics: parsed.diagnostics,
        config: { rules: c.config as Record<string, RuleLevel> },
      });
      const reported = result.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        line: d.range.start.line,
        column: d.range.start.column,
      }));
      const details = result.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column} ${d.message}`).join('\n');
      expect(corpusMismatch(c, reported), details).toEqual([]);
    });
  }
});
