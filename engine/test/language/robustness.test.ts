/**
 * The parser never throws or hangs, on any text: random strings, token soup, mutated and
 * truncated policy files; and its time grows linearly with the input.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/language/diagnostic.js';
import { formatPolicy } from '../../src/language/format-policy.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { policyParser } from '../../src/language/parser.js';
import { fixture, policyFiles, REPO_ROOT } from './helpers.js';
import { arbitraryPolicy } from './policy-arbitrary.js';
import { prefixCuts } from '../support/prefix-cuts.js';

/** Parses, asserting the result is well formed. */
function parseChecked(text: string): ReturnType<typeof parsePolicy> {
  const r = parsePolicy(text);
  expect(r.ast.kind).toBe('file');
  expect(r.diagnostics.filter((d) => d.code === 'syntax.internal')).toEqual([]);
  for (const d of r.diagnostics) checkRange(d, text);
  return r;
}

function checkRange(d: Diagnostic, text: string): void {
  const { start, end } = d.range;
  if (!(start.offset <= end.offset && start.offset >= 0 && end.offset <= text.length && start.line >= 1 && start.column >= 1)) {
    throw new Error(`bad range for ${d.code}: ${JSON.stringify(d.range)} in a text of ${text.length}`);
  }
}

const VOCABULARY = [
  'policy',
  'app',
  'grant',
  'context',
  'refresh',
  'registration',
  'explain',
  'test',
  'import',
  'allow',
  'deny',
  'when',
  'because',
  'and',
  'or',
  'not',
  'is',
  'bound',
  'by',
  'requires',
  'fhirContext',
  'role',
  'token',
  'carries',
  'introspection',
  'echoes',
  'offline_access',
  'allowed',
  'denied',
  'lifetime',
  'rotate',
  'on',
  'every',
  'use',
  'reuse',
  'revoke',
  'bind',
  'required',
  'remind',
  'at',
  'most',
  'per',
  'initial_token',
  'single',
  'where',
  'short',
  'long',
  'with',
  'rows',
  'scope',
  'access',
  'request',
  'resource',
  'file',
  'expect',
  'granted',
  'dropped',
  'decision',
  'error',
  'reason',
  'patient/*.rs',
  'launch/patient',
  '"str"',
  '"bad \\q"',
  '"open',
  '90d',
  '12',
  '-1.5e3',
  '$v',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  ':',
  '=',
  '|',
  '*',
  '#c\n',
  '\n',
  ' ',
  '\t',
  '@',
  '\\',
  '😀',
  'true',
  'null',
];

const tokenSoup = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 200 }).map((t) => t.join(' '));

const samples = [
  fixture('complete.smartpolicy'),
  fixture('comments.smartpolicy'),
  ...policyFiles(`${REPO_ROOT}policies`).map((p) => readFileSync(p, 'utf8')),
];

/** A mutation of a sample file: deletions, insertions, duplications, truncation. */
const mutated = fc
  .tuple(
    fc.constantFrom(...samples),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(40),
        fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 8 }), fc.constant('')),
        fc.constantFrom('delete', 'insert', 'replace', 'duplicate'),
      ),
      { maxLength: 8 },
    ),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([text, edits, cut]) => {
    let t = text;
    for (const [pos, len, insert, kind] of edits) {
      const p = t.length === 0 ? 0 : pos % t.length;
      if (kind === 'delete') t = t.slice(0, p) + t.slice(p + len);
      else if (kind === 'insert') t = t.slice(0, p) + insert + t.slice(p);
      else if (kind === 'replace') t = t.slice(0, p) + insert + t.slice(p + len);
      else t = t.slice(0, p) + t.slice(p, p + len * 5) + t.slice(p);
    }
    return cut === undefined || t.length === 0 ? t : t.slice(0, cut % t.length);
  });

describe('never throws', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => void parseChecked(s)),
      { numRuns: 500 },
    );
  });

  it('on token soup', () => {
    fc.assert(
      fc.property(tokenSoup, (s) => void parseChecked(s)),
      { numRuns: 500 },
    );
  });

  it('on mutated policy files, and the formatter neither', () => {
    fc.assert(
      fc.property(mutated, (s) => {
        parseChecked(s);
        const f = formatPolicy(s);
        expect(f.diagnostics.filter((d) => d.code === 'fmt.ast-changed')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on generated policies truncated anywhere', () => {
    fc.assert(
      fc.property(arbitraryPolicy(), fc.nat(), (s, cut) => void parseChecked(s.slice(0, s.length === 0 ? 0 : cut % s.length))),
      { numRuns: 300 },
    );
  });

  // Budgets are counted in parses, not seconds: a few seconds of work on an idle machine, with a
  // timeout ten times that for a loaded 2-core one.
  it('on the complete fixture cut at any line end or token boundary', () => {
    const text = fixture('complete.smartpolicy');
    const { cuts, phase } = prefixCuts(text, 1200);
    expect(cuts.length).toBeLessThanOrEqual(1200);
    for (const i of cuts) {
      const r = parseChecked(text.slice(0, i));
      if (i === text.length) expect(r.diagnostics, `phase ${phase}`).toEqual([]);
    }
  }, 60_000);

  it('on every example policy cut at any line end or token boundary', () => {
    for (const text of samples.slice(2)) {
      const { cuts, phase } = prefixCuts(text, 250);
      expect(cuts.length).toBeLessThanOrEqual(250);
      for (const i of cuts) expect(() => parseChecked(text.slice(0, i)), `cut at ${i} (phase ${phase})`).not.toThrow();
    }
  }, 60_000);
});

describe('linear time', () => {
  // Wall-clock growth is printed by `npm run bench` (policy.bench.mjs); tests count work instead.
  const complete = fixture('complete.smartpolicy');
  const families: Record<string, (n: number) => string> = {
    'valid policies': (n) => complete.repeat(n),
    'garbage lines': (n) => 'grant a {\n'.concat('  @@ alow x y z ( ] "open\n'.repeat(40 * n), '}\n'),
    'unclosed blocks': (n) => 'grant a {\n  allow x\n'.repeat(60 * n),
    'stray braces': (n) => '}\n{\n'.repeat(100 * n),
    'long condition': (n) => `grant a { allow x when ${Array.from({ length: 200 * n }, () => 'user is patient').join(' and ')} }`,
    'long lists': (n) => `app a { client ${Array.from({ length: 400 * n }, () => 'public').join(', ')} }`,
    'one long garbage line': (n) => `grant a { ${'x '.repeat(1000 * n)}}`,
    'many comments': (n) => '# smart-policy-ignore a.b, c.d reason\n'.repeat(200 * n),
    'token soup': (n) => fc.sample(tokenSoup, { seed: 42, numRuns: 20 * n }).join('\n'),
  };

  /** Lookahead calls the parser makes: a deterministic measure of its work, free of timer noise. */
  function work(text: string): number {
    const parser = policyParser as unknown as { LA: (k: number) => unknown };
    const original = parser.LA;
    let calls = 0;
    parser.LA = function (this: unknown, k: number) {
      calls++;
      return original.call(this, k);
    };
    try {
      parsePolicy(text);
    } finally {
      parser.LA = original;
    }
    return calls;
  }

  for (const [name, make] of Object.entries(families)) {
    it(`${name}: 10× the input costs the parser 10× the lookahead work`, () => {
      const small = work(make(4));
      const large = work(make(40));
      if (small < 10) {
        expect(large).toBeLessThan(10); // comments only: constant work for the parser
        return;
      }
      const ratio = large / small;
      // A lower bound too: work that does not grow means input was skipped.
      expect(ratio, `work ratio ${ratio.toFixed(2)}`).toBeGreaterThan(5);
      expect(ratio, `work ratio ${ratio.toFixed(2)}`).toBeLessThan(12);
    });
  }
});
