/**
 * Sensitive data needs its own opt-in. The rule is tested against the scope algebra: any
 * permission whose ScopeSet meets a marked target is sensitive, however the value is written
 * (bare code, other encodings, OR-lists, other categories: FHIR categories repeat).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSensitiveScope } from '../../src/explain/consent-screen/sensitive-data.js';
import type { SensitiveTarget } from '../../src/explain/consent-screen/sensitive-data.js';
import { parseScope } from '../../src/smart/parse-scope.js';
import { ScopeSet } from '../../src/smart/scope-set.js';
import type { ResourceScope } from '../../src/smart/scope-types.js';

const SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
const MARKED: SensitiveTarget = { resourceType: 'Observation', param: 'category', value: `${SYSTEM}|social-history` };

function resource(text: string): ResourceScope {
  const p = parseScope(text);
  if (!p.ok || p.scope.type !== 'resource') throw new Error(`not a resource scope: ${text}`);
  return p.scope;
}

const values = fc.constantFrom(
  `${SYSTEM}|social-history`,
  'social-history',
  `|social-history`,
  `${encodeURIComponent(SYSTEM)}%7Csocial-history`,
  `${SYSTEM}|laboratory`,
  'laboratory',
  `${SYSTEM}|laboratory,${SYSTEM}|social-history`,
  'vital-signs,social-history',
  `http://other.example/cs|social-history`,
  `${SYSTEM}|survey`,
);
const scopeArb = fc
  .tuple(
    fc.constantFrom('patient', 'user', 'system'),
    fc.constantFrom('Observation', '*', 'Condition'),
    fc.constantFrom('r', 'rs', 'cruds', 'd'),
    fc.option(fc.tuple(fc.constantFrom('category', 'code', 'category:not'), values), { nil: undefined }),
  )
  .map(([level, type, letters, query]) => `${level}/${type}.${letters}${query ? `?${query[0]}=${query[1]}` : ''}`);

describe('sensitive data', () => {
  it('marks every permission the algebra says reaches the marked category', () => {
    fc.assert(
      fc.property(scopeArb, (text) => {
        const scope = resource(text);
        const marked = ScopeSet.of(`${scope.level}/Observation.cruds?category=${MARKED.value}`);
        if (!ScopeSet.of(text).intersection(marked).isEmpty) expect(isSensitiveScope(scope, [MARKED]), text).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('treats other spellings of the marked value as the marked value', () => {
    for (const v of ['social-history', '|social-history', `${encodeURIComponent(SYSTEM)}%7Csocial-history`, 'vital-signs,social-history']) {
      expect(isSensitiveScope(resource(`patient/Observation.rs?category=${v}`), [MARKED]), v).toBe(true);
    }
    expect(isSensitiveScope(resource('patient/Observation.rs?code=http://loinc.org|72166-2'), [MARKED])).toBe(true);
    expect(isSensitiveScope(resource('patient/Observation.rs?category:not=laboratory'), [MARKED])).toBe(true);
  });

  it('counts another category of the marked type too (a result can carry both categories)', () => {
    for (const v of [`${SYSTEM}|laboratory`, 'vital-signs,laboratory', 'http://other.example/cs|social-history']) {
      expect(isSensitiveScope(resource(`patient/Observation.rs?category=${v}`), [MARKED]), v).toBe(true);
    }
  });

  it('leaves other types alone', () => {
    fc.assert(
      fc.property(
        scopeArb.filter((t) => t.includes('/Condition.')),
        (text) => {
          expect(isSensitiveScope(resource(text), [MARKED]), text).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('marks every permission on a type marked as a whole, and everything for a marked wildcard', () => {
    expect(isSensitiveScope(resource('patient/Consent.rs?status=active'), [{ resourceType: 'Consent' }])).toBe(true);
    expect(isSensitiveScope(resource('user/*.rs'), [{ resourceType: 'Consent' }])).toBe(true);
    expect(isSensitiveScope(resource('patient/Condition.rs'), [{ resourceType: '*' }])).toBe(true);
  });
});
