/**
 * Issue 11: a cold token decision (set-algebra path, no memo) does work about linear in the
 * number of allow rules. Work is counted (grant meets, rule visits, coverage candidates), not
 * timed: doubling the rules twice must not much more than quadruple the work.
 */
import { describe, expect, it } from 'vitest';
import { createEvaluator, type TokenRequest } from '../../src/evaluate/index.js';
import { workDone } from '../../src/evaluate/work-counter.js';
import { allow, app, deny, makeBundle, rules } from './bundle-fixture.js';

const TYPES = ['Observation', 'Condition', 'Procedure', 'Immunization'];

type Shape = (i: number) => string;
const SHAPES: Record<string, Shape> = {
  'one code per rule': (i) => `patient/${TYPES[i % 4]}.rs?code=http://x|c${i}`,
  'a shared value plus one code per rule': (i) => `patient/${TYPES[i % 4]}.rs?category=lab&code=http://x|c${i}`,
  'value lists that all share one value': (i) => `patient/${TYPES[i % 4]}.rs?category=lab,v${i}`,
};

function evaluatorOf(n: number, shape: Shape, queryConflicts: 'drop' | 'conjunction') {
  const scopes = Array.from({ length: n }, (_, i) => shape(i));
  const denies = Array.from({ length: Math.floor(n / 20) }, (_, i) => `patient/Goal.rs?code=http://x|d${i}`);
  return createEvaluator(
    makeBundle({
      apps: [app('a'), app('b')],
      grants: [...rules('a', [allow(...scopes, 'launch/patient'), deny(...denies)]), ...rules('b', [allow('patient/Patient.rs')])],
      token: { queryConflicts },
    }),
  );
}

const REQUESTS = (n: number) => [
  'patient/Observation.rs',
  'patient/*.rs',
  `patient/Observation.rs?code=http://x|c${n - 4}`,
  'patient/Condition.r?code=http://x|unknown',
  'patient/Procedure.s?category=lab',
  `patient/Immunization.rs?code=http://x|c3,http://x|c${n - 1},http://x|zz`,
];

function coldWork(n: number, shape: Shape, mode: 'drop' | 'conjunction'): number {
  const evaluator = evaluatorOf(n, shape, mode);
  const before = workDone();
  for (const scope of REQUESTS(n)) {
    const request: TokenRequest = {
      grantType: 'authorization_code',
      client: { clientId: 'c', type: 'public', authMethod: 'none' },
      user: { type: 'patient' },
      launch: 'standalone',
      requestedScope: `launch/patient ${scope}`,
      availableContext: { patient: '1' },
    };
    expect(evaluator.decideToken(request).decision).toBe('allow');
  }
  return workDone() - before;
}

describe('cold token decisions do about linear work in the number of allow rules', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    for (const mode of ['drop', 'conjunction'] as const) {
      it(`${name} (${mode})`, () => {
        const small = coldWork(500, shape, mode);
        const large = coldWork(2000, shape, mode);
        expect(small).toBeGreaterThan(0);
        // Linear: ×4; quadratic would be ×16. Allow some slack for constant terms.
        expect(large / small).toBeLessThanOrEqual(4 * 1.5);
      });
    }
  }
});
