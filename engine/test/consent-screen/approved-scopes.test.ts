/**
 * `approvedScopes`: what a submitted consent form approves. The property tests hold for any
 * request and any set of unticked groups: the result is never wider than the request, ticking
 * everything approves exactly what the screen showed, and whatever survives of an unticked
 * group comes only from a ticked group that the unticked one covers (an explicit choice).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvedScopes, renderConsentScreen, untickedGroups } from '../../src/explain/index.js';
import { planRequest } from '../../src/explain/consent-screen/group-request.js';
import { ScopeSet, covers } from '../../src/smart/scope-set.js';
import type { CatalogAppClass } from '../../src/explain/index.js';
import { API, NOW, PORTAL, allowedOf, examplePolicy } from './helpers.js';

const LAB = 'category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const POOL = [
  'launch/patient',
  'openid',
  'fhirUser',
  'offline_access',
  'online_access',
  'launch',
  'patient/*.rs',
  'patient/*.cruds',
  'patient/*.read',
  'patient/Observation.rs',
  'patient/Observation.cruds',
  'patient/Observation.write',
  `patient/Observation.rs?${LAB}`,
  `patient/Observation.s?${LAB}`,
  'patient/Observation.rs?category=laboratory,vital-signs',
  'patient/Condition.cud',
  'patient/Condition.r',
  'patient/Patient.rs',
  'patient/Device.rs',
  'user/Practitioner.rs',
  'user/*.rs',
  'system/Observation.rs',
  'patient/Immunization.d',
  '__ext.x',
  'not a scope',
  'patient/Observation.sr',
];
/** An app class that may get everything in the pool (so grouping, not the policy, is under test). */
const ANYTHING: CatalogAppClass = {
  name: 'anything',
  audience: 'patient',
  allowed: [
    'launch',
    'launch/patient',
    'openid',
    'fhirUser',
    'offline_access',
    'online_access',
    'patient/*.cruds',
    'user/*.cruds',
    'system/*.cruds',
    '__ext.x',
  ],
  denied: [],
};

const request = fc.subarray(POOL, { minLength: 0, maxLength: 10 });

function planOf(scopes: readonly string[]) {
  return planRequest(scopes, {
    app: ANYTHING,
    sensitive: [{ resourceType: 'Observation', param: 'category', value: 'social-history' }],
    nonCompartmentTypes: 'read-search',
  });
}

describe('approvedScopes (properties)', () => {
  it('is never wider than the request, whatever is unticked', () => {
    fc.assert(
      fc.property(request, fc.array(fc.nat(20)), (scopes, picks) => {
        const { groups } = planOf(scopes);
        const unticked = picks.map((i) => groups[i % Math.max(groups.length, 1)]?.id ?? 'none');
        const approved = approvedScopes(scopes, groups, unticked);
        expect(covers(ScopeSet.fromParameter(scopes.join(' ')).set, approved.set)).toBe(true);
        // The text form says the same as the set.
        expect(ScopeSet.of(approved.scope).equivalent(approved.set)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('approves exactly what the screen shows when everything is ticked', () => {
    fc.assert(
      fc.property(request, (scopes) => {
        const plan = planOf(scopes);
        expect(approvedScopes(scopes, plan.groups, []).set.equivalent(plan.shown)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps of an unticked group only what a ticked group it covers was chosen for', () => {
    fc.assert(
      fc.property(request, fc.array(fc.boolean(), { maxLength: 30 }), (scopes, flags) => {
        const { groups } = planOf(scopes);
        const unticked = groups.filter((_, i) => flags[i] === true);
        const ticked = groups.filter((_, i) => flags[i] !== true);
        const approved = approvedScopes(
          scopes,
          groups,
          unticked.map((g) => g.id),
        ).set;
        for (const u of unticked) {
          const uSet = ScopeSet.of(...u.scopes);
          const chosen = ticked
            .filter((t) => uSet.covers(ScopeSet.of(...t.scopes)))
            .reduce((acc, t) => acc.union(ScopeSet.of(...t.scopes)), ScopeSet.EMPTY);
          expect(chosen.covers(approved.intersection(uSet)), `${u.id} leaks`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (a, b, c) => {
        const result = approvedScopes(a as string, b as never, (Array.isArray(c) ? c : []) as string[]);
        expect(Array.isArray(result.scopes)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('approvedScopes (examples)', () => {
  it('shows a scope covered by another one only once', () => {
    expect(planOf(['patient/*.rs', 'patient/Observation.rs']).groups.map((g) => g.id)).toEqual(['read:patient/*']);
  });

  it('removes an unticked type from a ticked wildcard', () => {
    const scopes = ['patient/*.rs', 'patient/Observation.cruds'];
    const { groups } = planOf(scopes);
    expect(groups.map((g) => g.id)).toEqual(['read:patient/*', 'change:patient/Observation', 'delete:patient/Observation']);
    const approved = approvedScopes(scopes, groups, ['change:patient/Observation', 'delete:patient/Observation']).set;
    expect(approved.equivalent(ScopeSet.of('patient/*.rs'))).toBe(true);
  });

  it('shows what a wildcard leaves over and removes exactly that when unticked', () => {
    const scopes = ['patient/*.s', 'patient/Observation.rs'];
    const { groups } = planOf(scopes);
    // Observation's search is the wildcard's; the Observation choice is about reading.
    expect(groups.map((g) => [g.id, g.scopes])).toEqual([
      ['read:patient/*', ['patient/*.s']],
      ['read:patient/Observation', ['patient/Observation.r']],
    ]);
    const approved = approvedScopes(scopes, groups, ['read:patient/Observation']).set;
    expect(approved.covers(ScopeSet.of('patient/Observation.r'))).toBe(false);
    expect(approved.covers(ScopeSet.of('patient/Observation.s'))).toBe(true);
  });

  it('removes the overlap of an unticked wildcard from a ticked type it does not cover (conservative)', () => {
    const scopes = ['patient/*.s', 'patient/Observation.rs'];
    expect(
      approvedScopes(
        ['patient/*.rs', 'patient/Observation.cruds'],
        [
          { id: 'all', scopes: ['patient/*.rs'] },
          { id: 'obs', scopes: ['patient/Observation.s'] },
        ],
        ['all'],
      ).scopes,
    ).toEqual(['patient/Observation.s']);
    expect(
      approvedScopes(
        scopes,
        [
          { id: 'all', scopes: ['patient/*.s'] },
          { id: 'obs', scopes: ['patient/Observation.rs'] },
        ],
        ['all'],
      ).scopes,
    ).toEqual(['patient/Observation.r']);
  });

  it('keeps a ticked group whole when the unticked group covers it (the explicit choice wins)', () => {
    const groups = [
      { id: 'all', scopes: ['patient/*.rs'] },
      { id: 'labs', scopes: [`patient/Observation.rs?${LAB}`] },
    ];
    expect(approvedScopes(['patient/*.rs', `patient/Observation.rs?${LAB}`], groups, ['all']).scopes).toEqual([
      `patient/Observation.rs?${LAB}`,
    ]);
  });

  it('ignores unknown ids and clamps tampered groups to the request', () => {
    const groups = [{ id: 'x', scopes: ['patient/*.cruds', 'offline_access'] }];
    expect(approvedScopes('patient/Observation.rs', groups, ['nope']).scopes).toEqual(['patient/Observation.rs']);
  });

  it('splits read, change and delete of one scope into separate choices', () => {
    const scopes = ['patient/Observation.cruds'];
    const { groups } = planOf(scopes);
    expect(groups.map((g) => g.id)).toEqual(['read:patient/Observation', 'change:patient/Observation', 'delete:patient/Observation']);
    expect(approvedScopes(scopes, groups, ['change:patient/Observation', 'delete:patient/Observation']).scopes).toEqual([
      'patient/Observation.rs',
    ]);
  });

  it('reads a real form: posted ids are the ticked optional groups; required ones stay', () => {
    const bundle = examplePolicy(PORTAL);
    const scopes = allowedOf(bundle, 'patient_apps');
    const screen = renderConsentScreen({ bundle, appClass: 'patient_apps', request: { scopes }, now: NOW });
    const posted = screen.groups.filter((g) => !g.required && g.id !== 'read:patient/Condition' && g.id !== 'offline').map((g) => g.id);
    const unticked = untickedGroups(screen.groups, posted);
    expect(unticked.sort()).toEqual(['offline', 'read:patient/Condition']);
    const approved = approvedScopes(scopes, screen.groups, unticked).scopes;
    expect(approved).toEqual(expect.arrayContaining(['launch/patient', 'openid', 'fhirUser', 'patient/Observation.rs']));
    expect(approved).not.toContain('patient/Condition.rs');
    expect(approved).not.toContain('offline_access');
  });

  it('needs an explicit opt-in for data that reaches a sensitive category', () => {
    const bundle = examplePolicy(API);
    const scopes = allowedOf(bundle, 'patient_access');
    const screen = renderConsentScreen({ bundle, appClass: 'patient_access', request: { scopes }, now: NOW });
    const observation = screen.groups.find((g) => g.id === 'read:patient/Observation');
    expect(observation).toMatchObject({ sensitive: true, checked: false });
    // A form posted with the screen's defaults leaves it out.
    const defaults = screen.groups.filter((g) => g.checked && !g.required).map((g) => g.id);
    expect(approvedScopes(scopes, screen.groups, untickedGroups(screen.groups, defaults)).scopes).not.toContain('patient/Observation.rs');
  });
});
