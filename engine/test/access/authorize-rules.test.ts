/** One or more cases for every access rule of SMART App Launch, Scopes and Launch Context (rules 17–30 of the project's checklist). */
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import { ACCESS_RULES } from '../../src/access/reasons.js';
import { CAT, LAB, cond, ctx123, decide, obs } from './helpers.js';

const GET = (path: string, query?: string) => ({ method: 'GET', path, ...(query !== undefined ? { query } : {}) });

describe('rule 17: each interaction needs its letter', () => {
  const cases: [string, string, object, object | null | undefined][] = [
    ['c', 'POST', { path: 'Observation', body: obs('n', '1') }, undefined],
    ['r', 'GET', { path: 'Observation/o1' }, obs('o1', '1')],
    ['r', 'GET', { path: 'Observation/o1/_history/1' }, obs('o1', '1')],
    ['r', 'GET', { path: 'Observation/o1/_history' }, obs('o1', '1')],
    ['u', 'PUT', { path: 'Observation/o1', body: obs('o1', '1') }, obs('o1', '1')],
    ['u', 'PUT', { path: 'Observation/o1', body: obs('o1', '1') }, null],
    ['u', 'PATCH', { path: 'Observation/o1', body: [] }, obs('o1', '1')],
    ['d', 'DELETE', { path: 'Observation/o1' }, obs('o1', '1')],
    ['s', 'GET', { path: 'Observation', query: 'code=x' }, undefined],
    ['s', 'POST', { path: 'Observation/_search', body: 'code=x' }, undefined],
    ['s', 'GET', { path: 'Observation/_history' }, undefined],
  ];
  for (const [letter, method, req, resource] of cases) {
    for (const granted of ['c', 'r', 'u', 'd', 's']) {
      const want = granted === letter ? 'allow' : 'deny';
      it(`user/Observation.${granted}: ${method} ${(req as { path: string }).path} → ${want}`, () => {
        const r = authorize({
          granted: [`user/Observation.${granted}`],
          request: { method, ...(req as { path: string }) },
          resource: resource as never,
        });
        expect(r.decision).toBe(want);
        if (want === 'deny') {
          expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.letterMissing);
          expect(r.reasons[0]?.missing).toBe(`user/Observation.${letter}`);
          expect(r.reasons[0]?.present).toEqual([`user/Observation.${granted}`]);
        } else expect(r.reasons[0]?.scope).toBe(`user/Observation.${granted}`);
      });
    }
  }
  it('system search and history need s', () => {
    expect(decide(['user/*.s'], GET('_history')).decision).toBe('allow');
    expect(decide(['user/*.r'], GET('_history')).decision).toBe('deny');
    expect(decide(['user/*.s'], GET('', '_type=Observation')).decision).toBe('allow');
  });
});

describe('rule 18: no letter implies another', () => {
  it('cud gives no read or search; s gives no read; r gives no search', () => {
    expect(decide(['user/Observation.cud'], GET('Observation/o1'), { resource: obs('o1', '1') }).decision).toBe('deny');
    expect(decide(['user/Observation.cud'], GET('Observation')).decision).toBe('deny');
    expect(decide(['user/Observation.s'], GET('Observation/o1'), { resource: obs('o1', '1') }).decision).toBe('deny');
    expect(decide(['user/Observation.r'], GET('Observation')).decision).toBe('deny');
    expect(decide(['user/Observation.write'], GET('Observation/o1'), { resource: obs('o1', '1') }).decision).toBe('deny');
    expect(
      decide(['patient/Observation.read'], { method: 'DELETE', path: 'Observation/o1' }, { ...ctx123, resource: obs('o1', '123') })
        .decision,
    ).toBe('deny');
  });
});

describe('rule 19: union of scopes', () => {
  it('X.r + X.s ≡ X.rs', () => {
    expect(decide(['patient/Observation.r', 'patient/Observation.s'], GET('Observation', 'patient=123'), ctx123).decision).toBe('allow');
    expect(
      decide(['patient/Observation.r', 'patient/Observation.s'], GET('Observation/o1'), { ...ctx123, resource: obs('o1', '123') }).decision,
    ).toBe('allow');
  });
  it('two query scopes together cover both categories', () => {
    const granted = [`patient/Observation.rs?category=${LAB}`, `patient/Observation.rs?category=${CAT}|vital-signs`];
    expect(decide(granted, GET('Observation/o2'), { ...ctx123, resource: obs('o2', '123', 'vital-signs') }).decision).toBe('allow');
    expect(decide(granted, GET('Observation/o3'), { ...ctx123, resource: obs('o3', '123', 'imaging') }).decision).toBe('deny');
  });
});

describe('rule 20: the scope type equals the request type or is *', () => {
  it('type must match, * matches all', () => {
    expect(decide(['user/Observation.rs'], GET('Condition/c1'), { resource: cond('c1', '1') }).decision).toBe('deny');
    expect(decide(['user/*.rs'], GET('Condition/c1'), { resource: cond('c1', '1') }).decision).toBe('allow');
    expect(decide(['user/*.rs'], GET('Encounter', 'date=ge2024')).decision).toBe('allow');
  });
});

describe('rule 21: system-level search/history needs every type covered', () => {
  it('no _type: only * with s', () => {
    const r = decide(['user/Observation.s'], GET('_history'));
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.systemTypes);
    expect(r.reasons[0]?.missing).toBe('user/*.s');
    expect(decide(['user/Observation.s'], GET('', '_lastUpdated=ge2024')).decision).toBe('deny');
  });
  it('_type list all covered', () => {
    expect(decide(['user/Observation.s', 'user/Condition.s'], GET('', '_type=Observation,Condition')).decision).toBe('allow');
    expect(decide(['user/Observation.s'], GET('', '_type=Observation,Condition')).decision).toBe('deny');
    expect(decide(['user/Observation.s'], { method: 'POST', path: '_search', body: '_type=Observation' }).decision).toBe('allow');
  });
  it('patient-level * scopes do not cover a search across every type', () => {
    expect(decide(['patient/*.rs'], GET('_history'), ctx123).decision).toBe('deny');
    const r = decide(['patient/*.rs'], GET('', '_type=Observation,Condition&patient=123'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing).toBeUndefined();
  });
  it('a _type list under patient scopes is narrowed per type', () => {
    const r = decide(['patient/*.rs'], GET('', '_type=Observation,Condition'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing?.map((n) => n.resourceType)).toEqual(['Observation', 'Condition']);
  });
});

describe('rule 22: batch and transaction entries are authorized one by one', () => {
  const bundle = (type: string, entries: unknown[]) => ({
    method: 'POST',
    path: '',
    body: { resourceType: 'Bundle', type, entry: entries },
  });
  const get = (url: string) => ({ request: { method: 'GET', url } });
  it('a transaction with one refused entry is refused as a whole', () => {
    const r = decide(['user/Observation.rs'], bundle('transaction', [get('Observation/o1'), get('Condition/c1')]), {
      resources: { 'Observation/o1': obs('o1', '1'), 'Condition/c1': cond('c1', '1') },
    });
    expect(r.decision).toBe('deny');
    expect(r.interaction).toBe('transaction');
    expect(r.entries?.map((e) => e.decision)).toEqual(['allow', 'deny']);
    expect(r.entries?.[1]?.reasons[0]?.entry).toBe(1);
    expect(r.reasons.some((x) => x.entry === 1 && x.missing === 'user/Condition.r')).toBe(true);
  });
  it('a batch is decided per entry; the whole is allowed only when every entry is', () => {
    const r = decide(['user/Observation.rs'], bundle('batch', [get('Observation/o1'), get('Condition/c1')]));
    expect(r.interaction).toBe('batch');
    expect(r.entries?.map((e) => e.decision)).toEqual(['allow', 'deny']);
    expect(r.decision).toBe('deny');
    const ok = decide(['user/Observation.rs'], bundle('batch', [get('Observation/o1'), get('Observation?code=x')]));
    expect(ok.decision).toBe('allow');
    expect(ok.entries?.map((e) => e.interaction)).toEqual(['read', 'search-type']);
  });
  it('entries use stored resources from resources{} and bodies for creates', () => {
    const granted = ['patient/Observation.cru'];
    const entries = [
      { resource: obs('n', '123'), request: { method: 'POST', url: 'Observation' } },
      { resource: obs('o1', '123'), request: { method: 'PUT', url: 'Observation/o1' } },
      get('Observation/o2'),
    ];
    const r = decide(granted, bundle('transaction', entries), {
      ...ctx123,
      resources: { 'Observation/o1': obs('o1', '123'), 'Observation/o2': obs('o2', '456') },
    });
    expect(r.entries?.map((e) => e.decision)).toEqual(['allow', 'allow', 'deny']);
    expect(r.entries?.[2]?.reasons[0]?.rule).toBe(ACCESS_RULES.patientCompartment);
  });
  it('absolute entry URLs, conditional creates via ifNoneExist, malformed and nested entries', () => {
    const r = decide(
      ['user/Observation.cruds'],
      bundle('batch', [
        get('https://ehr.example.org/fhir/Observation/o1'),
        { resource: obs('n', '1'), request: { method: 'POST', url: 'Observation', ifNoneExist: 'identifier=x' } },
        { request: { method: 'GET' } },
        'junk',
        { request: { method: 'POST', url: '' }, resource: { resourceType: 'Bundle', type: 'batch' } },
      ]),
    );
    expect(r.entries?.map((e) => e.interaction)).toEqual(['read', 'create-conditional', 'unknown', 'unknown', 'batch']);
    expect(r.entries?.map((e) => e.decision)).toEqual(['allow', 'deny', 'deny', 'deny', 'deny']);
    expect(r.errors.map((e) => e.path)).toEqual(['$.request.body.entry[2].request.url', '$.request.body.entry[3]']);
  });
  it('an empty transaction is allowed (nothing to authorize)', () => {
    expect(decide(['user/Observation.r'], bundle('transaction', [])).decision).toBe('allow');
  });
});

describe('rule 23: patient scopes need a patient in context', () => {
  it('without context patient every patient scope grants nothing', () => {
    const r = decide(['patient/Observation.rs'], GET('Observation', 'patient=123'));
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.patientContextMissing);
    expect(decide(['patient/Observation.rs'], GET('Observation/o1'), { resource: obs('o1', '123') }).decision).toBe('deny');
    expect(decide(['patient/Patient.r'], GET('Patient/123')).decision).toBe('deny');
    expect(decide(['patient/Patient.r'], GET('Patient/123'), { context: { patient: '' } }).decision).toBe('deny');
  });
});

describe('rule 24: patient scopes reach only the patient compartment', () => {
  it('instances: the stored resource must be about the patient', () => {
    expect(
      decide(['patient/*.rs'], GET('AllergyIntolerance/a1'), {
        ...ctx123,
        resource: { resourceType: 'AllergyIntolerance', id: 'a1', patient: { reference: 'Patient/123' } },
      }).decision,
    ).toBe('allow');
    const r = decide(['patient/*.rs'], GET('Condition/c2'), { ...ctx123, resource: cond('c2', '456') });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.patientCompartment);
    expect(r.reasons[0]?.present).toEqual(['patient/*.rs']);
  });
  it('the patient own record is known from the path', () => {
    expect(decide(['patient/Patient.r'], GET('Patient/123'), ctx123).decision).toBe('allow');
    expect(decide(['patient/Patient.r'], GET('Patient/456'), ctx123).decision).toBe('deny');
    expect(
      decide(['patient/Patient.r'], GET('Patient/456'), { ...ctx123, resource: { resourceType: 'Patient', id: '456' } }).decision,
    ).toBe('deny');
  });
  it('without the stored resource a non-Patient instance cannot be checked', () => {
    const r = decide(['patient/Observation.rs'], GET('Observation/o1'), ctx123);
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.resourceRequired);
  });
  it('create and update bodies must be about the patient too', () => {
    expect(decide(['patient/Observation.c'], { method: 'POST', path: 'Observation', body: obs('n', '123') }, ctx123).decision).toBe(
      'allow',
    );
    expect(decide(['patient/Observation.c'], { method: 'POST', path: 'Observation', body: obs('n', '456') }, ctx123).decision).toBe('deny');
    expect(
      decide(
        ['patient/Observation.u'],
        { method: 'PUT', path: 'Observation/o1', body: obs('o1', '456') },
        { ...ctx123, resource: obs('o1', '123') },
      ).decision,
    ).toBe('deny');
    expect(
      decide(
        ['patient/Observation.u'],
        { method: 'PUT', path: 'Observation/o1', body: obs('o1', '123') },
        { ...ctx123, resource: obs('o1', '456') },
      ).decision,
    ).toBe('deny');
    expect(
      decide(['patient/Observation.u'], { method: 'PUT', path: 'Observation/o1', body: obs('o1', '123') }, { ...ctx123, resource: null })
        .interaction,
    ).toBe('update-as-create');
    expect(
      decide(['patient/Observation.u'], { method: 'PUT', path: 'Observation/o1', body: obs('o1', '123') }, { ...ctx123, resource: null })
        .decision,
    ).toBe('allow');
  });
  it('searches: an explicit patient filter (patient=, subject=, subject=Patient/x, compartment) needs no narrowing', () => {
    for (const q of [
      'patient=123',
      'subject=Patient/123',
      'subject=123',
      'patient=Patient/123',
      'subject=https://ehr.example.org/fhir/Patient/123',
      'patient:Patient=123',
      'performer=Patient/123',
    ]) {
      // An absolute URL names the context patient only under the server's own base.
      const r = decide(['patient/Observation.rs'], GET('Observation', q), {
        context: { patient: '123', serverBase: 'https://ehr.example.org/fhir/' },
      });
      expect(r.decision, q).toBe('allow');
      expect(r.narrowing, q).toBeUndefined();
    }
    const c = decide(['patient/Observation.rs'], GET('Patient/123/Observation'), ctx123);
    expect(c.decision).toBe('allow');
    expect(c.narrowing).toBeUndefined();
    expect(decide(['patient/Patient.rs'], GET('Patient', '_id=123'), ctx123).narrowing).toBeUndefined();
  });
  it('searches without a filter get patient=<ctx> added', () => {
    const r = decide(['patient/Observation.rs'], GET('Observation', 'code=x'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing).toEqual([
      { resourceType: 'Observation', anyOf: [{ scope: 'patient/Observation.rs', filters: [{ name: 'patient', value: '123' }] }] },
    ]);
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.narrowed);
    expect(decide(['patient/Patient.rs'], GET('Patient', 'name=x'), ctx123).narrowing?.[0]?.anyOf[0]?.filters).toEqual([
      { name: '_id', value: '123' },
    ]);
    // A subject reference to a non-patient does not limit the search.
    expect(decide(['patient/Observation.rs'], GET('Observation', 'subject=Group/1'), ctx123).narrowing).toBeDefined();
    // A bare id on a parameter that may name a Practitioner does not count as the patient.
    expect(decide(['patient/Observation.rs'], GET('Observation', 'performer=123'), ctx123).narrowing).toBeDefined();
  });
  it('type history under patient scopes is narrowed', () => {
    const r = decide(['patient/Observation.rs'], GET('Observation/_history'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing).toBeDefined();
  });
});

describe('rule 25: explicit requests for another patient are refused', () => {
  it.each([
    'patient=456',
    'subject=Patient/456',
    'patient=123,456',
    'patient=123&subject=Patient/456',
    'subject=https://x/fhir/Patient/456',
  ])('%s', (q) => {
    const r = decide(['patient/Observation.rs'], GET('Observation', q), ctx123);
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.otherPatient);
  });
  it('compartment search of another patient', () => {
    expect(decide(['patient/Observation.rs'], GET('Patient/456/Observation'), ctx123).decision).toBe('deny');
    expect(decide(['patient/*.rs'], GET('Patient/456/*'), ctx123).decision).toBe('deny');
    expect(decide(['patient/*.rs'], GET('Patient/123/*'), ctx123).decision).toBe('allow');
    expect(decide(['patient/Patient.rs'], GET('Patient', '_id=456'), ctx123).decision).toBe('deny');
  });
  it('a user scope still allows it (union)', () => {
    expect(decide(['patient/Observation.rs', 'user/Observation.s'], GET('Observation', 'patient=456'), ctx123).decision).toBe('allow');
  });
});

describe('rule 26: query-restricted scopes cover only matching resources', () => {
  const granted = [`patient/Observation.rs?category=${LAB}`];
  it('instances must match', () => {
    expect(decide(granted, GET('Observation/o1'), { ...ctx123, resource: obs('o1', '123') }).decision).toBe('allow');
    const r = decide(granted, GET('Observation/o2'), { ...ctx123, resource: obs('o2', '123', 'vital-signs') });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.queryMismatch);
    expect(r.reasons[0]?.scope).toBe(granted[0]);
  });
  it('AND across pairs', () => {
    const g = [`patient/Observation.rs?category=${LAB}&status=final`];
    expect(decide(g, GET('Observation/o5'), { ...ctx123, resource: obs('o5', '123', 'laboratory', 'preliminary') }).decision).toBe('deny');
  });
  it('created and updated resources must match', () => {
    const g = ['user/Basic.cuds?code=https://myapp.example.org|hospital-config'];
    const basic = (code: string) => ({ resourceType: 'Basic', code: { coding: [{ system: 'https://myapp.example.org', code }] } });
    expect(decide(g, { method: 'POST', path: 'Basic', body: basic('hospital-config') }).decision).toBe('allow');
    expect(decide(g, { method: 'POST', path: 'Basic', body: basic('user-preferences') }).decision).toBe('deny');
    expect(
      decide(
        g,
        { method: 'PUT', path: 'Basic/b1', body: basic('user-preferences') },
        { resource: { ...basic('hospital-config'), id: 'b1' } },
      ).decision,
    ).toBe('deny');
  });
  it('a search carrying the constraint needs no narrowing; one lacking it is narrowed', () => {
    const inside = decide(granted, GET('Observation', `category=${LAB}&patient=123`), ctx123);
    expect(inside.decision).toBe('allow');
    expect(inside.narrowing).toBeUndefined();
    const outside = decide(granted, GET('Observation', 'code=x'), ctx123);
    expect(outside.decision).toBe('allow');
    expect(outside.narrowing?.[0]?.anyOf[0]?.filters).toEqual([
      { name: 'patient', value: '123' },
      { name: 'category', value: LAB },
    ]);
  });
  it('the stored resource is needed to check a query scope', () => {
    expect(decide(['user/Observation.r?status=final'], GET('Observation/o1')).reasons[0]?.rule).toBe(ACCESS_RULES.resourceRequired);
  });
});

describe('rule 27: user and system scopes do not restrict by patient', () => {
  it('user scope reads another patient with a patient in context', () => {
    expect(decide(['user/Observation.rs'], GET('Observation/o3'), { ...ctx123, resource: obs('o3', '456') }).decision).toBe('allow');
    expect(decide(['system/Observation.rs'], GET('Observation', 'patient=456')).decision).toBe('allow');
    expect(decide(['user/Observation.rs'], GET('Observation/o3')).decision).toBe('allow');
  });
});

describe('rule 28: non-resource scopes grant no REST access', () => {
  it.each([
    ['launch'],
    ['launch/patient'],
    ['openid'],
    ['fhirUser'],
    ['profile'],
    ['offline_access'],
    ['online_access'],
    ['__profilePhoto.manage'],
    ['https://ehr.example.org/scopes/x'],
    ['system/DynamicClient.register'],
  ])('%s', (s) => {
    const r = decide([s], GET('Observation/o1'), { ...ctx123, resource: obs('o1', '123') });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.noResourceScopes);
  });
  it('invalid scopes grant nothing and are never reinterpreted', () => {
    for (const s of [
      'patient/Observation.sr',
      'patient/Observation.rd?',
      'patient/observation.rs',
      'Observation.rs',
      'patient/Observation.read?x=1',
      'patient/Observation.',
    ]) {
      expect(decide([s], GET('Observation', 'patient=123'), ctx123).decision, s).toBe('deny');
    }
  });
});

describe('rule 29: expiry and audience are checked before authorize', () => {
  it('authorize decides scopes only: granted is scopes (array or scope string), never a raw token', () => {
    expect(authorize({ granted: 42 as unknown as string[], request: GET('Observation') }).errors[0]?.path).toBe('$.granted');
    expect(authorize({ granted: 'user/Observation.s launch' as unknown as string[], request: GET('Observation') }).decision).toBe('allow');
  });
});

describe('rule 30: unmapped interactions are denied', () => {
  it('operations, conditional interactions, unknown requests', () => {
    for (const req of [
      GET('Patient/123/$everything'),
      GET('$export'),
      { method: 'PUT', path: 'Observation', query: 'identifier=x', body: obs('o', '123') },
      { method: 'DELETE', path: 'Observation', query: 'code=x' },
      { method: 'POST', path: 'Observation', query: 'identifier=x', body: obs('n', '123') },
    ]) {
      const r = decide(['patient/*.cruds', 'user/*.cruds'], req, ctx123);
      expect(r.decision, req.path).toBe('deny');
      expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.unmapped);
    }
    const u = decide(['user/*.cruds'], { method: 'TRACE', path: 'Observation/o1' });
    expect(u.decision).toBe('deny');
    expect(u.interaction).toBe('unknown');
  });
  it('capabilities are public by default', () => {
    const r = decide([], GET('metadata'));
    expect(r.decision).toBe('allow');
    expect(r.interaction).toBe('capabilities');
  });
});

describe('granted scope strings are cached safely', () => {
  it('a mutated array is re-read', () => {
    const granted = ['user/Observation.s'];
    const req = { method: 'GET', path: 'Observation' };
    expect(authorize({ granted, request: req }).decision).toBe('allow');
    granted[0] = 'user/Observation.r';
    expect(authorize({ granted, request: req }).decision).toBe('deny');
    granted.push('user/Observation.s');
    expect(authorize({ granted, request: req }).decision).toBe('allow');
  });
});

describe('bundle entry errors point into the entry', () => {
  it('url, resource and method paths', () => {
    const body = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: 'Nope/1' } },
        { request: { method: 'PUT', url: 'Observation/o1' }, resource: { resourceType: 'Condition' } },
        { request: { method: 5, url: 'Observation/o1' } },
        { request: { method: 'GET', url: 'Observation?x=%zz' } },
      ],
    };
    const r = authorize({ granted: ['user/*.cruds'], request: { method: 'POST', path: '', body } });
    expect(r.errors.map((e) => e.path)).toEqual([
      '$.request.body.entry[0].request.url',
      '$.request.body.entry[1].resource.resourceType',
      '$.request.body.entry[2].request.method',
      '$.request.body.entry[3].request.url',
    ]);
  });
});

describe('_type with an unknown type', () => {
  it('is an input error', () => {
    const r = authorize({ granted: ['user/*.s'], request: { method: 'GET', path: '', query: '_type=Observation,Nope' } });
    expect(r.decision).toBe('deny');
    expect(r.errors[0]?.code).toBe('request.query.type-unknown');
  });
});

describe('prepared tokens', () => {
  it('a serialized handle is re-prepared from its scopes', () => {
    const handle = JSON.parse(JSON.stringify({ kind: 'prepared-token', scopes: ['user/Observation.s'] }));
    expect(authorize({ granted: handle, request: { method: 'GET', path: 'Observation' } }).decision).toBe('allow');
  });
});
