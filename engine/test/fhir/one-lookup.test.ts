/**
 * One search-parameter lookup (engine/src/fhir/search-parameters.ts) for the checker, the scope
 * linter and access decisions: a query parameter `smart-policy check` refuses as unknown is the
 * one an access decision cannot evaluate, and the denial names the checker's code. The lookup is
 * own-property only: prototype names (`toString`, `constructor`, `__proto__`) are never parameters.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import { compileQuery, UNKNOWN_PARAMETER } from '../../src/access/query-match.js';
import { checkPolicy } from '../../src/check/check-policy.js';
import { isResourceType, RESOURCE_TYPE_BY_LOWER_NAME } from '../../src/fhir/resource-types.js';
import { isCompartmentType } from '../../src/fhir/patient-compartment.js';
import { lookupSearchParameter, searchParameterCodes } from '../../src/fhir/search-parameters.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { lintScope } from '../../src/smart/lint-scope.js';
import { parseScope } from '../../src/smart/parse-scope.js';

const CODE = 'semantic.unknown-search-parameter';
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

function checkerCodes(scope: string): { code: string; message: string }[] {
  const source = `policy "Example" {\n  fhir R4\n  locales en\n}\napp ehr { user practitioner }\ngrant ehr {\n  allow ${scope}\n}\n`;
  const parsed = parsePolicy(source, 'case.smartpolicy');
  return checkPolicy({ ast: parsed.ast, parseDiagnostics: parsed.diagnostics }).diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
  }));
}

function accessDenial(scope: string, resource: { resourceType: string } & Record<string, unknown>) {
  return authorize({ granted: [scope], context: {}, request: { method: 'GET', path: 'Observation/1' }, resource });
}

describe('one search-parameter lookup', () => {
  it('check refuses user/Observation.rs?toString=1 with the code eval access reports', () => {
    const scope = 'user/Observation.rs?toString=1';
    const found = checkerCodes(scope).filter((d) => d.code === CODE);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('"toString" is not a search parameter of Observation');
    const result = accessDenial(scope, { resourceType: 'Observation', id: '1', status: 'final', code: {} });
    expect(result.decision).toBe('deny');
    expect(result.reasons.map((r) => r.problem)).toContain(CODE);
    expect(UNKNOWN_PARAMETER).toBe(CODE);
  });

  it('a known parameter is neither refused nor marked by access', () => {
    const scope = 'user/Observation.rs?status=final';
    expect(checkerCodes(scope).filter((d) => d.code === CODE)).toEqual([]);
    const result = accessDenial(scope, { resourceType: 'Observation', id: '1', status: 'final', code: {} });
    expect(result.decision).toBe('allow');
    expect(result.reasons.every((r) => r.problem === undefined)).toBe(true);
  });

  it('prototype names are never parameters, types or compartment types', () => {
    for (const name of [...PROTOTYPE_NAMES, '__proto__', 'prototype']) {
      for (const type of ['Observation', 'Patient', '*', name]) {
        expect(lookupSearchParameter(type, name).kind, `${type}.${name}`).toBe('unknown');
      }
      expect(isResourceType(name)).toBe(false);
      expect(isCompartmentType(name)).toBe(false);
      expect(RESOURCE_TYPE_BY_LOWER_NAME.has(name)).toBe(false);
    }
  });

  // The rule, not the case: for any code on any type, the checker refuses it as "not a search
  // parameter" exactly when access marks the pair with the checker's code, and the scope linter
  // calls it unknown in the same cases.
  it('checker, scope linter and access agree on every code (property)', () => {
    const types = ['Observation', 'Patient', 'Bundle', 'Binary', 'Encounter', 'Practitioner'];
    const known = [...new Set(types.flatMap((t) => searchParameterCodes(t)))];
    const specials = ['_text', '_type', '_count', '_sort', '_format', '_filter', '_has', '_list', '_query', '_content', '_include'];
    const code = fc.oneof(
      fc.constantFrom(...known, ...specials, ...PROTOTYPE_NAMES, '__proto__'),
      fc.stringMatching(/^_?[a-z][a-z-]{0,12}$/),
    );
    fc.assert(
      fc.property(fc.constantFrom(...types), code, (type, name) => {
        const scope = `user/${type}.rs?${name}=1`;
        const checkerRefuses = checkerCodes(scope).some((d) => d.code === CODE && d.message.includes('is not a search parameter of'));
        const pair = compileQuery(type, [{ name, value: '1' }]).pairs[0];
        const parsed = parseScope(scope);
        const lintUnknown = parsed.ok && lintScope(parsed.scope).some((l) => l.code === 'scope.query.unknown-parameter');
        expect(pair?.problem === CODE, `access on ${scope}`).toBe(checkerRefuses);
        expect(lintUnknown, `linter on ${scope}`).toBe(checkerRefuses);
        if (checkerRefuses) expect(pair?.unsupported).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  it('the checker rule, the scope linter and the access layer import the lookup from engine/src/fhir/', () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '../../src');
    for (const file of [
      'check/rules/semantic.unknown-search-parameter/rule.ts',
      'check/rules/semantic.search-value-shape/rule.ts',
      'smart/lint-scope.ts',
      'access/query-match.ts',
    ]) {
      const text = readFileSync(join(src, file), 'utf8');
      expect(text, file).toMatch(/import \{[^}]*\blookupSearchParameter\b[^}]*\} from '(\.\.\/)+fhir\/search-parameters\.js'/);
    }
  });
});
