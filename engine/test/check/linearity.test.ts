/**
 * The checker's work grows linearly with the policy (issue 11: 130 s at 100,000 rules, 39 s to
 * locate the pairs of one 100,000-character query). Work is counted, not timed: while the check
 * runs, every element visited by array iteration and by the scanning methods of arrays and
 * strings is counted. 4× the input must cost about 4× the work (quadratic would be 16×).
 * The time figures are in `npm run bench` (test/bench/scaling-check.bench.mjs).
 */
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import type { PolicyFile } from '../../src/language/ast.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Elements visited while `fn` runs: every array element iterated or scanned by an array method,
 * and every string character a string method reads (`slice` reads its result, a search from a
 * position reads up to the match).
 */
function countWork(fn: () => void): number {
  let work = 0;
  const restore: (() => void)[] = [];
  const meter = (proto: object, name: string | symbol, cost: (self: unknown, args: unknown[], result: unknown) => number): void => {
    const original = (proto as Record<string | symbol, Method>)[name] as Method;
    Object.defineProperty(proto, name, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        const result = original.apply(this, args);
        work += cost(this, args, result);
        return result;
      },
    });
    restore.push(() => Object.defineProperty(proto, name, { configurable: true, writable: true, value: original }));
  };
  const whole = (self: unknown): number => (self as { length: number }).length;
  const searched = (self: unknown, args: unknown[], result: unknown): number => {
    const from = typeof args[1] === 'number' ? args[1] : 0;
    return typeof result === 'number' && result >= 0 ? result - from + 1 : whole(self) - from;
  };
  for (const name of [
    'includes',
    'indexOf',
    'lastIndexOf',
    'find',
    'findIndex',
    'some',
    'every',
    'filter',
    'map',
    'flatMap',
    'forEach',
    'reduce',
    'concat',
    'join',
    Symbol.iterator,
  ])
    meter(Array.prototype, name, whole);
  meter(Array.prototype, 'slice', (_s, _a, result) => (result as unknown[]).length);
  for (const name of ['split', 'replace', 'replaceAll', 'includes']) meter(String.prototype, name, whole);
  for (const name of ['indexOf']) meter(String.prototype, name, searched);
  meter(String.prototype, 'slice', (_s, _a, result) => (result as string).length);
  try {
    fn();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return work;
}

function workOfCheck(text: string): number {
  const ast: PolicyFile = parsePolicy(text, 'big.smartpolicy').ast;
  checkPolicy({ ast }); // warm caches shared across checks (parsed scopes)
  return countWork(() => checkPolicy({ ast }));
}

const TYPES = ['Observation', 'Condition', 'AllergyIntolerance', 'MedicationRequest', 'Procedure'];
const HEADER =
  'policy "big" {\n  fhir R4\n  locales en\n}\ncontext {\n  patient/* requires patient\n}\napp a {\n  client public\n  user patient\n}\n';

function manyRules(n: number): string {
  const rules: string[] = [];
  for (let i = 0; i < n; i++) {
    const effect = i % 3 === 0 ? 'deny' : 'allow';
    const when = i % 4 === 0 ? ' when user is patient' : i % 4 === 1 ? ' when not launch is ehr' : '';
    const scope = i % 7 === 0 ? `__ext.s${i}` : `patient/${TYPES[i % TYPES.length]}.rs?code=c${i % 97},d${i}`;
    rules.push(`  ${effect} ${scope}${when}${i % 2 === 0 ? ' because "r"' : ''}`);
  }
  return `${HEADER}grant a {\n${rules.join('\n')}\n  allow offline_access\n}\nexplain Observation {\n  en "results"\n}\n`;
}

function longQuery(pairs: number): string {
  const query = Array.from({ length: pairs }, (_, i) => `unknown${i % 10}=v${i}`).join('&');
  return `${HEADER}grant a {\n  allow patient/Observation.rs?${query}\n}\n`;
}

describe('checker work grows linearly', () => {
  it('in the number of grant rules of one app class (allows, denies, conditions, extensions)', () => {
    const small = workOfCheck(manyRules(500));
    const large = workOfCheck(manyRules(2000));
    expect(large / small).toBeLessThan(6);
  });

  it('in the length of one scope query whose every pair is located', () => {
    const small = workOfCheck(longQuery(500));
    const large = workOfCheck(longQuery(2000));
    expect(large / small).toBeLessThan(6);
  });

  it('the meter sees quadratic work (the test can fail)', () => {
    const quadratic = (n: number): number =>
      countWork(() => {
        const xs = Array.from({ length: n }, (_, i) => i);
        for (const x of xs) xs.includes(-x - 1);
      });
    expect(quadratic(2000) / quadratic(500)).toBeGreaterThan(12);
    // The old way of locating query pairs: the whole query split once per pair.
    const splitPerPair = (pairs: number): number =>
      countWork(() => {
        const text = longQuery(pairs);
        for (let i = 0; i < pairs; i++) void text.split('&')[i];
      });
    expect(splitPerPair(2000) / splitPerPair(500)).toBeGreaterThan(12);
  });
});
