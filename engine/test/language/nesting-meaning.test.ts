/**
 * Nesting limits never change what a condition means: too many `not`s (or brackets) are a
 * syntax error, never silently dropped, and the formatter either refuses or keeps the meaning.
 * The meaning oracle is independent of the parser: generated conditions carry their own truth
 * table, which is compared with the compiled condition over every combination of facts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/compile-policy-set.js';
import { compileCondition as toBundleCondition } from '../../src/compile/compile-condition.js';
import { compileCondition as toPredicate } from '../../src/evaluate/compile-condition.js';
import type { RequestFacts } from '../../src/evaluate/compile-condition.js';
import type * as A from '../../src/language/ast.js';
import { formatPolicy } from '../../src/language/format-policy.js';
import { firstTokenDifference, meaningTokens } from '../../src/language/meaning-tokens.js';
import { MAX_NESTING, parsePolicy } from '../../src/language/parse-policy.js';
import { arbitraryPolicy } from './policy-arbitrary.js';

const policyWith = (condition: string): string => `grant a {\n  allow patient/*.rs when ${condition}\n}\n`;

function ruleCondition(ast: A.PolicyFile): A.Condition | undefined {
  const grant = ast.declarations.find((d): d is A.GrantBlock => d.kind === 'grant');
  return grant?.rules[0]?.condition;
}

// ─── a condition generator that knows what its text means ──────────────────────────────────

/** The four facts the generated conditions test, one bit each. */
const ATOMS = ['launch is ehr', 'user is patient', 'client is public', 'bound by dpop'] as const;
const WORLDS: RequestFacts[] = Array.from({ length: 16 }, (_, bits) => ({
  launch: bits & 1 ? ['ehr'] : ['standalone'],
  user: bits & 2 ? ['patient'] : ['practitioner'],
  client: bits & 4 ? ['public'] : ['confidential-asymmetric'],
  grant: ['authorization_code'],
  bound: bits & 8 ? ['dpop'] : [],
}));

/** Text plus its meaning as a 16-entry truth table, built without the parser. */
interface Meaningful {
  readonly text: string;
  readonly truth: readonly boolean[];
  /** `a and b` / `a or b`: needs brackets under `not`. */
  readonly compound?: boolean;
}

const atom: fc.Arbitrary<Meaningful> = fc
  .nat(3)
  .map((i) => ({ text: ATOMS[i] as string, truth: WORLDS.map((_, bits) => ((bits >> i) & 1) === 1) }));

const meaningful: fc.Arbitrary<Meaningful> = fc.letrec<{ c: Meaningful }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    // Runs of `not`s around the limit, with or without brackets.
    fc.tuple(fc.integer({ min: 1, max: MAX_NESTING + 12 }), tie('c'), fc.boolean()).map(([n, c, paren]) => ({
      text: `${'not '.repeat(n)}${paren || c.compound === true ? `(${c.text})` : c.text}`,
      truth: c.truth.map((t) => (n % 2 === 1 ? !t : t)),
    })),
    fc.tuple(tie('c'), fc.constantFrom('and', 'or'), tie('c')).map(([a, op, b]) => ({
      text: `(${a.text}) ${op} (${b.text})`,
      compound: true,
      truth: a.truth.map((t, i) => (op === 'and' ? t && (b.truth[i] ?? false) : t || (b.truth[i] ?? false))),
    })),
  ),
})).c;

function truthOf(condition: A.Condition | undefined): boolean[] {
  if (condition === undefined) return WORLDS.map(() => true);
  const predicate = toPredicate(toBundleCondition(condition));
  return WORLDS.map((w) => predicate(w));
}

describe('nested `not`s', () => {
  it('accepts 48 in a row and keeps every one', () => {
    const r = parsePolicy(policyWith(`${'not '.repeat(MAX_NESTING)}bound by dpop`));
    expect(r.diagnostics).toEqual([]);
    let depth = 0;
    for (let c = ruleCondition(r.ast); c?.kind === 'cond.not'; c = c.operand) depth++;
    expect(depth).toBe(MAX_NESTING);
  });

  it('refuses 49 with a nesting error at the first `not` too many (line and column)', () => {
    const text = policyWith(`${'not '.repeat(MAX_NESTING + 1)}bound by dpop`);
    const r = parsePolicy(text);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'syntax.nesting.too-deep', data: { limit: MAX_NESTING } });
    const column = 'allow patient/*.rs when '.length + 3 + 4 * MAX_NESTING;
    expect(errors[0]?.range.start).toMatchObject({ line: 2, column });
    expect(errors[0]?.message).not.toContain('dpop');
  });

  it('counts `not`s in front of brackets: `not (not (…))` is bounded the same way', () => {
    // The grant block's `{` is one of the 48 brackets.
    const ok = parsePolicy(policyWith(`${'not ('.repeat(MAX_NESTING - 1)}bound by dpop${')'.repeat(MAX_NESTING - 1)}`));
    expect(ok.diagnostics).toEqual([]);
    const tooDeep = parsePolicy(policyWith(`${'not not ('.repeat(MAX_NESTING / 2)}not bound by dpop${')'.repeat(MAX_NESTING / 2)}`));
    expect(tooDeep.diagnostics.map((d) => d.code)).toContain('syntax.nesting.too-deep');
  });

  it('makes fmt refuse and compile refuse, instead of inverting the condition', () => {
    const text = policyWith(`${'not '.repeat(MAX_NESTING + 1)}bound by dpop`);
    const formatted = formatPolicy(text);
    expect(formatted.ok).toBe(false);
    expect(formatted.text).toBe(text);
    expect(formatted.diagnostics.map((d) => d.code)).toContain('syntax.nesting.too-deep');
    const parsed = parsePolicy(text);
    const compiled = compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics });
    expect(compiled.bundle).toBeNull();
  });

  it('never parses a condition to something other than what it says, and fmt keeps that meaning or refuses', () => {
    fc.assert(
      fc.property(meaningful, (c) => {
        const text = policyWith(c.text);
        const parsed = parsePolicy(text);
        const clean = !parsed.diagnostics.some((d) => d.severity === 'error');
        if (clean) expect(truthOf(ruleCondition(parsed.ast))).toEqual(c.truth);
        const formatted = formatPolicy(text);
        expect(formatted.ok).toBe(clean);
        if (formatted.ok) expect(truthOf(ruleCondition(parsePolicy(formatted.text).ast))).toEqual(c.truth);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the formatter compares every word, not only the AST', () => {
  it('finds a dropped, added or changed word and names only its position', () => {
    const before = 'grant a { allow patient/*.rs when not not bound by dpop }';
    expect(firstTokenDifference(before, 'grant a {\n  allow patient/*.rs when not not bound by dpop\n}\n')).toBeUndefined();
    const dropped = firstTokenDifference(before, 'grant a {\n  allow patient/*.rs when not bound by dpop\n}\n');
    expect(dropped).toMatch(/^token \d+ \(input line 1, column \d+\)$/);
    expect(firstTokenDifference('grant a { allow x', 'grant a { allow x y')).toContain('more tokens');
    expect(firstTokenDifference('test "a" { expect granted "s" }', 'test "a" { expect granted "t" }')).toBeDefined();
  });

  it('ignores only what the layout may change: separators, condition brackets, string spelling, `expect decision`', () => {
    const same = (a: string, b: string): void => expect(meaningTokens(a).map((t) => t.text)).toEqual(meaningTokens(b).map((t) => t.text));
    same('grant a { allow x, y; deny z when (user is patient) }', 'grant a {\n  allow x y\n  deny z when user is patient\n}');
    same('test "a\\u{E9}" { expect decision allow }', 'test "aé" {\n  expect allow\n}');
    // A string is not the word with the same letters.
    expect(firstTokenDifference('option x "narrow"', 'option x narrow')).toBeDefined();
  });

  it('the word check never refuses what the formatter prints for valid generated policies, nor mutated ones', () => {
    const mutation = fc.tuple(fc.nat(), fc.constantFrom('not ', 'not not ', '(', ')', '; ', ', ', 'x ', '"s" '));
    fc.assert(
      fc.property(arbitraryPolicy(), fc.array(mutation, { maxLength: 3 }), (base, edits) => {
        let text = base;
        for (const [at, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i);
        }
        const parsed = parsePolicy(text);
        const formatted = formatPolicy(text);
        if (parsed.diagnostics.some((d) => d.severity === 'error')) {
          expect(formatted.ok).toBe(false);
          return;
        }
        // Valid input: formatted, with the same words in the same order.
        expect(formatted.diagnostics).toEqual([]);
        expect(firstTokenDifference(text, formatted.text)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
