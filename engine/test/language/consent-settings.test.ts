/**
 * The policy settings the consent screen reads: `revoke_uri` in the policy block and `sensitive`
 * on explain and where headers — parsed, validated, formatted, compiled and put in the catalog.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/compile-policy-set.js';
import { catalogFromAst, catalogFromBundle } from '../../src/explain/index.js';
import { formatPolicy } from '../../src/language/format-policy.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { isPatientFacingUrl } from '../../src/language/patient-facing-url.js';
import { only, parseClean } from './helpers.js';

const POLICY = `policy "P" {
  locales en
  revoke_uri "https://portal.example.org/connected-apps"
}

app patient_apps "Apps patients use" {
  client public
  auth none
  user patient
  launch standalone
}

grant patient_apps {
  allow patient/Observation.rs
}

explain Observation {
  en "test results" plural
  where category = http://terminology.hl7.org/CodeSystem/observation-category|social-history sensitive {
    en "smoking and alcohol use" plural
  }
}

explain Consent sensitive {
  en "consent forms" plural
}
`;

describe('revoke_uri', () => {
  it('parses into the policy block', () => {
    const p = only('policy "P" { revoke_uri "https://x.example/revoke" }', 'policy');
    expect(p.statements).toMatchObject([{ kind: 'policy.revoke-uri', uri: { value: 'https://x.example/revoke' } }]);
  });

  it('refuses a link that is not an absolute https URL, without repeating it', () => {
    for (const bad of [
      'javascript:alert(1)',
      '/relative',
      'http://evil.example/x',
      'https://user:pw@x.example/',
      'data:text/html,hi',
      '',
    ]) {
      const r = parsePolicy(`policy "P" { revoke_uri ${JSON.stringify(bad)} }`);
      const d = r.diagnostics.find((x) => x.code === 'syntax.uri.invalid');
      expect(d, bad).toBeDefined();
      if (bad !== '') expect(d?.message).not.toContain(bad);
    }
  });

  it('reports a missing link on its line', () => {
    const r = parsePolicy('policy "P" {\n  revoke_uri\n  locales en\n}');
    expect(r.diagnostics.map((d) => d.code)).toContain('syntax.missing-value');
  });

  it('accepts exactly absolute https URLs without credentials (and http on loopback)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const parsed = new URL(url);
        const expected =
          parsed.username === '' &&
          parsed.password === '' &&
          (parsed.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname));
        expect(isPatientFacingUrl(url)).toBe(expected);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(typeof isPatientFacingUrl(s)).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

describe('sensitive', () => {
  it('marks explain and where headers', () => {
    const ast = parseClean(POLICY);
    const explains = ast.declarations.filter((d) => d.kind === 'explain');
    expect(explains.map((e) => e.sensitive === true)).toEqual([false, true]);
    const where = explains[0]?.statements.find((s) => s.kind === 'explain.where');
    expect(where?.kind === 'explain.where' && where.sensitive).toBe(true);
  });

  it('is kept by the formatter', () => {
    const result = formatPolicy(POLICY, 'p.smartpolicy');
    expect(result.text).toContain('observation-category|social-history sensitive {');
    expect(result.text).toContain('explain Consent sensitive {');
    expect(result.text).toContain('revoke_uri "https://portal.example.org/connected-apps"');
  });
});

describe('compile and catalogs', () => {
  const ast = parseClean(POLICY);
  const compiled = compilePolicySet({ files: [{ ...ast, uri: 'p.smartpolicy' }] });

  it('puts the settings and the app title in the bundle', () => {
    expect(compiled.diagnostics).toEqual([]);
    const bundle = compiled.bundle;
    expect(bundle?.policy.revokeUri).toBe('https://portal.example.org/connected-apps');
    expect(bundle?.apps[0]?.title).toBe('Apps patients use');
    expect(bundle?.explanations.find((e) => e.target === 'Consent')?.sensitive).toBe(true);
    expect(bundle?.explanations.find((e) => e.target === 'Observation')?.sensitive).toBeUndefined();
    expect(bundle?.explanations.find((e) => e.target === 'Observation')?.queries[0]?.sensitive).toBe(true);
  });

  it('gives the same catalog fields from the bundle and from the AST', () => {
    if (!compiled.bundle) throw new Error('no bundle');
    for (const catalog of [catalogFromBundle(compiled.bundle), catalogFromAst([ast])]) {
      expect(catalog.revokeUri).toBe('https://portal.example.org/connected-apps');
      expect(catalog.appClasses?.[0]?.label).toBe('Apps patients use');
      expect(catalog.entries['Consent']?.sensitive).toBe(true);
      expect(catalog.entries['Observation']?.queries[0]?.sensitive).toBe(true);
    }
  });
});
