/**
 * Issue 16: a requested query whose values the allowed queries do not accept is not granted as
 * a conjunction of both queries (a consent screen would read the value the policy never
 * allowed). It is dropped with a reason, unless the policy opts in with
 * `option scopes.query_conflict conjunction`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/index.js';
import { parsePolicy } from '../../src/language/index.js';
import { createEvaluator, type TokenRequest } from '../../src/evaluate/index.js';
import { parseScope } from '../../src/smart/parse-scope.js';
import { ScopeSet } from '../../src/smart/scope-set.js';
import type { ResourceScope } from '../../src/smart/scope-types.js';
import { allow, app, makeBundle, rules } from './bundle-fixture.js';

const CAT = 'http://terminology.hl7.org/CodeSystem/observation-category';
const LAB = `patient/Observation.rs?category=${CAT}|laboratory`;
const VITALS = `patient/Observation.rs?category=${CAT}|vital-signs`;
const SOCIAL = `patient/Observation.rs?category=${CAT}|social-history`;

function evaluator(queryConflicts: 'drop' | 'conjunction', allowed: readonly string[] = [LAB, VITALS]) {
  return createEvaluator(
    makeBundle({ apps: [app('portal')], grants: rules('portal', [allow(...allowed, 'launch/patient')]), token: { queryConflicts } }),
  );
}

const ask = (scope: string): TokenRequest => ({
  grantType: 'authorization_code',
  client: { clientId: 'phr', type: 'public', authMethod: 'none' },
  user: { type: 'patient' },
  launch: 'standalone',
  requestedScope: `launch/patient ${scope}`,
  availableContext: { patient: '123' },
});

describe('a requested query that conflicts with the allowed ones', () => {
  it('is dropped with a reason by default (social history against laboratory and vital signs)', () => {
    const d = evaluator('drop').decideToken(ask(SOCIAL));
    expect(d.granted.scopes).toEqual(['launch/patient']);
    expect(d.dropped).toHaveLength(1);
    expect(d.dropped[0]).toMatchObject({ scope: SOCIAL, rule: 'token.scope.query-conflict' });
    expect(d.dropped[0]?.reason).toContain('grant:portal#1');
    expect(d.dropped[0]?.reason).not.toContain('social-history');
    expect(d.narrowed).toEqual([]);
  });

  it('keeps only the values the policy allows from a request naming several', () => {
    const d = evaluator('drop').decideToken(ask(`patient/Observation.rs?category=${CAT}|laboratory,${CAT}|social-history`));
    expect(d.granted.scopes).toEqual(['launch/patient', LAB]);
    expect(d.narrowed[0]?.reason).toContain('conflicts');
  });

  it('narrows to the values both name, never adding one the request did not ask for', () => {
    const ev = evaluator('drop', [`patient/Observation.rs?category=${CAT}|laboratory,${CAT}|vital-signs`]);
    const d = ev.decideToken(ask(`patient/Observation.rs?category=${CAT}|laboratory,${CAT}|social-history`));
    expect(d.granted.scopes).toEqual(['launch/patient', LAB]);
  });

  it('drops a request restricting another parameter than the allow does', () => {
    const ev = evaluator('drop', [`patient/Observation.rs?code=http://loinc.org|1234-5`]);
    const d = ev.decideToken(ask(LAB));
    expect(d.dropped[0]?.rule).toBe('token.scope.query-conflict');
  });

  it("still narrows a broader request to the allow's own restriction", () => {
    const d = evaluator('drop').decideToken(ask('patient/Observation.rs'));
    expect(d.granted.scopes).toEqual(['launch/patient', LAB, VITALS]);
  });

  it('grants the conjunction only under option scopes.query_conflict conjunction', () => {
    const d = evaluator('conjunction').decideToken(ask(SOCIAL));
    expect(d.granted.scopes).toEqual([
      'launch/patient',
      `patient/Observation.rs?category=${CAT}|laboratory&category=${CAT}|social-history`,
      `patient/Observation.rs?category=${CAT}|social-history&category=${CAT}|vital-signs`,
    ]);
  });

  it('takes the option from the policy text', () => {
    const text = (option: string) =>
      [
        'policy "Q" {',
        '  fhir R4',
        '  locales en',
        option,
        '}',
        'app portal {',
        '  client public',
        '  user patient',
        '  launch standalone',
        '}',
        'grant portal {',
        `  allow ${LAB}`,
        '  allow launch/patient',
        '}',
      ].join('\n');
    const compiled = (option: string) => {
      const parsed = parsePolicy(text(option), 'q.smartpolicy');
      const result = compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics });
      expect(result.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      if (result.bundle === null) throw new Error('did not compile');
      return result.bundle;
    };
    const byDefault = compiled('');
    expect(byDefault.policy.options.token.queryConflicts).toBe('drop');
    expect(createEvaluator(byDefault).decideToken(ask(SOCIAL)).dropped[0]?.rule).toBe('token.scope.query-conflict');
    const opted = compiled('  option scopes.query_conflict conjunction');
    expect(opted.policy.options.token.queryConflicts).toBe('conjunction');
    expect(createEvaluator(opted).decideToken(ask(SOCIAL)).granted.scopes).toHaveLength(2);
  });
});

describe('property: granted ⊆ requested ∩ allowed, and no conjunction unless opted in', () => {
  const VALUES = ['a', 'b', 'c', 'd'];
  const NAMES = ['category', 'code'];
  const query = fc.array(
    fc.record({ name: fc.constantFrom(...NAMES), values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }) }),
    { maxLength: 2 },
  );
  const scopeArb = fc
    .record({ type: fc.constantFrom('Observation', '*'), letters: fc.constantFrom('r', 'rs', 's', 'cruds'), query })
    .map(({ type, letters, query: q }) => {
      const text = q.map((p) => `${p.name}=${p.values.join(',')}`).join('&');
      return `patient/${type}.${letters}${text === '' ? '' : `?${text}`}`;
    });
  const resource = (text: string): ResourceScope => {
    const parsed = parseScope(text);
    if (!parsed.ok || parsed.scope.type !== 'resource') throw new Error(`not a resource scope: ${text}`);
    return parsed.scope;
  };
  const constraints = (s: ResourceScope) => ScopeSet.fromScopes([s]).grants[0]?.constraints ?? [];

  for (const mode of ['drop', 'conjunction'] as const) {
    it(`holds under ${mode}`, () => {
      fc.assert(
        fc.property(fc.array(scopeArb, { minLength: 1, maxLength: 4 }), scopeArb, (allowed, requested) => {
          const d = evaluator(mode, allowed).decideToken(ask(requested));
          const requestedSet = ScopeSet.of(requested);
          const allowSets = allowed.map((a) => ScopeSet.of(a));
          for (const granted of d.granted.scopes.filter((s) => s !== 'launch/patient')) {
            const piece = ScopeSet.of(granted);
            expect(requestedSet.covers(piece), `${granted} within ${requested}`).toBe(true);
            // Each letter of a piece comes from a single allow rule, never from several together.
            for (const g of piece.grants) {
              expect(
                allowSets.some((a) => a.covers(ScopeSet.of(g.key))),
                `${g.key} within one of ${allowed.join(' ')}`,
              ).toBe(true);
            }
            if (mode === 'conjunction') continue;
            // No conjunction: the piece's query is the request's (values narrowed), or an allow's own.
            const got = constraints(resource(granted));
            const asked = constraints(resource(requested));
            // Each conjunct granted narrows one asked, and each asked is implied by one granted (a
            // narrowed conjunct may make another redundant, so counts can differ).
            const narrows = (c: (typeof got)[number], r: (typeof asked)[number]) =>
              r.name === c.name && c.values.every((v) => r.values.includes(v));
            const narrowedRequest =
              got.every((c) => asked.some((r) => narrows(c, r))) && asked.every((r) => got.some((c) => narrows(c, r)));
            const allowsOwn = allowed.some(
              (a) =>
                constraints(resource(a))
                  .map((c) => c.key)
                  .join('&') === got.map((c) => c.key).join('&'),
            );
            expect(narrowedRequest || allowsOwn, `${granted} from ${requested} against ${allowed.join(' ')}`).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    });
  }
});
