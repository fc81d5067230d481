/**
 * The fast path must give exactly what the general path gives (it returns the same cached
 * objects). The general answer comes from a fresh evaluator with its own caches, from the scope
 * strings (not the shared prepared token, whose per-type caches the fast path reads), so a cache
 * shared by both sides cannot hide a difference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import { createAccessEvaluator } from '../../src/access/access-evaluator.js';
import type { AccessResult } from '../../src/access/access-types.js';
import { prepareToken } from '../../src/access/prepared-token.js';

const GRANTED = [
  'launch/patient',
  'patient/Patient.r',
  'patient/Observation.rs',
  'patient/Condition.rs',
  'user/Encounter.rs',
  'patient/DiagnosticReport.rs?category=http://terminology.hl7.org/CodeSystem/v2-0074|LAB',
  'patient/Medication.rs',
];

function general(r: AccessResult): unknown {
  return JSON.parse(JSON.stringify(r));
}

describe('fast path ≡ general path', () => {
  const token = prepareToken(GRANTED);
  const types = ['Observation', 'Condition', 'Patient', 'Encounter', 'DiagnosticReport', 'Medication', 'Group', 'Nope', 'observation'];
  const names = [
    'patient',
    'subject',
    'performer',
    'asserter',
    '_id',
    'code',
    'patient:Patient',
    'subject:Group',
    'performer:Patient',
    'code:text',
    '_include',
    '_revinclude',
    'category',
    'subject.name',
    'patientx',
    'x',
    '',
    '_include:iterate',
    '_INCLUDE',
    ' _include',
    '_has:Observation:patient:code',
    'subject:Patient.name',
    'patient.name',
    '_list',
    '_query',
    '_filter',
    '_id',
    '_id:not',
    '_idx',
  ];
  const values = [
    '123',
    '456',
    'Patient/123',
    'Patient/456',
    'Group/1',
    'http://x/Patient/123',
    '123,456',
    '',
    '%31%32%33',
    'Patient/123/_history/1',
    'a+b',
    'Patient/',
    'xPatient/123',
    'Group/Patient/123',
    'Observation:patient',
    '12',
    '1234',
    'Observation:subject',
    'DiagnosticReport:result',
    '*',
    'Observation:subject:Patient',
  ];
  const query = fc
    .array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...values)), { maxLength: 3 })
    .chain((ps) => fc.constantFrom('', '?', '&').map((prefix) => prefix + ps.map(([n, v]) => `${n}=${v}`).join('&')));
  const request = fc.oneof(
    fc.record({ method: fc.constant('GET' as const), path: fc.constantFrom(...types), query }, { requiredKeys: ['method', 'path'] }),
    fc.record({
      method: fc.constant('GET' as const),
      path: fc.tuple(fc.constantFrom(...types), fc.constantFrom('123', '456', 'o1', '..', '.', 'a_b', '')).map(([t, i]) => `${t}/${i}`),
    }),
  );
  const patient = fc.constantFrom(undefined, '123', '456', '', 'Patient/123');
  const resource = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.constantFrom('Observation', 'Condition', 'Patient', 'DiagnosticReport', 'Medication', 'Encounter').chain((rt) =>
      fc.record({
        resourceType: fc.constantFrom(rt, 'Observation'),
        id: fc.constantFrom('123', '456', 'o1'),
        subject: fc.record({ reference: fc.constantFrom('Patient/123', 'Patient/456', 'Group/1') }),
        category: fc.constant([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }]),
      }),
    ),
  );

  it('same decision, reasons, narrowing', () => {
    fc.assert(
      fc.property(request, patient, resource, (req, p, res) => {
        const context = p === undefined ? {} : { patient: p };
        const more = res === undefined ? {} : { resource: res as never };
        // Twice: the first call fills the caches the fast path reads.
        authorize({ granted: token, context, request: req, ...more });
        const fast = authorize({ granted: token, context, request: req, ...more });
        // `options` present: the general path, in an evaluator of its own.
        const slow = createAccessEvaluator().authorize({ granted: GRANTED, context, request: req, ...more, options: {} });
        expect(general(fast)).toEqual(general(slow));
      }),
      { numRuns: 5000 },
    );
  });
});
