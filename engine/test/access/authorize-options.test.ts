/** Every value of every access option. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_OPTIONS } from '../../src/access/access-options.js';
import { ACCESS_RULES } from '../../src/access/reasons.js';
import { LAB, ctx123, decide, obs } from './helpers.js';

const GET = (path: string, query?: string) => ({ method: 'GET', path, ...(query !== undefined ? { query } : {}) });

describe('defaults', () => {
  it('are the settled ones', () => {
    expect(DEFAULT_ACCESS_OPTIONS).toEqual({
      queryRestrictedSearch: 'narrow',
      patientSearchWithoutFilter: 'narrow',
      patientMembership: 'compartment',
      patientScopeNonCompartmentTypes: 'deny',
      operations: {},
      conditionalInteractions: 'deny',
      compartmentSearch: 'as-type-search',
      capabilities: 'allow',
      includes: 'require-search',
      scopeQueryValues: 'decode',
      v1Semantics: 'v2-mapping',
      patientLink: 'compartment',
      patientWriteLinks: 'all',
      serverBase: '',
    });
    expect(Object.isFrozen(DEFAULT_ACCESS_OPTIONS)).toBe(true);
  });
});

describe('queryRestrictedSearch', () => {
  const g = [`user/Observation.rs?category=${LAB}`];
  it('narrow: allowed with the scope query as narrowing', () => {
    const r = decide(g, GET('Observation', 'code=x'));
    expect(r.decision).toBe('allow');
    expect(r.narrowing?.[0]?.anyOf).toEqual([{ scope: g[0], filters: [{ name: 'category', value: LAB }] }]);
  });
  it('refuse: denied unless the search carries the constraint', () => {
    const r = decide(g, GET('Observation', 'code=x'), { options: { queryRestrictedSearch: 'refuse' } });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.searchNotLimited);
    expect(decide(g, GET('Observation', `category=${LAB}`), { options: { queryRestrictedSearch: 'refuse' } }).decision).toBe('allow');
  });
  it('a search with a subset of OR-ed scope values is inside', () => {
    const two = [`user/Observation.rs?category=${LAB},http://terminology.hl7.org/CodeSystem/observation-category|vital-signs`];
    expect(decide(two, GET('Observation', `category=${LAB}`), { options: { queryRestrictedSearch: 'refuse' } }).decision).toBe('allow');
  });
});

describe('patientSearchWithoutFilter', () => {
  it('narrow adds patient=<ctx>; refuse denies', () => {
    expect(decide(['patient/Observation.rs'], GET('Observation'), ctx123).narrowing?.[0]?.anyOf[0]?.filters).toEqual([
      { name: 'patient', value: '123' },
    ]);
    const r = decide(['patient/Observation.rs'], GET('Observation'), { ...ctx123, options: { patientSearchWithoutFilter: 'refuse' } });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.searchNotLimited);
    expect(
      decide(['patient/Observation.rs'], GET('Observation', 'patient=123'), {
        ...ctx123,
        options: { patientSearchWithoutFilter: 'refuse' },
      }).decision,
    ).toBe('allow');
  });
  it('types without a patient parameter narrow by their compartment link', () => {
    const r = decide(['patient/Group.rs'], GET('Group'), ctx123);
    expect(r.narrowing?.[0]?.anyOf[0]?.filters).toEqual([{ name: 'member', value: 'Patient/123' }]);
  });
});

describe('patientMembership', () => {
  const performed = {
    resourceType: 'Observation',
    id: 'o9',
    status: 'final',
    code: { text: 'x' },
    subject: { reference: 'Patient/9' },
    performer: [{ reference: 'Patient/123' }],
  };
  it('compartment: any link; primary: subject/patient only', () => {
    expect(decide(['patient/Observation.r'], GET('Observation/o9'), { ...ctx123, resource: performed }).decision).toBe('allow');
    expect(
      decide(['patient/Observation.r'], GET('Observation/o9'), {
        ...ctx123,
        resource: performed,
        options: { patientMembership: 'primary' },
      }).decision,
    ).toBe('deny');
  });
  it('primary: a performer filter does not limit a search', () => {
    expect(decide(['patient/Observation.s'], GET('Observation', 'performer=Patient/123'), ctx123).narrowing).toBeUndefined();
    expect(
      decide(['patient/Observation.s'], GET('Observation', 'performer=Patient/123'), {
        ...ctx123,
        options: { patientMembership: 'primary' },
      }).narrowing,
    ).toBeDefined();
  });
});

describe('patientScopeNonCompartmentTypes', () => {
  const med = { resourceType: 'Medication', id: 'm1' };
  it('deny: patient scopes grant nothing on Medication', () => {
    const r = decide(['patient/*.rs'], GET('Medication/m1'), { ...ctx123, resource: med });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.nonCompartmentType);
    expect(decide(['patient/Medication.rs'], GET('Medication', 'code=x'), ctx123).decision).toBe('deny');
  });
  it('read-search: read and search, but no writes', () => {
    const o = { options: { patientScopeNonCompartmentTypes: 'read-search' as const } };
    expect(decide(['patient/*.rs'], GET('Medication/m1'), { ...ctx123, resource: med, ...o }).decision).toBe('allow');
    const s = decide(['patient/Medication.rs'], GET('Medication', 'code=x'), { ...ctx123, ...o });
    expect(s.decision).toBe('allow');
    expect(s.narrowing).toBeUndefined();
    expect(decide(['patient/*.cruds'], { method: 'DELETE', path: 'Medication/m1' }, { ...ctx123, resource: med, ...o }).decision).toBe(
      'deny',
    );
  });
});

describe('operations', () => {
  it('{} denies; a mapping allows with its letters', () => {
    expect(decide(['patient/*.rs'], GET('Patient/123/$everything'), ctx123).decision).toBe('deny');
    const o = { options: { operations: { $everything: 'rs' } } };
    // _type: what it returns must be readable and searchable too (see operation-types.test.ts).
    const r = decide(['patient/*.rs'], GET('Patient/123/$everything', '_type=Observation,Condition'), { ...ctx123, ...o });
    expect(r.decision).toBe('allow');
    expect(r.interaction).toBe('operation');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.operationMapped);
    expect(decide(['patient/*.rs'], GET('Patient/456/$everything'), { ...ctx123, ...o }).decision).toBe('deny');
    expect(decide(['patient/*.r'], GET('Patient/123/$everything'), { ...ctx123, ...o }).decision).toBe('deny');
  });
  it('type- and system-level operations must already be inside the scope', () => {
    const o = { options: { operations: { $export: 's', $lastn: 's' } } };
    expect(decide(['system/*.rs'], GET('$export'), o).decision).toBe('allow');
    expect(decide(['system/Observation.rs'], GET('$export'), o).decision).toBe('deny');
    expect(decide(['patient/Observation.rs'], GET('Observation/$lastn', 'patient=123'), { ...ctx123, ...o }).decision).toBe('allow');
    expect(decide(['patient/Observation.rs'], GET('Observation/$lastn', 'code=x'), { ...ctx123, ...o }).decision).toBe('deny');
  });
  it('bad mappings are ignored (fail closed)', () => {
    expect(decide(['user/*.cruds'], GET('$export'), { options: { operations: { $export: 'sr' } } }).decision).toBe('deny');
  });
});

describe('conditionalInteractions', () => {
  const req = { method: 'PUT', path: 'Observation', query: 'identifier=x', body: obs('o', '123') };
  it('deny (default) and require-search (letter plus s)', () => {
    expect(decide(['user/Observation.cruds'], req).decision).toBe('deny');
    const o = { options: { conditionalInteractions: 'require-search' as const } };
    expect(decide(['user/Observation.us'], req, o).decision).toBe('allow');
    expect(decide(['user/Observation.u'], req, o).decision).toBe('deny');
    expect(decide(['user/Observation.s'], req, o).decision).toBe('deny');
    const p = decide(['patient/Observation.us'], req, { ...ctx123, ...o });
    expect(p.decision).toBe('allow');
    expect(p.narrowing).toBeDefined();
    expect(
      decide(
        ['patient/Observation.cs'],
        { method: 'POST', path: 'Observation', query: 'identifier=x', body: obs('n', '456') },
        { ...ctx123, ...o },
      ).decision,
    ).toBe('deny');
    expect(decide(['user/Observation.ds'], { method: 'DELETE', path: 'Observation', query: 'code=x' }, o).decision).toBe('allow');
  });
});

describe('compartmentSearch', () => {
  it('as-type-search (default) and deny', () => {
    expect(decide(['user/Observation.s'], GET('Patient/9/Observation')).decision).toBe('allow');
    expect(decide(['user/Observation.r'], GET('Patient/9/Observation')).decision).toBe('deny');
    const r = decide(['user/Observation.s'], GET('Patient/9/Observation'), { options: { compartmentSearch: 'deny' } });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.unmapped);
  });
  it('Patient/x/* needs every compartment type; _type narrows it', () => {
    expect(decide(['user/Observation.s'], GET('Patient/9/*')).decision).toBe('deny');
    expect(decide(['user/Observation.s'], GET('Patient/9/*', '_type=Observation')).decision).toBe('allow');
    expect(decide(['user/*.s'], GET('Patient/9/*')).decision).toBe('allow');
  });
  it('other compartments are type searches not limited to the patient', () => {
    expect(decide(['patient/Observation.s'], GET('Encounter/e1/Observation'), ctx123).narrowing).toBeDefined();
  });
});

describe('capabilities', () => {
  it('allow (default) and deny', () => {
    expect(decide([], GET('metadata')).decision).toBe('allow');
    expect(decide(['user/*.cruds'], GET('metadata'), { options: { capabilities: 'deny' } }).decision).toBe('deny');
  });
});

describe('includes', () => {
  it('require-search: each included type needs read and search', () => {
    expect(decide(['user/Observation.s', 'user/Patient.rs'], GET('Observation', '_include=Observation:patient')).decision).toBe('allow');
    const r = decide(['user/Observation.s'], GET('Observation', '_include=Observation:patient'));
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.includeNotCovered);
    expect(r.reasons[0]?.missing).toBe('user/Patient.r');
    expect(decide(['user/Observation.s', 'user/Patient.s'], GET('Observation', '_include=Observation:patient')).reasons[0]?.missing).toBe(
      'user/Patient.r',
    );
    expect(decide(['user/Observation.s', 'user/Patient.r'], GET('Observation', '_include=Observation:patient')).reasons[0]?.missing).toBe(
      'user/Patient.s',
    );
    expect(decide(['user/Observation.s'], GET('Observation', '_revinclude=Provenance:target')).decision).toBe('deny');
    expect(decide(['user/Observation.s', 'user/Provenance.rs'], GET('Observation', '_revinclude=Provenance:target')).decision).toBe(
      'allow',
    );
    expect(decide(['user/Observation.s'], GET('Observation', '_include=*')).decision).toBe('deny');
    expect(
      decide(['user/Observation.s', 'user/Patient.rs'], GET('Observation', '_include:iterate=Observation:subject:Patient')).decision,
    ).toBe('allow');
    expect(decide(['user/Patient.s'], GET('Patient', '_has:Observation:patient:code=1234')).decision).toBe('deny');
  });
  it('patient-level scopes: included compartment types are post-filtered, others refused', () => {
    const r = decide(['patient/*.rs'], GET('Observation', 'patient=123&_include=Observation:patient'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing).toEqual([
      { resourceType: 'Patient', anyOf: [{ scope: 'patient/*.rs', filters: [{ name: '_id', value: '123' }] }], apply: 'result' },
    ]);
    expect(decide(['patient/*.rs'], GET('Observation', 'patient=123&_include=Observation:performer:Practitioner'), ctx123).decision).toBe(
      'deny',
    );
  });
  it('deny: any include is refused', () => {
    expect(decide(['user/*.rs'], GET('Observation', '_include=Observation:patient'), { options: { includes: 'deny' } }).decision).toBe(
      'deny',
    );
  });
});

describe('scopeQueryValues', () => {
  const g = ['user/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory'];
  it('decode (default) compares decoded values; literal compares as written', () => {
    expect(decide(g, GET('Observation/o1'), { resource: obs('o1', '1') }).decision).toBe('allow');
    expect(decide(g, GET('Observation/o1'), { resource: obs('o1', '1'), options: { scopeQueryValues: 'literal' } }).decision).toBe('deny');
    const n = decide(g, GET('Observation', 'code=x'));
    expect(n.narrowing?.[0]?.anyOf[0]?.filters[0]?.value).toBe(LAB);
  });
});

describe('v1Semantics', () => {
  it('v2-mapping: read = rs, write = cud, * = cruds', () => {
    expect(decide(['user/Observation.read'], GET('Observation', 'code=x')).decision).toBe('allow');
    expect(decide(['user/Observation.read'], { method: 'POST', path: 'Observation', body: obs('n', '1') }).decision).toBe('deny');
    expect(decide(['user/Observation.write'], { method: 'POST', path: 'Observation', body: obs('n', '1') }).decision).toBe('allow');
    expect(decide(['user/*.*'], { method: 'DELETE', path: 'Condition/c1' }).decision).toBe('allow');
    expect(decide(['user/Observation.read', 'user/Observation.write'], { method: 'DELETE', path: 'Observation/o1' }).decision).toBe(
      'allow',
    );
  });
});

describe('patientLink', () => {
  const linked = { resourceType: 'Patient', id: '9', link: [{ other: { reference: 'Patient/123' }, type: 'seealso' }] };
  it('compartment (default) reaches linked Patient records; ignore does not', () => {
    expect(decide(['patient/Patient.r'], GET('Patient/9'), { ...ctx123, resource: linked }).decision).toBe('allow');
    expect(
      decide(['patient/Patient.r'], GET('Patient/9'), { ...ctx123, resource: linked, options: { patientLink: 'ignore' } }).decision,
    ).toBe('deny');
  });
});

describe('unknown option values fail closed', () => {
  it('an unknown value takes the strict branch', () => {
    const o = { options: { patientSearchWithoutFilter: 'whatever', conditionalInteractions: 'yes', capabilities: 'maybe' } as never };
    expect(decide(['patient/Observation.rs'], GET('Observation'), { ...ctx123, ...o }).decision).toBe('deny');
    expect(decide([], GET('metadata'), o).decision).toBe('deny');
  });
});
