/**
 * The checker never throws and never has a rule fail, on any text (random, mutated, truncated at
 * every position) and on any AST, however partial: fields removed, nulled or of the wrong type.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePolicy } from '../../src/language/parse-policy.js';
import type { PolicyFile } from '../../src/language/ast.js';
import { checkPolicy } from '../../src/check/check-policy.js';
import { loadDiagnosticCorpus } from '../../../test/corpus/load-corpus.js';
import { prefixCuts } from '../support/prefix-cuts.js';

const corpus = loadDiagnosticCorpus().map((c) => c.input);
const RICH = corpus.reduce((a, b) => (b.length > a.length ? b : a), '');
const ALL = corpus.join('\n');

function checkText(text: string): void {
  const parsed = parsePolicy(text, 'x.smartpolicy');
  const result = checkPolicy({ ast: parsed.ast, parseDiagnostics: parsed.diagnostics });
  const failed = result.diagnostics.filter((d) => d.code === 'semantic.rule-failed');
  expect(failed, failed.map((d) => d.message).join('\n')).toEqual([]);
}

// Replaces, removes or retypes random fields of a deep copy of an AST.
function mangle(value: unknown, rng: () => number): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => mangle(v, rng));
    return rng() < 0.05 ? null : rng() < 0.05 ? items.slice(0, Math.floor(items.length / 2)) : items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = rng();
      if (r < 0.06) continue; // missing
      if (r < 0.09) out[k] = null;
      else if (r < 0.11) out[k] = 42;
      else if (r < 0.13) out[k] = 'x';
      else if (r < 0.14) out[k] = {};
      else out[k] = mangle(v, rng);
    }
    return out;
  }
  return value;
}

describe('checker robustness', () => {
  // Budgets are counted in checks, not seconds: each test does a fixed amount of work that takes
  // a few seconds on an idle machine, with a timeout ten times that for a loaded 2-core one.
  it('never fails on a prefix of a rich policy cut at any line end or token boundary', { timeout: 120_000 }, () => {
    // The richest corpus case is a full phrasebook of about 7,000 characters.
    const { cuts, phase, candidates } = prefixCuts(RICH, 700);
    expect(cuts.length).toBeLessThanOrEqual(700);
    expect(candidates).toBeGreaterThan(2000);
    for (const i of cuts) expect(() => checkText(RICH.slice(0, i)), `cut at ${i} (phase ${phase})`).not.toThrow();
  });

  it('never fails on random mutations of corpus policies', { timeout: 120_000 }, () => {
    // One corpus case at a time (a check of the whole corpus costs 50 times one case), and a few
    // mutations of the whole corpus for interactions between blocks of different cases.
    const mutate = (text: string, at: number, cut: number, insert: string) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(Math.min(text.length, i + cut));
    };
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 8 }), (c, at, cut, insert) => {
        checkText(mutate(corpus[c] ?? '', at, cut, insert));
      }),
      { numRuns: 400, seed: 20261123 },
    );
    fc.assert(
      fc.property(fc.nat({ max: ALL.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 8 }), (at, cut, insert) => {
        checkText(mutate(ALL, at, cut, insert));
      }),
      { numRuns: 8, seed: 20261123 },
    );
  });

  it('never fails on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => checkText(text)),
      { numRuns: 200, seed: 20261123 },
    );
  });

  it('never fails on ASTs with fields missing, null or of the wrong type', () => {
    const asts = corpus.map((text) => parsePolicy(text).ast);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: asts.length - 1 }), fc.integer(), (i, seed) => {
        let s = seed >>> 0 || 1;
        const rng = (): number => {
          s ^= s << 13;
          s ^= s >>> 17;
          s ^= s << 5;
          return (s >>> 0) / 0x100000000;
        };
        const ast = mangle(asts[i], rng) as PolicyFile;
        const result = checkPolicy({ ast });
        expect(result.diagnostics.filter((d) => d.code === 'semantic.rule-failed').map((d) => d.message)).toEqual([]);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it('accepts nonsense input objects', () => {
    expect(() => checkPolicy({ ast: null as unknown as PolicyFile })).not.toThrow();
    expect(() => checkPolicy({ files: [undefined, 3, 'x'] as unknown as PolicyFile[] })).not.toThrow();
    expect(() => checkPolicy({ ast: { kind: 'file' } as unknown as PolicyFile, parseDiagnostics: undefined } as never)).not.toThrow();
    expect(checkPolicy({ parseDiagnostics: [null, { code: 'x' }, { code: 1 }] as never }).diagnostics).toEqual([]);
    expect(() => checkPolicy({ set: { files: [null], diagnostics: null } as never })).not.toThrow();
  });
});
