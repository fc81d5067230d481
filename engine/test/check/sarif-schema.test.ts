/**
 * The SARIF output is valid SARIF 2.1.0: every log the checker can write validates against the
 * official OASIS schema (shipped in the `@microsoft/jest-sarif` dev dependency, JSON Schema
 * draft-04), for the whole diagnostic corpus and for generated diagnostics with any message,
 * range, location and data. The CLI's printed SARIF is validated in test/cli/policy-commands.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDiagnosticCorpus } from '../../../test/corpus/load-corpus.js';
import { checkPolicy } from '../../src/check/check-policy.js';
import { toSarif } from '../../src/check/format/sarif.js';
import { defaultRegistry } from '../../src/check/rule-registry.js';
import type { RuleLevel } from '../../src/model/rule-types.js';
import type { Diagnostic } from '../../src/language/diagnostic.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { SARIF_SCHEMA, sarifSchemaErrors as schemaErrors } from '../support/sarif-schema.js';

describe('SARIF 2.1.0 schema', () => {
  it('is the official schema, and rejects logs that break it', () => {
    expect(SARIF_SCHEMA['title']).toMatch(/SARIF\) Version 2\.1\.0/);
    const valid = toSarif([], { registry: defaultRegistry });
    expect(schemaErrors(valid)).toEqual([]);
    expect(schemaErrors({ ...valid, version: '2.0.0' })).not.toEqual([]);
    const run = valid.runs[0]!;
    expect(schemaErrors({ ...valid, runs: [{ ...run, results: [{ ruleId: 'x' }] }] })).not.toEqual([]);
    expect(schemaErrors({ ...valid, runs: [{ ...run, columnKind: 'bytes' }] })).not.toEqual([]);
  });

  it('validates the log of every case of the diagnostic corpus (every rule, every data shape)', () => {
    const cases = loadDiagnosticCorpus();
    const seen = new Set<string>();
    for (const c of cases) {
      const parsed = parsePolicy(c.input, 'case.smartpolicy');
      const config = { rules: c.config as Record<string, RuleLevel> };
      const result = checkPolicy({ ast: parsed.ast, parseDiagnostics: parsed.diagnostics, config });
      for (const d of result.diagnostics) seen.add(d.code);
      expect(schemaErrors(toSarif(result.diagnostics, { registry: defaultRegistry, config })), c.id).toEqual([]);
    }
    // The corpus exercised many codes, so the check above says something about each of them.
    expect(seen.size).toBeGreaterThan(40);
  });

  it('validates logs of generated diagnostics: any text, range, location and data', () => {
    const codes = defaultRegistry.all().map((r) => r.code);
    const position = fc.record({
      line: fc.integer({ min: -2, max: 10_000 }),
      column: fc.integer({ min: -2, max: 10_000 }),
      offset: fc.nat(100_000),
    });
    const uri = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(
        'policy.smartpolicy',
        'sub dir/ä.smartpolicy',
        'a\\b\\c.smartpolicy',
        '/abs/path/p.smartpolicy',
        'file:///x/y.smartpolicy',
        'untitled:Untitled-1',
        'C:\\policies\\p.smartpolicy',
      ),
      fc.string({ maxLength: 20 }),
    );
    const diagnostic: fc.Arbitrary<Diagnostic> = fc
      .record({
        code: fc.oneof(fc.constantFrom(...codes), fc.string({ maxLength: 12 })),
        severity: fc.constantFrom('error', 'warning', 'info', 'hint'),
        message: fc.string({ maxLength: 40 }),
        range: fc.record({ start: position, end: position }),
        uri,
        data: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { nil: undefined }),
      })
      .map(({ uri: u, data, ...rest }) => ({ ...rest, ...(u === undefined ? {} : { uri: u }), ...(data === undefined ? {} : { data }) }));
    const levels = fc.dictionary(fc.constantFrom(...codes), fc.constantFrom<RuleLevel>('off', 'hint', 'info', 'warning', 'error'), {
      maxKeys: 3,
    });
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 6 }), levels, (diagnostics, rules) => {
        expect(schemaErrors(toSarif(diagnostics, { registry: defaultRegistry, config: { rules } }))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
