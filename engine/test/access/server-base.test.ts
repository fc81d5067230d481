/** serverBase: parsing, the own-base test, reference kinds, and the policy keywords of item 3. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyReference, refersTo } from '../../src/access/fhir-reference.js';
import { offsetUnderBase, parseServerBase } from '../../src/access/server-base.js';
import { authorize } from '../../src/access/authorize.js';
import { filterSearchBundle } from '../../src/access/filter-search-bundle.js';
import { compilePolicySet } from '../../src/compile/index.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

describe('parseServerBase', () => {
  it('normalizes scheme, host, default port and trailing slashes; keeps the path case', () => {
    expect(parseServerBase('HTTPS://EHR.Example.org:443/FHIR/R4//')?.text).toBe('https://ehr.example.org/FHIR/R4');
    expect(parseServerBase('http://x:8080')?.text).toBe('http://x:8080');
    for (const bad of ['', 'x', 'ftp://x', 'https://', 'https://u@x/f', 'https://x/f?q', 'https://x/f#a', 'https://x y/f', '//x/f'])
      expect(parseServerBase(bad), bad).toBeNull();
  });
  it('a reference is under the base only at a segment boundary', () => {
    const b = parseServerBase('https://ehr.example.org/fhir') as NonNullable<ReturnType<typeof parseServerBase>>;
    expect(offsetUnderBase('https://ehr.example.org/fhir/Patient/1', b)).toBe('https://ehr.example.org/fhir/'.length);
    for (const r of [
      'https://ehr.example.org/fhirx/Patient/1',
      'https://ehr.example.org.x/fhir/Patient/1',
      'https://ehr.example.org:80/fhir/Patient/1',
      'http://ehr.example.org/fhir/Patient/1',
      'https://ehr.example.org/fhir',
    ]) {
      expect(offsetUnderBase(r, b), r).toBe(-1);
    }
  });
});

describe('reference kinds', () => {
  const base = parseServerBase('https://ehr.example.org/fhir') ?? undefined;
  it.each([
    ['Patient/1', 'local'],
    ['Patient/1/_history/2', 'local'],
    ['https://ehr.example.org/fhir/Patient/1', 'local'],
    ['https://other.example/fhir/Patient/1', 'foreign'],
    ['#c', 'contained'],
    ['urn:uuid:1', 'logical'],
    ['Patient/1/_history/2/Patient/3', 'malformed'],
    ['Patient/1/x', 'malformed'],
    ['Nope/1', 'malformed'],
    ['Patient?identifier=x', 'malformed'],
    ['', 'malformed'],
  ])('%s is %s', (r, kind) => {
    expect(classifyReference(r, base).kind).toBe(kind);
  });

  it('refersTo agrees with classifyReference on generated references', () => {
    const part = fc.constantFrom(
      'Patient',
      '123',
      '456',
      '_history',
      '1',
      '',
      'https:',
      'ehr.example.org',
      'fhir',
      'other.example',
      'Group',
      '#c',
      'urn:uuid:1',
      '..',
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 8 }), fc.boolean(), (parts, withBase) => {
        const r = parts.join('/');
        const b = withBase ? base : undefined;
        const k = classifyReference(r, b);
        const local123 = k.kind === 'local' && k.type === 'Patient' && k.id === '123';
        expect(refersTo(r, 'Patient', '123', b), r).toBe(local123);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('policy keywords', () => {
  const header = (options: string) => `policy "T" {\n  fhir R4\n  locales en\n  default locale en\n${options}}\n`;
  it('patient.write_links and server.base compile to the access options', () => {
    const parsed = parsePolicy(
      header('  option patient.write_links primary\n  option server.base "https://ehr.example.org/fhir"\n'),
      '/repo/p.smartpolicy',
    );
    const { bundle, diagnostics } = compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics }, { relativeTo: '/repo' });
    expect(diagnostics).toEqual([]);
    expect(bundle?.policy.options.access).toMatchObject({ patientWriteLinks: 'primary', serverBase: 'https://ehr.example.org/fhir' });
  });
  it('defaults are the safe ones, and bad values are diagnosed', () => {
    const ok = parsePolicy(header(''), '/repo/p.smartpolicy');
    expect(
      compilePolicySet({ files: [ok.ast], diagnostics: ok.diagnostics }, { relativeTo: '/repo' }).bundle?.policy.options.access,
    ).toMatchObject({ patientWriteLinks: 'all', serverBase: '' });
    for (const bad of ['  option patient.write_links some\n', '  option server.base "ftp://x"\n']) {
      expect(parsePolicy(header(bad), '/repo/p.smartpolicy').diagnostics.length, bad).toBeGreaterThan(0);
    }
  });
});

describe('query restrictions and narrowing use the same own-base rule', () => {
  // A scope query or a narrowing filter naming Patient/123 must not match another server's Patient/123.
  const stored = (ref: string) => ({ resourceType: 'Observation', id: 'o1', status: 'final', code: {}, subject: { reference: ref } });
  const granted = ['user/Observation.rs?subject=Patient/123'];
  const read = (ref: string, context: Record<string, string>) =>
    authorize({ granted, context, request: { method: 'GET', path: 'Observation/o1' }, resource: stored(ref) }).decision;
  it.each([
    ['Patient/123', {}, 'allow'],
    ['https://other.example/fhir/Patient/123', {}, 'deny'],
    ['https://other.example/fhir/Patient/123', { serverBase: 'https://ehr.example.org/fhir' }, 'deny'],
    ['https://ehr.example.org/fhir/Patient/123', { serverBase: 'https://ehr.example.org/fhir' }, 'allow'],
    ['https://ehr.example.org/fhir/Patient/123', {}, 'deny'],
  ])('read of a resource whose subject is %s (context %j): %s', (ref, context, want) => {
    expect(read(ref, context)).toBe(want);
  });
  it('filterSearchBundle by a decision drops a foreign reference that a careless server matched', () => {
    const decision = authorize({
      granted: ['patient/Observation.rs'],
      context: { patient: '123' },
      request: { method: 'GET', path: 'Observation' },
    });
    expect(decision.decision).toBe('allow');
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: stored('Patient/123'), search: { mode: 'match' } },
        { resource: { ...stored('https://other.example/fhir/Patient/123'), id: 'o2' }, search: { mode: 'match' } },
      ],
    };
    const out = filterSearchBundle(decision, { patient: '123' }, bundle);
    expect(out.removed.map((r) => r.reference)).toEqual(['Observation/o2']);
  });
});
