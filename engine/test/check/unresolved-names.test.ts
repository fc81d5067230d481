/**
 * Unresolved names: a block naming an undeclared app class adds exactly its
 * `semantic.unknown-app-class` errors and nothing else (no lint judges a class that does not
 * exist); misspellings get a did-you-mean, neighbour swaps included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { closest, editDistance } from '../../src/language/suggest.js';

const BASE = `policy "Example" {
  fhir R4
  locales en
}
app patient_apps {
  client public
  user patient
  launch standalone
}
context {
  patient/* requires patient
}
grant patient_apps {
  allow launch/patient, patient/Observation.rs
}
`;

const RULES = [
  'allow patient/*.cruds',
  'allow offline_access',
  'allow online_access when launch is ehr',
  'allow patient/Observation.rs, patient/Observation.rs',
  'deny patient/*.cud',
  'allow patient/Obsrevation.rs',
  'allow user/*.rs when user is practitioner',
  'allow patient/Observation.rs?code=1234',
  'allow system/*.rs',
  'allow openid, fhirUser',
];
const BLOCKS = [
  (app: string, rules: string[]) => `grant ${app} {\n${rules.map((r) => `  ${r}`).join('\n')}\n}\n`,
  (app: string) => `refresh ${app} {\n  offline_access allowed\n  rotate never\n}\n`,
  (app: string) => `context ${app} {\n  user/* requires encounter\n}\n`,
  (app: string) => `registration ${app} {\n  instances per user 5\n}\n`,
];

function codes(text: string): string[] {
  const parsed = parsePolicy(text, 'p.smartpolicy');
  return checkPolicy({ ast: parsed.ast, parseDiagnostics: parsed.diagnostics })
    .diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.column}`)
    .sort();
}

describe('blocks of undeclared app classes', () => {
  it('add only semantic.unknown-app-class, one per block, whatever they contain', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('clinican_apps', 'patient_app', 'nobody'),
        fc.subarray(RULES, { minLength: 1 }),
        fc.subarray([0, 1, 2, 3], { minLength: 1 }),
        (app, rules, kinds) => {
          const extra = kinds.map((k) => BLOCKS[k]?.(app, rules) ?? '').join('');
          const before = codes(BASE);
          const after = codes(BASE + extra);
          const added = [...after];
          for (const c of before) added.splice(added.indexOf(c), 1);
          expect(added.map((c) => c.split('@')[0])).toEqual(kinds.map(() => 'semantic.unknown-app-class'));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('did you mean', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('grnat', 'grant')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('grnat', ['import', 'policy', 'grant', 'app'])).toBe('grant');
    expect(closest('rfresh', ['refresh', 'registration'])).toBe('refresh');
  });

  it('suggests the block keyword for any one-edit misspelling at the top level', () => {
    const keywords = ['policy', 'grant', 'context', 'refresh', 'registration', 'explain', 'phrasebook'];
    const typo = fc.tuple(fc.constantFrom(...keywords), fc.nat(), fc.constantFrom('swap', 'drop', 'double')).map(([k, at, how]) => {
      const i = at % (k.length - 1);
      const word =
        how === 'swap'
          ? k.slice(0, i) + (k[i + 1] ?? '') + (k[i] ?? '') + k.slice(i + 2)
          : how === 'drop'
            ? k.slice(0, i) + k.slice(i + 1)
            : k.slice(0, i) + (k[i] ?? '') + k.slice(i);
      return { k, word };
    });
    fc.assert(
      fc.property(typo, ({ k, word }) => {
        fc.pre(word !== k);
        const r = parsePolicy(`${word} portal {\n  x\n}\n`);
        expect(r.diagnostics[0]).toMatchObject({ code: 'syntax.unexpected-token', data: { found: word, suggestion: k } });
      }),
      { numRuns: 100 },
    );
  });

  it('names the nearest resource type for a misspelt one in a grant scope, with a replacement', () => {
    const parsed = parsePolicy(`${BASE}grant patient_apps {\n  allow patient/Obsrevation.rs, patient/Xyzzy.rs\n}\n`);
    const found = checkPolicy({ ast: parsed.ast }).diagnostics.filter((d) => d.code === 'semantic.unknown-resource-type');
    expect(found[0]?.message).toContain('Did you mean "Observation"?');
    expect(found[0]?.data).toMatchObject({ replacement: 'patient/Observation.rs' });
    expect(found[1]?.message).not.toContain('Did you mean');
  });
});
