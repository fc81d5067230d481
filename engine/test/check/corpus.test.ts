/**
 * The shared diagnostic corpus (`test/corpus/diagnostics/*.yaml`) through the parser and the
 * checker: for each case, the diagnostics of the codes it expects must be exactly those (code,
 * line, column), no code listed under `absent` may appear, and no error may appear that the
 * case does not expect (so a case cannot pass while its policy is broken in some other way).
 */
import { describe, expect, it } from 'vitest';
import { loadDiagnosticCorpus } from '../../../test/corpus/load-corpus.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { checkPolicy } from '../../src/check/check-policy.js';
import type { RuleLevel } from '../../src/check/rule-types.js';

const cases = loadDiagnosticCorpus();

describe('diagnostic corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  for (const c of cases) {
    it(c.id, () => {
      const parsed = parsePolicy(c.input, 'case.smartpolicy');
      const result = checkPolicy({
        ast: parsed.ast,
        parseDiagnostics: parsed.diagnostics,
        config: { rules: c.config as Record<string, RuleLevel> },
      });
      const expectedCodes = new Set(c.expect.map((e) => e.code));
      const key = (d: { code: string; line: number; column: number }) => `${d.code}@${d.line}:${d.column}`;
      const actual = result.diagnostics
        .filter((d) => expectedCodes.has(d.code) || d.severity === 'error' || c.absent.includes(d.code))
        .map((d) => ({ code: d.code, line: d.range.start.line, column: d.range.start.column, message: d.message }));
      const context = JSON.stringify(actual, null, 1);
      expect(actual.map(key).sort(), context).toEqual(c.expect.map(key).sort());
    });
  }
});
