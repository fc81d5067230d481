/** authorize never throws: random, mutated, deep, huge and cyclic input; garbage scopes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import type { AccessRequest, AccessResult } from '../../src/access/access-types.js';
import { filterSearchBundle } from '../../src/access/filter-search-bundle.js';
import { LAB, obs } from './helpers.js';

function wellFormed(r: AccessResult): void {
  expect(['allow', 'deny']).toContain(r.decision);
  expect(Array.isArray(r.reasons)).toBe(true);
  expect(r.reasons.length).toBeGreaterThan(0);
  expect(Array.isArray(r.errors)).toBe(true);
  expect(typeof r.interaction).toBe('string');
  for (const x of r.reasons) expect(typeof x.message).toBe('string');
}

const SCOPES = [
  'patient/*.rs',
  'user/Observation.cruds',
  `patient/Observation.rs?category=${LAB}`,
  'system/*.read',
  'patient/Patient.r',
  'launch/patient',
  'user/Basic.cuds?code=a|b&status=final',
  'patient/Observation.rs?code:in=http://x&patient.birthdate=1990',
];
const scopeArb = fc.oneof(fc.constantFrom(...SCOPES), fc.string(), fc.string({ unit: 'binary' }));
const pathArb = fc.oneof(
  fc.constantFrom(
    '',
    'metadata',
    '_history',
    '_search',
    'Observation',
    'Observation/o1',
    'Observation/o1/_history/2',
    'Patient/123/Observation',
    'Patient/123/*',
    '$export',
    'Patient/123/$everything',
    'Observation/_search',
    '../etc/passwd',
    '%',
    'http://x/fhir/Observation/o1',
  ),
  fc.string(),
  fc
    .array(fc.constantFrom('Observation', 'o1', '_history', '..', '%zz', '$op', '*', '', 'Patient', '123'), { maxLength: 6 })
    .map((a) => a.join('/')),
);
const methodArb = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'get'),
  fc.string(),
  fc.integer(),
  fc.constant(null),
);
const queryArb = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.constantFrom(
    'patient=123',
    'patient=456',
    '_include=Observation:patient',
    '_type=Observation,Nope',
    'a=%E0%A4%A',
    '&&&=',
    '_has:Observation:patient:code=1',
  ),
);

describe('authorize never throws', () => {
  it('on random requests, resources and scopes', () => {
    fc.assert(
      fc.property(
        fc.array(scopeArb, { maxLength: 6 }),
        methodArb,
        pathArb,
        queryArb,
        fc.anything(),
        fc.oneof(fc.constant(undefined), fc.constant(null), fc.anything(), fc.constant(obs('o1', '123'))),
        fc.oneof(fc.constant(undefined), fc.record({ patient: fc.oneof(fc.constant('123'), fc.string(), fc.anything()) }), fc.anything()),
        (granted, method, path, query, body, resource, context) => {
          const r = authorize({ granted, request: { method, path, query, body }, resource, context } as unknown as AccessRequest);
          wellFormed(r);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on mutated valid requests (types of fields swapped)', () => {
    const base = {
      granted: SCOPES,
      context: { patient: '123' },
      request: { method: 'PUT', path: 'Observation/o1', body: obs('o1', '123') },
      resource: obs('o1', '123'),
    };
    fc.assert(
      fc.property(fc.constantFrom('granted', 'context', 'request', 'resource', 'resources', 'options'), fc.anything(), (key, value) => {
        const r = authorize({ ...base, [key]: value } as unknown as AccessRequest);
        wellFormed(r);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.constantFrom('method', 'path', 'query', 'body'), fc.anything(), (key, value) => {
        wellFormed(authorize({ ...base, request: { ...base.request, [key]: value } } as unknown as AccessRequest));
      }),
      { numRuns: 1000 },
    );
  });

  it('on random resources under query and patient scopes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const stored = {
          resourceType: 'Observation',
          id: 'o1',
          category: a,
          subject: b,
          status: a,
          effectiveDateTime: b,
          valueQuantity: a,
        };
        const r = authorize({
          granted: [`patient/Observation.rus?category=${LAB}&date=ge2020&value-quantity=gt1&status=final`],
          context: { patient: '123' },
          request: { method: 'PUT', path: 'Observation/o1', body: { ...stored, subject: a } },
          resource: stored,
        });
        wellFormed(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('on random bundles', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 5 }), fc.anything(), (entries, resources) => {
        const r = authorize({
          granted: SCOPES,
          context: { patient: '123' },
          request: { method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'transaction', entry: entries } },
          resources: resources as never,
        });
        wellFormed(r);
      }),
      { numRuns: 500 },
    );
  });

  it('on 10,000-level deep JSON', () => {
    let deep: Record<string, unknown> = { reference: 'Patient/123' };
    for (let i = 0; i < 10_000; i++) deep = { subject: deep, coding: [deep], event: [deep], start: deep };
    const stored = { resourceType: 'Observation', id: 'o1', subject: deep, category: [deep], effectivePeriod: deep, effectiveTiming: deep };
    for (const granted of [['patient/Observation.rs'], [`user/Observation.rs?category=${LAB}&date=ge2020&subject:missing=false`]]) {
      wellFormed(authorize({ granted, context: { patient: '123' }, request: { method: 'GET', path: 'Observation/o1' }, resource: stored }));
      wellFormed(authorize({ granted, context: { patient: '123' }, request: { method: 'POST', path: 'Observation', body: stored } }));
    }
    wellFormed(
      authorize({
        granted: ['user/*.s'],
        request: { method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'batch', entry: [deep] } },
      }),
    );
  });

  it('on cyclic objects', () => {
    const cyc: Record<string, unknown> = { resourceType: 'Observation', id: 'o1' };
    cyc['subject'] = cyc;
    cyc['category'] = [cyc];
    cyc['effectiveTiming'] = { event: [cyc] };
    cyc['code'] = { coding: [cyc], text: cyc };
    const timing: Record<string, unknown> = {};
    timing['event'] = [timing];
    cyc['effectivePeriod'] = timing;
    for (const granted of [['patient/*.cruds'], [`user/Observation.rus?category=${LAB}&date=ge2020&code:text=x&subject=Patient/1`]]) {
      wellFormed(
        authorize({
          granted,
          context: { patient: '123' },
          request: { method: 'PUT', path: 'Observation/o1', body: cyc },
          resource: cyc as never,
        }),
      );
    }
    const entry: Record<string, unknown> = { request: { method: 'GET', url: 'Observation/o1' } };
    entry['resource'] = entry;
    const body: Record<string, unknown> = { resourceType: 'Bundle', type: 'batch', entry: [entry, entry] };
    wellFormed(authorize({ granted: ['user/*.rs'], request: { method: 'POST', path: '', body } }));
    expect(() => filterSearchBundle(['patient/*.s'], { patient: '123' }, { entry: [{ resource: cyc }] })).not.toThrow();
  });

  it('on huge input', () => {
    const big = 'x'.repeat(1_000_000);
    wellFormed(
      authorize({
        granted: [big, `patient/Observation.rs?code=${big}`],
        context: { patient: big },
        request: { method: 'GET', path: `Observation/${big}`, query: `patient=${big}` },
      }),
    );
    const many = Array.from({ length: 20_000 }, (_, i) => `user/Observation.r?code=${i}`);
    wellFormed(authorize({ granted: many, request: { method: 'GET', path: 'Observation/o1' }, resource: obs('o1', '1') }));
    const entries = Array.from({ length: 5000 }, () => ({ request: { method: 'GET', url: 'Observation/o1' } }));
    const r = authorize({
      granted: ['user/Observation.r'],
      request: { method: 'POST', path: '', body: { resourceType: 'Bundle', type: 'batch', entry: entries } },
    });
    expect(r.decision).toBe('allow');
    expect(r.entries?.length).toBe(5000);
  });

  it('on hostile objects (throwing getters, proxies)', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    const r = authorize({ granted: ['user/*.rs'], request: hostile as never });
    expect(r.decision).toBe('deny');
    expect(r.errors[0]?.code).toBe('access.internal-error');
    wellFormed(authorize(hostile as never));
    wellFormed(
      authorize({
        granted: ['patient/*.rs'],
        context: { patient: '123' },
        request: { method: 'GET', path: 'Observation/o1' },
        resource: hostile as never,
      }),
    );
  });
});
