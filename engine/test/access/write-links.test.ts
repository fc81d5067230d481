/**
 * Item: writes onto another patient through secondary compartment links, and absolute references
 * under foreign bases. Concrete reported cases, the option, and properties: an allowed write
 * never puts a resource into another patient's compartment, whatever links and references it has.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import type { AccessOptions, AccessRequest, AccessResult } from '../../src/access/access-types.js';
import { compartmentParamNames, isInPatientCompartment } from '../../src/access/patient-compartment.js';
import { ACCESS_RULES } from '../../src/access/reasons.js';
import { compartmentParameters } from '../../src/fhir/patient-compartment.js';
import { declaredSearchParameter } from '../../src/fhir/search-parameters.js';

const G = ['patient/Observation.cruds'];
const ctx = { patient: '123' };
const ref = (r: string) => ({ reference: r });
const observation = (fields: Record<string, unknown>) => ({
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  code: { text: 'x' },
  ...fields,
});
const create = (body: object, more: Partial<AccessRequest> = {}): AccessResult =>
  authorize({ granted: G, context: ctx, request: { method: 'POST', path: 'Observation', body }, ...more });

describe('writes under patient/ scopes stay with the context patient (reported cases)', () => {
  const mixed = observation({ subject: ref('Patient/456'), performer: [ref('Patient/123')] });

  it('create: subject Patient/456 plus performer Patient/123 is refused', () => {
    const r = create(mixed);
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.patientCompartment);
    expect(r.reasons[0]?.message).toContain('subject');
  });
  it('PATCH moving subject to 456 while adding performer 123 is refused', () => {
    const body = [
      { op: 'replace', path: '/subject', value: ref('Patient/456') },
      { op: 'add', path: '/performer', value: [ref('Patient/123')] },
    ];
    const r = authorize({
      granted: G,
      context: ctx,
      request: { method: 'PATCH', path: 'Observation/o1', body },
      resource: observation({ subject: ref('Patient/123') }),
    });
    expect(r.decision).toBe('deny');
  });
  it('delete (and update) of such a stored record is refused; reading it is still allowed (membership)', () => {
    expect(authorize({ granted: G, context: ctx, request: { method: 'DELETE', path: 'Observation/o1' }, resource: mixed }).decision).toBe(
      'deny',
    );
    expect(
      authorize({
        granted: G,
        context: ctx,
        request: { method: 'PUT', path: 'Observation/o1', body: observation({ subject: ref('Patient/123') }) },
        resource: mixed,
      }).decision,
    ).toBe('deny');
    expect(authorize({ granted: G, context: ctx, request: { method: 'GET', path: 'Observation/o1' }, resource: mixed }).decision).toBe(
      'allow',
    );
  });
  it('subject given as an array naming two patients is refused', () => {
    expect(create(observation({ subject: [ref('Patient/456'), ref('Patient/123')] })).decision).toBe('deny');
    expect(create(observation({ subject: [ref('Patient/123'), ref('Patient/456')] })).decision).toBe('deny');
  });
  it.each([
    'Patient/456/_history/1/Patient/123',
    'Patient/123/_history/1/x',
    'Patient//123',
    'Patient/123/',
    'Patient/12 3',
    'https://ehr.example.org/fhir/Patient/456/_history/1/Patient/123',
  ])('a malformed reference is refused: %s', (r) => {
    const base = { context: { ...ctx, serverBase: 'https://ehr.example.org/fhir' } };
    expect(create(observation({ subject: ref(r) }), base).decision).toBe('deny');
    const inPerformer = create(observation({ subject: ref('Patient/123'), performer: [ref(r)] }), base);
    expect(inPerformer.decision).toBe('deny');
    expect(inPerformer.reasons[0]?.rule).toBe(ACCESS_RULES.referenceUnverifiable);
  });
  it('an absolute reference under another base never names the context patient (write and read)', () => {
    const foreign = observation({ subject: ref('https://other-server.example/fhir/Patient/123') });
    expect(create(foreign).decision).toBe('deny');
    expect(create(foreign, { context: { ...ctx, serverBase: 'https://ehr.example.org/fhir' } }).decision).toBe('deny');
    expect(authorize({ granted: G, context: ctx, request: { method: 'GET', path: 'Observation/o1' }, resource: foreign }).decision).toBe(
      'deny',
    );
    expect(
      authorize({
        granted: G,
        context: { ...ctx, serverBase: 'https://ehr.example.org/fhir' },
        request: { method: 'GET', path: 'Observation/o1' },
        resource: foreign,
      }).decision,
    ).toBe('deny');
    // Searches: a foreign Patient URL is another patient's data (rule 25).
    expect(
      authorize({
        granted: G,
        context: ctx,
        request: { method: 'GET', path: 'Observation', query: 'subject=https://other-server.example/fhir/Patient/123' },
      }).decision,
    ).toBe('deny');
  });
});

describe('serverBase: absolute references under the own base count', () => {
  const base = 'https://ehr.example.org/fhir/';
  it.each([
    ['https://ehr.example.org/fhir/Patient/123', true],
    ['HTTPS://EHR.Example.org/fhir/Patient/123/_history/2', true],
    ['https://ehr.example.org:443/fhir/Patient/123', true],
    ['https://ehr.example.org/FHIR/Patient/123', false],
    ['http://ehr.example.org/fhir/Patient/123', false],
    ['https://ehr.example.org:8443/fhir/Patient/123', false],
    ['https://ehr.example.org.evil.example/fhir/Patient/123', false],
    ['https://evil.example@ehr.example.org/fhir/Patient/123', false],
    ['https://ehr.example.org/fhir2/Patient/123', false],
    ['https://ehr.example.org/fhir/x/Patient/123', false],
    ['https://ehr.example.org/Patient/123', false],
  ])('%s is the context patient: %s', (r, want) => {
    const body = observation({ subject: ref(r) });
    for (const more of [{ context: { ...ctx, serverBase: base } }, { options: { serverBase: 'https://ehr.example.org/fhir' } }]) {
      expect(create(body, more).decision, 'create').toBe(want ? 'allow' : 'deny');
      expect(
        authorize({ granted: G, context: ctx, request: { method: 'GET', path: 'Observation/o1' }, resource: body, ...more }).decision,
        'read',
      ).toBe(want ? 'allow' : 'deny');
    }
  });
  it('the context base wins over the option', () => {
    const body = observation({ subject: ref('https://a.example/fhir/Patient/123') });
    expect(
      create(body, { context: { ...ctx, serverBase: 'https://a.example/fhir' }, options: { serverBase: 'https://b.example/fhir' } })
        .decision,
    ).toBe('allow');
    expect(
      create(body, { context: { ...ctx, serverBase: 'https://b.example/fhir' }, options: { serverBase: 'https://a.example/fhir' } })
        .decision,
    ).toBe('deny');
  });
  it.each(['not a url', 'ftp://x/fhir', 'https://x/fhir?a=1', 'https://user@x/fhir', 'https://x/fhir#f', ''])(
    'an invalid base %j denies with an error that does not echo it',
    (bad) => {
      const r = create(observation({ subject: ref('Patient/123') }), { context: { ...ctx, serverBase: bad } });
      expect(r.decision).toBe('deny');
      expect(r.errors[0]?.code).toBe('request.context.serverBase');
      if (bad.length > 0) expect(JSON.stringify(r)).not.toContain(bad);
      const o = create(observation({ subject: ref('Patient/123') }), { options: { serverBase: bad } });
      expect(o.decision).toBe(bad === '' ? 'allow' : 'deny');
    },
  );
});

describe('what stays allowed, and option patientWriteLinks', () => {
  it('local, contained and identifier-only references to others than patients are fine', () => {
    expect(
      create(observation({ subject: ref('Patient/123'), performer: [ref('Practitioner/1'), ref('#p1'), { identifier: { value: 'x' } }] }))
        .decision,
    ).toBe('allow');
    expect(create(observation({ subject: ref('Patient/123/_history/3') })).decision).toBe('allow');
  });
  it('references whose target cannot be checked are refused: urn:, foreign base', () => {
    for (const r of [
      'urn:uuid:2b7c6f9e-0000-4000-8000-000000000000',
      'https://other.example/fhir/Practitioner/1',
      'Practitioner?identifier=x',
    ]) {
      expect(create(observation({ subject: ref('Patient/123'), performer: [ref(r)] })).decision, r).toBe('deny');
    }
  });
  it('the primary link must be present and be the patient', () => {
    expect(create(observation({ performer: [ref('Patient/123')] })).decision).toBe('deny');
    expect(create(observation({ subject: ref('Group/1'), performer: [ref('Patient/123')] })).decision).toBe('deny');
    expect(create(observation({ subject: { display: 'me' }, performer: [ref('Patient/123')] })).decision).toBe('deny');
    const cond = { resourceType: 'Condition', subject: ref('Group/1'), asserter: ref('Patient/123') };
    expect(
      authorize({ granted: ['patient/Condition.c'], context: ctx, request: { method: 'POST', path: 'Condition', body: cond } }).decision,
    ).toBe('deny');
  });
  it("'all' (default) refuses a secondary link to another patient; 'primary' allows it, never a wrong primary", () => {
    const secondary = observation({ subject: ref('Patient/123'), performer: [ref('Patient/456')] });
    expect(create(secondary).decision).toBe('deny');
    expect(create(secondary, { options: { patientWriteLinks: 'primary' } }).decision).toBe('allow');
    expect(create(secondary, { options: { patientWriteLinks: 'bogus' as never } }).decision).toBe('deny');
    expect(
      create(observation({ subject: ref('Patient/456'), performer: [ref('Patient/123')] }), { options: { patientWriteLinks: 'primary' } })
        .decision,
    ).toBe('deny');
    expect(
      create(observation({ subject: ref('Patient/123'), performer: [ref('urn:uuid:1')] }), { options: { patientWriteLinks: 'primary' } })
        .decision,
    ).toBe('deny');
  });
  it('Patient records: only the own record, and it links to no other patient', () => {
    const pg = ['patient/Patient.ru'];
    const own = { resourceType: 'Patient', id: '123' };
    expect(
      authorize({ granted: pg, context: ctx, request: { method: 'PUT', path: 'Patient/123', body: own }, resource: own }).decision,
    ).toBe('allow');
    const linking = { ...own, link: [{ other: ref('Patient/456'), type: 'seealso' }] };
    expect(
      authorize({ granted: pg, context: ctx, request: { method: 'PUT', path: 'Patient/123', body: linking }, resource: own }).decision,
    ).toBe('deny');
    expect(
      authorize({
        granted: pg,
        context: ctx,
        request: { method: 'PUT', path: 'Patient/123', body: linking },
        resource: own,
        options: { patientLink: 'ignore' },
      }).decision,
    ).toBe('allow');
    const linked = { resourceType: 'Patient', id: '456', link: [{ other: ref('Patient/123'), type: 'seealso' }] };
    expect(authorize({ granted: pg, context: ctx, request: { method: 'GET', path: 'Patient/456' }, resource: linked }).decision).toBe(
      'allow',
    );
    expect(
      authorize({ granted: pg, context: ctx, request: { method: 'PUT', path: 'Patient/456', body: linked }, resource: linked }).decision,
    ).toBe('deny');
  });
  it('a type without a primary link (Group) needs a link to the patient and none to others', () => {
    const gg = ['patient/Group.c'];
    const post = (member: unknown[]) =>
      authorize({
        granted: gg,
        context: ctx,
        request: { method: 'POST', path: 'Group', body: { resourceType: 'Group', type: 'person', actual: true, member } },
      }).decision;
    expect(post([{ entity: ref('Patient/123') }])).toBe('allow');
    expect(post([{ entity: ref('Patient/123') }, { entity: ref('Patient/456') }])).toBe('deny');
    expect(post([{ entity: ref('Practitioner/1') }])).toBe('deny');
  });
  it('batch and transaction entries get the same rule', () => {
    const entry = [
      {
        request: { method: 'POST', url: 'Observation' },
        resource: observation({ subject: ref('Patient/456'), performer: [ref('Patient/123')] }),
      },
    ];
    for (const type of ['batch', 'transaction']) {
      expect(
        authorize({ granted: G, context: ctx, request: { method: 'POST', path: '', body: { resourceType: 'Bundle', type, entry } } })
          .decision,
      ).toBe('deny');
    }
  });
});

// ---- properties: the rule, not the cases ------------------------------------------------------

/** The JSON paths (without the type) where a type's compartment links keep their references. */
function linkPaths(type: string): string[][] {
  const out: string[][] = [];
  for (const param of compartmentParameters(type)) {
    const expr = declaredSearchParameter(type, param)?.expression;
    if (expr === undefined) continue;
    for (const part of expr.split('|')) {
      const segs = part
        .trim()
        .replace(/\.where\(resolve\(\) is [A-Za-z]+\)/g, '')
        .split('.');
      if (segs[0] === type && segs.every((s) => /^[A-Za-z]+$/.test(s))) out.push(segs.slice(1));
    }
  }
  return out;
}

const TYPES = [
  'Observation',
  'Condition',
  'Encounter',
  'CarePlan',
  'AllergyIntolerance',
  'Coverage',
  'Appointment',
  'Group',
  'Communication',
  'Procedure',
  'AuditEvent',
  'Invoice',
];
const BASE = 'https://ehr.example.org/fhir';
const REFS = [
  'Patient/123',
  'Patient/456',
  'Patient/123/_history/2',
  'Patient/456/_history/1/Patient/123',
  'Practitioner/1',
  'Group/1',
  '#c1',
  `${BASE}/Patient/123`,
  `${BASE}/Patient/456`,
  'https://other.example/fhir/Patient/123',
  'urn:uuid:1',
  'Patient/123/',
  'patient/123',
  'Patient/1234',
];
const OTHERS = ['456', '1234', '12'];

/** Sets a reference (single or array, per coin) at a path, creating objects on the way. */
function place(doc: Record<string, unknown>, path: readonly string[], refs: readonly string[], asArray: boolean): void {
  let cur = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i] as string;
    const next = (cur[k] as Record<string, unknown> | undefined) ?? {};
    cur[k] = next;
    cur = next;
  }
  const last = path[path.length - 1] as string;
  const before = cur[last] === undefined ? [] : Array.isArray(cur[last]) ? (cur[last] as unknown[]) : [cur[last]];
  const values = [...before, ...refs.map(ref)]; // a second placement at the same path adds to it
  cur[last] = asArray || values.length !== 1 ? values : values[0];
}

const writeArb = fc.constantFrom(...TYPES).chain((type) =>
  fc.record({
    type: fc.constant(type),
    links: fc.array(
      fc.tuple(fc.constantFrom(...linkPaths(type)), fc.array(fc.constantFrom(...REFS), { minLength: 1, maxLength: 2 }), fc.boolean()),
      { maxLength: 3 },
    ),
    method: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH'),
    base: fc.constantFrom(undefined, BASE, `${BASE}/`),
    writeLinks: fc.constantFrom<AccessOptions['patientWriteLinks']>('all', 'primary'),
  }),
);

describe('properties of writes under patient/ scopes', () => {
  it("an allowed write leaves the resource in the context patient's compartment only (option all)", () => {
    fc.assert(
      fc.property(writeArb, ({ type, links, method, base }) => {
        const resource: Record<string, unknown> = { resourceType: type, id: 'x1' };
        for (const [path, refs, asArray] of links) place(resource, path, refs, asArray);
        const clean = { resourceType: type, id: 'x1' };
        const request =
          method === 'POST'
            ? { method, path: type, body: resource }
            : method === 'PATCH'
              ? { method, path: `${type}/x1`, body: [{ op: 'replace', path: '', value: resource }] }
              : { method, path: `${type}/x1`, body: method === 'PUT' ? resource : undefined };
        const stored = method === 'POST' ? undefined : method === 'DELETE' ? resource : method === 'PUT' ? resource : clean;
        const r = authorize({
          granted: [`patient/${type}.cud`],
          context: { patient: '123', ...(base !== undefined ? { serverBase: base } : {}) },
          request,
          resource: stored as never,
        });
        if (r.decision !== 'allow') return;
        const opts = { patientMembership: 'compartment', patientLink: 'compartment', serverBase: base ?? '' } as const;
        expect(isInPatientCompartment(resource, '123', opts)).toBe(true);
        for (const other of OTHERS) expect(isInPatientCompartment(resource, other, opts), other).toBe(false);
        // No reference anywhere in a link is foreign, logical or malformed: every string is checkable.
        for (const [, refs] of links) {
          for (const x of refs) {
            const ok =
              x.startsWith('#') ||
              /^(Patient|Practitioner|Group)\/[A-Za-z0-9.-]+(\/_history\/[A-Za-z0-9.-]+)?$/.test(
                base !== undefined && x.startsWith(BASE + '/') ? x.slice(BASE.length + 1) : x,
              );
            expect(ok, x).toBe(true);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("with 'primary' the primary link is still only the context patient", () => {
    fc.assert(
      fc.property(writeArb, ({ type, links, base }) => {
        const resource: Record<string, unknown> = { resourceType: type, id: 'x1' };
        for (const [path, refs, asArray] of links) place(resource, path, refs, asArray);
        const r = authorize({
          granted: [`patient/${type}.c`],
          context: { patient: '123', ...(base !== undefined ? { serverBase: base } : {}) },
          request: { method: 'POST', path: type, body: resource },
          options: { patientWriteLinks: 'primary' },
        });
        if (r.decision !== 'allow') return;
        // Types without a primary link (Group) are held to all their links.
        const membership = compartmentParamNames(type, 'primary').length > 0 ? 'primary' : 'compartment';
        const opts = { patientMembership: membership, patientLink: 'compartment', serverBase: base ?? '' } as const;
        expect(isInPatientCompartment(resource, '123', opts)).toBe(true);
        for (const other of OTHERS) expect(isInPatientCompartment(resource, other, opts), other).toBe(false);
      }),
      { numRuns: 800 },
    );
  });

  it('the rule is reachable: plain own-patient writes of every sampled type are allowed', () => {
    for (const type of TYPES) {
      const resource: Record<string, unknown> = { resourceType: type, id: 'x1' };
      for (const path of linkPaths(type)) place(resource, path, ['Patient/123'], false);
      const r = authorize({ granted: [`patient/${type}.c`], context: ctx, request: { method: 'POST', path: type, body: resource } });
      expect(r.decision, `${type}: ${JSON.stringify(r.reasons)}`).toBe('allow');
    }
  });
});
