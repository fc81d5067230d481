/**
 * A search may return, or reveal through _has and the like, only resources the token could read
 * directly (issue item 2). Includes under restricted access are post-filtered by the decision;
 * reveals under restricted access are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessResult, FhirResource } from '../../src/access/access-types.js';
import { authorize } from '../../src/access/authorize.js';
import { filterSearchBundle } from '../../src/access/filter-search-bundle.js';
import { narrowingToQuery } from '../../src/access/narrowing.js';
import { compileQuery, matchQuery } from '../../src/access/query-match.js';
import { ACCESS_RULES } from '../../src/access/reasons.js';
import { LAB, cond, ctx123, decide, obs } from './helpers.js';

const GET = (path: string, query?: string) => ({ method: 'GET', path, ...(query !== undefined ? { query } : {}) });
const LAB_TOKEN = ['patient/Patient.rs', 'patient/DiagnosticReport.rs', `patient/Observation.rs?category=${LAB}`];

function report(id: string, patient: string, results: string[]): FhirResource {
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'final',
    code: { text: 'x' },
    subject: { reference: `Patient/${patient}` },
    result: results.map((r) => ({ reference: `Observation/${r}` })),
  };
}
const patientRes = (id: string): FhirResource => ({ resourceType: 'Patient', id });
const bundleOf = (match: object[], include: object[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: match.length,
  entry: [
    ...match.map((resource) => ({ resource, search: { mode: 'match' } })),
    ...include.map((resource) => ({ resource, search: { mode: 'include' } })),
  ],
});
const kept = (r: { bundle: Record<string, unknown> }) =>
  (r.bundle['entry'] as { resource: FhirResource }[]).map((e) => `${e.resource.resourceType}/${e.resource.id}`);

describe('the issue examples', () => {
  it('_revinclude under a query-restricted scope is allowed only with a post-filter, which filterSearchBundle applies', () => {
    const r = decide(LAB_TOKEN, GET('Patient', '_id=123&_revinclude=Observation:subject'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing).toEqual([
      {
        resourceType: 'Observation',
        anyOf: [
          {
            scope: LAB_TOKEN[2],
            filters: [
              { name: 'patient', value: '123' },
              { name: 'category', value: LAB },
            ],
          },
        ],
        apply: 'result',
      },
    ]);
    expect(r.reasons.map((x) => x.rule)).toContain(ACCESS_RULES.resultFiltered);
    const served = bundleOf([patientRes('123')], [obs('lab', '123'), obs('vital', '123', 'vital-signs'), obs('other', '456')]);
    const out = filterSearchBundle(r, ctx123.context, served);
    expect(kept(out)).toEqual(['Patient/123', 'Observation/lab']);
    expect(out.removed.map((x) => x.reference)).toEqual(['Observation/vital', 'Observation/other']);
    // A post-filter is not a query parameter: nothing is added to the Patient search.
    expect(narrowingToQuery(r)).toEqual([]);
  });

  it('_include=DiagnosticReport:result likewise', () => {
    const r = decide(LAB_TOKEN, GET('DiagnosticReport', 'patient=123&_include=DiagnosticReport:result'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing?.map((n) => [n.resourceType, n.apply])).toEqual([['Observation', 'result']]);
    const out = filterSearchBundle(
      r,
      ctx123.context,
      bundleOf([report('d1', '123', ['lab', 'vital'])], [obs('lab', '123'), obs('vital', '123', 'vital-signs')]),
    );
    expect(kept(out)).toEqual(['DiagnosticReport/d1', 'Observation/lab']);
  });

  it('_has on a type the token reads only in part is refused', () => {
    const r = decide(LAB_TOKEN, GET('Patient', '_has:Observation:patient:category=vital-signs'), ctx123);
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.includeNotCovered);
    expect(r.reasons[0]?.message).toMatch(/_has/);
    expect(r.reasons[0]?.message).not.toMatch(/vital-signs/); // names the kind, not the value
    expect(
      decide(['user/Patient.rs', 'user/Observation.rs'], GET('Patient', '_has:Observation:patient:category=vital-signs')).decision,
    ).toBe('allow');
  });
});

describe('every form of include', () => {
  const forms = [
    '_include',
    '_include:iterate',
    '_include:recurse',
    '_INCLUDE',
    '_Include:Iterate',
    ' _include',
    '_include ',
    '+_include',
    '_include+',
    '%5Finclude',
    '_include%3Aiterate',
  ];
  it.each(forms)('%s reaching a restricted type carries a post-filter', (name) => {
    const r = decide(LAB_TOKEN, GET('DiagnosticReport', `patient=123&${name}=DiagnosticReport:result`), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing?.some((n) => n.resourceType === 'Observation' && n.apply === 'result')).toBe(true);
  });
  it.each(['_include:foo', '_revinclude:bar', '_include:iterate:x'])('%s (unknown modifier) is refused', (name) => {
    expect(decide(['user/*.rs'], GET('Observation', `${name}=Observation:subject`)).decision).toBe('deny');
  });
  it.each([
    ['*', 'the wildcard'],
    ['Observation:*', 'every reference of Observation'],
    ['Observation:*:Patient', 'a wildcard with a type'],
  ])('_include=%s (%s) needs every type open', (value) => {
    expect(decide(['patient/*.rs'], GET('Observation', `patient=123&_include=${value}`), ctx123).decision).toBe('deny');
    expect(decide(['user/*.rs'], GET('Observation', `_include=${value}`)).decision).toBe('allow');
  });
  it.each([
    'Observation',
    'Observation:',
    ':subject',
    'Nope:subject',
    'Observation:nope',
    'Observation:code',
    'Observation:subject:Nope',
    'Observation:subject:Medication',
    'a:b:c:d',
    '',
  ])('_include=%s cannot be read and is refused', (value) => {
    const r = decide(['user/*.rs'], GET('Observation', `_include=${value}`));
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.includeNotCovered);
  });
  it('a type modifier narrows the included type; _revinclude brings in its source type', () => {
    const g = ['user/Observation.rs', 'user/Patient.rs'];
    expect(decide(g, GET('Observation', '_include=Observation:subject:Patient')).decision).toBe('allow');
    expect(decide(g, GET('Observation', '_include=Observation:subject')).decision).toBe('deny'); // Group, Device, Location too
    expect(decide(g, GET('Patient', '_revinclude:iterate=Observation:subject')).decision).toBe('allow');
    expect(decide(g, GET('Patient', '_revinclude=Provenance:target')).decision).toBe('deny');
  });
  it('r without s, or s without r, on an included type is refused', () => {
    expect(decide(['user/Observation.rs', 'user/Patient.s'], GET('Observation', '_include=Observation:patient')).decision).toBe('deny');
    expect(decide(['user/Observation.rs', 'user/Patient.r'], GET('Observation', '_include=Observation:patient')).decision).toBe('deny');
  });
  it('system searches post-filter once per included type', () => {
    const r = decide(['patient/*.rs'], GET('', '_type=Observation,Condition&_revinclude=Provenance:target'), ctx123);
    expect(r.decision).toBe('allow');
    expect(r.narrowing?.filter((n) => n.apply === 'result').map((n) => n.resourceType)).toEqual(['Provenance']);
  });
  it('type-level operations cannot carry a post-filter: refused', () => {
    const options = { operations: { $lastn: 's' } };
    expect(
      decide(['patient/*.rs'], GET('Observation/$lastn', 'patient=123&_include=Observation:patient'), { ...ctx123, options }).decision,
    ).toBe('deny');
    expect(decide(['user/*.rs'], GET('Observation/$lastn', '_include=Observation:patient'), { options }).decision).toBe('allow');
  });
});

describe('what a search reveals', () => {
  const restricted = ['patient/*.rs'];
  it.each([
    ['Patient', '_has:Observation:patient:code=1234'],
    ['Patient', '_HAS:Observation:patient:code=1234'],
    // `+` is a space to a server that form-decodes its query, which may then trim the name.
    ['Patient', '+_has:Observation:patient:category=vital-signs'],
    ['Patient', '_has+:Observation:patient:category=vital-signs'],
    ['Observation', '+_list=42'],
    ['Patient', '_has:Observation:patient:_has:AuditEvent:entity:agent=x'],
    ['Observation', 'subject:Patient.name=Smith'],
    ['Observation', 'patient.name=Smith'],
    ['Observation', 'subject.organization.name=x'],
    ['Encounter', 'patient=123&_list=42'],
    ['Observation', 'patient=123&_filter=status eq final'],
    ['Observation', 'patient=123&_query=current'],
  ])('%s?%s is refused under patient scopes', (type, query) => {
    const r = decide(restricted, GET(type, query), ctx123);
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.includeNotCovered);
  });
  it('reveals are allowed when the revealed types are open', () => {
    expect(decide(['user/Patient.rs', 'user/Observation.rs'], GET('Patient', '_has:Observation:patient:code=1234')).decision).toBe('allow');
    expect(decide(['user/Patient.rs', 'user/Observation.rs'], GET('Observation', 'subject:Patient.name=Smith')).decision).toBe('allow');
    expect(decide(['user/Observation.rs', 'user/List.rs'], GET('Observation', '_list=42')).decision).toBe('allow');
  });
  it('_query is refused unless every type is open (a named query may ignore added filters)', () => {
    const r = decide(['user/Observation.rs'], GET('Observation', '_query=current'));
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.message).toMatch(/named query/);
    expect(decide(['user/Observation.rs?category=x'], GET('Observation', '_query=current')).decision).toBe('deny');
    expect(decide(['user/*.rs'], GET('Observation', '_query=current')).decision).toBe('allow');
  });
  it('includes: deny refuses _has as well', () => {
    expect(decide(['user/*.rs'], GET('Patient', '_has:Observation:patient:code=1'), { options: { includes: 'deny' } }).decision).toBe(
      'deny',
    );
  });
});

// ---- property: whatever survives filterSearchBundle(decision, bundle) is readable directly --------

const STORED: FhirResource[] = [
  patientRes('123'),
  patientRes('456'),
  { resourceType: 'Patient', id: '789', link: [{ other: { reference: 'Patient/123' }, type: 'seealso' }] },
  obs('o1', '123') as FhirResource,
  obs('o2', '123', 'vital-signs') as FhirResource,
  obs('o3', '456') as FhirResource,
  { ...obs('o4', '456'), performer: [{ reference: 'Practitioner/pr1' }] } as FhirResource,
  { ...obs('o5', '123'), subject: { reference: 'http://elsewhere.example/fhir/Patient/123' } } as FhirResource,
  { ...obs('o6', '123'), subject: { reference: 'Group/g1' }, performer: [{ reference: 'Patient/123' }] } as FhirResource,
  report('d1', '123', ['o1', 'o2', 'o3']),
  report('d2', '456', ['o3']),
  cond('c1', '123') as FhirResource,
  { ...cond('c2', '456'), clinicalStatus: { coding: [{ code: 'active' }] } } as FhirResource,
  { resourceType: 'Practitioner', id: 'pr1' },
  {
    resourceType: 'Provenance',
    id: 'pv1',
    target: [{ reference: 'Observation/o1' }],
    recorded: '2020-01-01T00:00:00Z',
    agent: [{ who: { reference: 'Practitioner/pr1' } }],
  },
  {
    resourceType: 'Provenance',
    id: 'pv2',
    target: [{ reference: 'Patient/123' }],
    recorded: '2020-01-01T00:00:00Z',
    agent: [{ who: { reference: 'Practitioner/pr1' } }],
  },
  { resourceType: 'Group', id: 'g1', type: 'person', actual: true, member: [{ entity: { reference: 'Patient/123' } }] },
];

/** Include parameter → the types a (careless) server may put in the result for it. */
const INCLUDES: Record<string, readonly string[]> = {
  '_include=DiagnosticReport:result': ['Observation'],
  '_include:iterate=DiagnosticReport:result': ['Observation'],
  '_revinclude=Observation:subject': ['Observation'],
  '_REVINCLUDE=Observation:patient': ['Observation'],
  '_include=Observation:subject': ['Patient', 'Group', 'Device', 'Location'],
  '_include=Observation:subject:Patient': ['Patient'],
  '_include=Observation:patient': ['Patient'],
  '_include=Observation:performer': ['Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'Patient', 'RelatedPerson'],
  '_revinclude=Provenance:target': ['Provenance'],
  '_revinclude:iterate=DiagnosticReport:result': ['DiagnosticReport'],
  '_include=*': ['*'],
  '_revinclude=*': ['*'],
  '_include=Observation:*': ['*'],
  '_include=Condition:subject': ['Patient', 'Group'],
  '_revinclude=Condition:patient': ['Condition'],
  '_has:Observation:patient:code=x': [],
  'subject:Patient.name=x': [],
};

const SCOPES = [
  'patient/Patient.rs',
  'patient/Observation.rs',
  `patient/Observation.rs?category=${LAB}`,
  'user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs',
  'user/Patient.rs',
  'patient/DiagnosticReport.rs',
  'user/DiagnosticReport.rs',
  'patient/*.rs',
  'user/Practitioner.rs',
  'patient/Condition.rs?clinical-status=active',
  'user/Provenance.rs',
  'patient/Provenance.rs',
  'user/Group.rs',
];

/** A server that applies the request's own filters and the narrowing's query filters, and includes carelessly. */
function serve(
  type: string,
  params: { name: string; value: string }[],
  decision: AccessResult,
): { match: FhirResource[]; include: FhirResource[] } {
  const filters = params.filter((p) => !/^\s*_(include|revinclude|has)/i.test(p.name) && !p.name.includes('.'));
  const own = compileQuery(type, filters, false);
  const queryNarrowing = (decision.narrowing ?? []).filter((n) => n.apply !== 'result' && n.resourceType === type);
  const match = STORED.filter(
    (r) =>
      r.resourceType === type &&
      matchQuery(r, own) === null &&
      queryNarrowing.every((n) => n.anyOf.some((a) => matchQuery(r, compileQuery(type, a.filters, false)) === null)),
  );
  const types = new Set<string>();
  for (const p of params) for (const t of INCLUDES[`${p.name}=${p.value}`] ?? []) types.add(t);
  const include = STORED.filter((r) => types.has('*') || types.has(r.resourceType));
  return { match, include };
}

describe('property: survivors of filterSearchBundle(decision) are readable directly', () => {
  it('for random tokens, searches and stored resources', () => {
    const primary = fc.constantFrom('Patient', 'Observation', 'DiagnosticReport', 'Condition');
    const own = fc.constantFrom(
      '',
      'patient=123',
      'patient=456',
      '_id=123',
      'subject=Patient/123',
      `category=${LAB}`,
      'clinical-status=active',
    );
    const include = fc.subarray(Object.keys(INCLUDES), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.subarray(SCOPES, { minLength: 1, maxLength: 4 }),
        primary,
        own,
        include,
        fc.constantFrom(undefined, '123', '456'),
        (granted, type, ownQuery, incs, patient) => {
          const query = [ownQuery, ...incs].filter((q) => q.length > 0).join('&');
          const context = patient === undefined ? {} : { patient };
          const decision = authorize({ granted, context, request: GET(type, query) });
          if (decision.decision !== 'allow') return;
          const params = query
            .split('&')
            .filter((q) => q.length > 0)
            .map((q) => ({ name: q.slice(0, q.indexOf('=')), value: q.slice(q.indexOf('=') + 1) }));
          const { match, include: included } = serve(type, params, decision);
          const out = filterSearchBundle(decision, context, bundleOf(match, included));
          for (const e of out.bundle['entry'] as { resource: FhirResource }[]) {
            const r = e.resource;
            const read = authorize({ granted, context, request: GET(`${r.resourceType}/${r.id}`), resource: r });
            expect(read.decision, `${type}?${query} under ${granted.join(' ')} (patient ${patient}) kept ${r.resourceType}/${r.id}`).toBe(
              'allow',
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
