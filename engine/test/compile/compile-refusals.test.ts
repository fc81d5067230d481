/**
 * The compiler reads the checker's model and has no codes of its own: every refusal is a
 * registered, documented checker code, reported exactly where `check` reports it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/index.js';
import { checkPolicy, defaultRegistry } from '../../src/check/index.js';
import { COMPILE_REFUSAL_CODES } from '../../src/model/compile-refusals.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

const URI = '/repo/main.smartpolicy';
const RULES_DIR = join(import.meta.dirname, '../../src/check/rules');
const COMPILE_DIR = join(import.meta.dirname, '../../src/compile');

function compile(text: string) {
  const parsed = parsePolicy(text, URI);
  return { parsed, result: compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics }) };
}

const key = (d: { code: string; uri?: string; range: { start: { offset: number }; end: { offset: number } } }) =>
  `${d.code}@${d.uri}:${d.range.start.offset}-${d.range.end.offset}`;

// Pieces of policies, valid and broken, that the property below combines at random.
const HEADER = 'policy "P" {\n  fhir R4\n  locales en\n}\n';
const PIECES = [
  HEADER,
  HEADER,
  'app portal { client public; user patient; launch standalone }\n',
  'app portal { user practitioner }\n',
  'app ehr { client confidential-symmetric; user practitioner; launch ehr }\n',
  'grant portal { allow patient/Observation.rs }\n',
  'grant portl { allow patient/Observation.rs }\n',
  'grant ehr { allow as read user/Patient.r; deny user/Observation.d because "no" }\n',
  'grant portal { allow patient/Observation.sr }\n',
  'grant portal { allow patient/Obsrevation.rs }\n',
  'grant portal { allow "patient/*.rs?x" }\n',
  'refresh portal { offline_access allowed; rotate on every use }\n',
  'refresh nobody { rotate on every use }\n',
  'registration ehr { algorithms ES384 }\n',
  'registration ehr { algorithms RS384 }\n',
  'context { patient/* requires patient }\n',
  'context ghost { patient/* requires patient }\n',
  'context { patient/Obsrevation.* requires patient }\n',
  'explain Observation { en "your lab results" }\n',
  'test "t" { token { app portal; grant authorization_code; scope "patient/Observation.rs" } expect granted "patient/Observation.rs" }\n',
  'test "u" { token { app nobody; grant authorization_code; scope "openid" } expect granted "openid" }\n',
  'test "rows" with rows {\n  | who |\n  | portal |\n  | portl |\n} {\n  token { app $who; grant authorization_code; scope "openid" }\n  expect granted "openid"\n}\n',
];

describe('compile refusals come from the checker', () => {
  it('are registered rules with a README, and include every block-level refusal', () => {
    for (const code of COMPILE_REFUSAL_CODES) {
      expect(defaultRegistry.has(code), code).toBe(true);
      expect(existsSync(join(RULES_DIR, code, 'README.md')), code).toBe(true);
    }
    expect([...COMPILE_REFUSAL_CODES].sort()).toEqual([
      'semantic.duplicate-app-class',
      'semantic.duplicate-block',
      'semantic.invalid-scope',
      'semantic.missing-policy-header',
      'semantic.unknown-app-class',
      'semantic.unknown-resource-type',
    ]);
  });

  it('the compiler builds no diagnostics and has no declaration index of its own', () => {
    for (const name of readdirSync(COMPILE_DIR).filter((n) => n.endsWith('.ts'))) {
      const source = readFileSync(join(COMPILE_DIR, name), 'utf8');
      expect(source, name).not.toMatch(/makeDiagnostic|'compile\.[a-z]/);
      expect(source, name).not.toMatch(/\.filter\(\s*\(?d\)?\s*=>\s*d\.node\.kind ===/);
    }
  });

  it('property: compile refuses exactly where check reports a refusal code, with registered codes only', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const { parsed, result } = compile(text);
        for (const d of result.diagnostics) expect(defaultRegistry.has(d.code), d.code).toBe(true);
        if (parsed.diagnostics.some((d) => d.severity === 'error')) {
          expect(result.bundle).toBeNull();
          return;
        }
        const checked = checkPolicy({ ast: parsed.ast }).diagnostics.filter((d) => COMPILE_REFUSAL_CODES.includes(d.code));
        const expected = checked.map(key);
        // The lint is quiet on an empty file; the compiler is not.
        if (!checked.some((d) => d.code === 'semantic.missing-policy-header') && !text.includes('policy "'))
          expected.push(`semantic.missing-policy-header@${URI}:0-0`);
        expect(result.diagnostics.map(key).sort()).toEqual(expected.sort());
        expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
        expect(result.bundle === null).toBe(expected.length > 0);
      }),
      { numRuns: 300, seed: 8003 },
    );
  });

  it('refuses a table test row that names an undeclared app class, at its cell', () => {
    const { result } = compile(`${HEADER}${PIECES[2]}${PIECES.at(-1)}`);
    expect(result.bundle).toBeNull();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'semantic.unknown-app-class',
      range: { start: { line: 9, column: 5 } },
      data: { found: 'portl' },
    });
  });

  it('refuses a context requirement whose scope pattern is not valid (it would require nothing)', () => {
    const { result } = compile(`${HEADER}${PIECES[2]}context { patient/Obsrevation.* requires patient }\n`);
    expect(result.bundle).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['semantic.unknown-resource-type']);
  });

  it('refuses whatever level a config gives the code in check (refusals fail closed)', () => {
    const text = `${HEADER}${PIECES[2]}${PIECES[6]}`;
    expect(
      checkPolicy({ ast: parsePolicy(text, URI).ast, config: { rules: { 'semantic.unknown-app-class': 'off' } } }).diagnostics,
    ).toEqual([]);
    expect(compile(text).result.bundle).toBeNull();
  });
});
