import { describe, expect, it } from 'vitest';
import { compileQuery, matchQuery, matchesQuery } from '../../src/access/query-match.js';
import { isCompiledNatively } from '../../src/access/element-accessor.js';
import searchData from '../../src/fhir/data/search-parameters-r4.json' with { type: 'json' };
import type { SearchParameterDefinition } from '../../src/fhir/search-parameters.js';

const R4_SEARCH_PARAMETERS = searchData.byResource as Record<string, Record<string, SearchParameterDefinition>>;

const CAT = 'http://terminology.hl7.org/CodeSystem/observation-category';
const obs = (extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  category: [{ coding: [{ system: CAT, code: 'laboratory' }] }, { coding: [{ system: CAT, code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '718-7', display: 'Hemoglobin' }], text: 'Hemoglobin [Mass/volume]' },
  subject: { reference: 'Patient/123' },
  effectiveDateTime: '2024-03-15T10:30:00Z',
  valueQuantity: { value: 13.5, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' },
  ...extra,
});
const m = (r: object, q: string, decode = true) =>
  matchesQuery(
    r,
    q.split('&').map((p) => {
      const i = p.indexOf('=');
      return { name: p.slice(0, i), value: p.slice(i + 1) };
    }),
    decode,
  );

describe('token', () => {
  it.each([
    [`category=${CAT}|laboratory`, true],
    [`category=${CAT}|vital-signs`, true], // any repetition
    [`category=${CAT}|imaging`, false],
    ['category=laboratory', true],
    [`category=${CAT}|`, true],
    ['category=|laboratory', false], // coding has a system
    ['category=imaging,laboratory', true], // comma = OR
    ['status=final', true],
    ['status=|final', true],
    ['status=amended', false],
    ['status=http://hl7.org/fhir/observation-status|final', false], // primitives carry no system
    ['code=http://loinc.org|718-7', true],
    ['code:text=hemo', true],
    ['code:text=glucose', false],
    ['status:not=amended', true],
    ['status:not=final', false],
    ['_id=o1', true],
    ['_id=o2', false],
    ['code:in=http://vs', false], // unsupported modifier: fail closed
  ])('%s → %s', (q, want) => expect(m(obs(), q)).toBe(want));

  it('matches Identifier and boolean elements', () => {
    const p = { resourceType: 'Patient', id: 'p', identifier: [{ system: 'urn:mrn', value: 'A1' }], active: true };
    expect(m(p, 'identifier=urn:mrn|A1')).toBe(true);
    expect(m(p, 'identifier=A1')).toBe(true);
    expect(m(p, 'identifier=urn:ssn|A1')).toBe(false);
    expect(m(p, 'active=true')).toBe(true);
    expect(m(p, 'active=false')).toBe(false);
    expect(m({ resourceType: 'Patient', telecom: [{ system: 'email', value: 'a@b.c' }] }, 'email=a@b.c')).toBe(true);
    expect(m({ resourceType: 'Patient', telecom: [{ system: 'phone', value: 'a@b.c' }] }, 'email=a@b.c')).toBe(false);
  });

  it('percent-encoded scope values are decoded per option', () => {
    expect(m(obs(), 'category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory')).toBe(true);
    expect(m(obs(), 'category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory', false)).toBe(false);
  });

  it('escaped separators', () => {
    expect(m({ resourceType: 'Observation', status: 'a,b' }, 'status=a\\,b')).toBe(true);
  });
});

describe('reference', () => {
  it.each([
    ['subject=Patient/123', true],
    ['subject=123', true],
    ['subject=https://ehr.example.org/fhir/Patient/123', true],
    ['subject=Patient/456', false],
    ['subject:Patient=123', true],
    ['subject:Group=123', false],
    ['patient=123', true],
    ['patient=Patient/123', true],
    ['performer=Patient/123', false],
    ['subject:missing=false', true],
    ['performer:missing=true', true],
    ['subject.name=peter', false], // chains are not evaluated
  ])('%s → %s', (q, want) => expect(m(obs(), q)).toBe(want));
});

describe('string', () => {
  const p = { resourceType: 'Patient', name: [{ family: 'Müller', given: ['Éva', 'Rose'] }], address: [{ city: 'Zürich' }] };
  it.each([
    ['name=mull', true],
    ['name=MÜLLER', true],
    ['name=eva', true],
    ['name=rose', true],
    ['name=smith', false],
    ['name:exact=Müller', true],
    ['name:exact=muller', false],
    ['name:contains=ller', true],
    ['family=mü', true],
    ['address-city=zur', true],
  ])('%s → %s', (q, want) => expect(m(p, q)).toBe(want));
});

describe('date', () => {
  it.each([
    ['date=2024', true],
    ['date=2024-03', true],
    ['date=2024-03-15', true],
    ['date=2024-03-16', false],
    ['date=ge2024-01-01', true],
    ['date=gt2024-03-15', false],
    ['date=gt2024-03-14', true],
    ['date=lt2024-03-16', true],
    ['date=le2024-03-15', true],
    ['date=lt2024-03-15', false],
    ['date=ne2024-03-16', true],
    ['date=sa2024-03-14', true],
    ['date=eb2024-03-16', true],
    ['date=eb2024-03-15', false],
    ['date=ap2024-03', true],
    ['date=2024-03-15T10:30:00Z', true],
    ['date=2024-03-15T12:30:00+02:00', true],
    ['date=notadate', false],
  ])('%s → %s', (q, want) => expect(m(obs(), q)).toBe(want));

  it('periods are ranges; open ends are infinite', () => {
    const e = { resourceType: 'Encounter', period: { start: '2024-01-01', end: '2024-01-10' } };
    expect(m(e, 'date=2024-01')).toBe(true);
    expect(m(e, 'date=2024-01-05')).toBe(false); // the period is not inside one day
    expect(m(e, 'date=ge2024-01-05')).toBe(true);
    expect(m({ resourceType: 'Encounter', period: { start: '2024-01-01' } }, 'date=gt2030-01-01')).toBe(true);
  });
});

describe('uri, number, quantity', () => {
  it('uri exact and below', () => {
    const vs = { resourceType: 'ValueSet', url: 'http://example.org/vs/a' };
    expect(m(vs, 'url=http://example.org/vs/a')).toBe(true);
    expect(m(vs, 'url=http://example.org/vs')).toBe(false);
    expect(m(vs, 'url:below=http://example.org/vs')).toBe(true);
  });
  it('quantity with prefixes, system and code', () => {
    expect(m(obs(), 'value-quantity=13.5')).toBe(true);
    expect(m(obs(), 'value-quantity=gt13')).toBe(true);
    expect(m(obs(), 'value-quantity=lt13')).toBe(false);
    expect(m(obs(), 'value-quantity=13.5|http://unitsofmeasure.org|g/dL')).toBe(true);
    expect(m(obs(), 'value-quantity=13.5||g/dL')).toBe(true);
    expect(m(obs(), 'value-quantity=13.5|http://unitsofmeasure.org|mg')).toBe(false);
  });
  it('number with implied precision', () => {
    const r = { resourceType: 'RiskAssessment', prediction: [{ probabilityDecimal: 0.81 }] };
    expect(m(r, 'probability=0.8')).toBe(true);
    expect(m(r, 'probability=0.80')).toBe(false);
    expect(m(r, 'probability=ge0.5')).toBe(true);
  });
});

describe('AND, unknown, unsupported', () => {
  it('all pairs must match', () => {
    expect(m(obs(), `category=${CAT}|laboratory&status=final`)).toBe(true);
    expect(m(obs(), `category=${CAT}|laboratory&status=preliminary`)).toBe(false);
  });
  it('unknown parameters, _filter, _has and composites never match, with a reason', () => {
    for (const q of ['nope=1', '_filter=status eq final', '_has:Observation:patient:code=1', 'code-value-quantity=x$1', '_text=hemo']) {
      const [name, value] = [q.slice(0, q.indexOf('=')), q.slice(q.indexOf('=') + 1)];
      const why = matchQuery(obs(), compileQuery('Observation', [{ name, value }]));
      expect(why, q).toMatch(/cannot be evaluated/);
    }
  });
  it('result parameters do not filter', () => {
    expect(m(obs(), '_count=10&status=final')).toBe(true);
  });
  it('a resource of another type never matches', () => {
    expect(matchQuery({ resourceType: 'Condition' }, compileQuery('Observation', [{ name: 'status', value: 'final' }]))).toMatch(
      /not a Observation/,
    );
  });
});

describe('compiled accessors', () => {
  it('compile natively for the simple shapes (>95% of R4 expressions)', () => {
    let total = 0;
    let native = 0;
    for (const [type, params] of Object.entries(R4_SEARCH_PARAMETERS)) {
      if (type === 'Resource' || type === 'DomainResource') continue;
      for (const def of Object.values(params)) {
        if (def.expression === undefined) continue;
        total++;
        if (isCompiledNatively(type, def.expression)) native++;
      }
    }
    expect(native / total).toBeGreaterThan(0.95);
    expect(isCompiledNatively('Observation', '(Observation.value as Quantity) | (Observation.value as SampledData)')).toBe(true);
    expect(isCompiledNatively('Patient', "Patient.telecom.where(system='email')")).toBe(true);
    expect(isCompiledNatively('Patient', 'Patient.deceased.exists() and Patient.deceased != false')).toBe(false);
  });
  it('falls back to fhirpath for the others', () => {
    expect(m({ resourceType: 'Patient', deceasedBoolean: true }, 'deceased=true')).toBe(true);
    expect(m({ resourceType: 'Patient', deceasedBoolean: false }, 'deceased=true')).toBe(false);
  });
});
