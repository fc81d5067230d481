/**
 * The evaluator owns its state: a decision from an evaluator that has seen many requests (warm
 * caches) equals the decision of a fresh evaluator (cold caches), for access and token
 * decisions, under default and policy options; and `authorize()` is a default evaluator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccessEvaluator } from '../../src/access/access-evaluator.js';
import type { AccessOptions, AccessRequest } from '../../src/access/access-types.js';
import { authorize } from '../../src/access/authorize.js';
import { createEvaluator } from '../../src/evaluate/index.js';
import type { TokenRequest } from '../../src/evaluate/token-types.js';
import { bundleWithOptions } from '../options/option-policy.js';

const SCOPES = [
  'patient/Observation.rs',
  'patient/Patient.r',
  'patient/Patient.rs',
  'user/Observation.rs?category=laboratory',
  'patient/Observation.rs?code=a%7Cb',
  'user/*.rs',
  'patient/*.cruds',
  'system/Observation.r',
  'patient/Medication.rs',
  'user/Encounter.c',
  'launch/patient',
  'not a scope',
];
// Shared array objects, as a server that keeps a token's scope array would pass them.
const TOKENS: readonly (readonly string[])[] = [
  ['patient/Observation.rs'],
  ['patient/Observation.rs', 'patient/Patient.r'],
  ['user/Observation.rs?category=laboratory'],
  ['patient/*.cruds', 'launch/patient'],
  ['user/*.rs'],
  ['patient/Observation.rs?code=a%7Cb', 'patient/Medication.rs'],
];
const PATHS = [
  'Observation',
  'Observation/1',
  'Patient/123',
  'Patient/2',
  'Patient/123/Observation',
  'metadata',
  'Medication/1',
  'Patient/123/$everything',
  'Condition',
  'Encounter',
];
const QUERIES = [
  undefined,
  'patient=123',
  'subject=Patient/456',
  'category=laboratory',
  'code=a|b',
  '_include=Observation:subject',
  'code=x&patient=123',
];
const RESOURCES: readonly (object | undefined | null)[] = [
  undefined,
  null,
  { resourceType: 'Observation', id: '1', subject: { reference: 'Patient/123' }, code: { coding: [{ system: 'a', code: 'b' }] } },
  { resourceType: 'Observation', id: '1', performer: [{ reference: 'Patient/123' }] },
  { resourceType: 'Patient', id: '2', link: [{ other: { reference: 'Patient/123' }, type: 'seealso' }] },
  { resourceType: 'Medication', id: '1' },
];
const OVERRIDES: readonly (Partial<AccessOptions> | undefined)[] = [
  undefined,
  undefined,
  { queryRestrictedSearch: 'refuse' },
  { patientMembership: 'primary' },
  { scopeQueryValues: 'literal' },
];

const accessRequest: fc.Arbitrary<AccessRequest> = fc
  .record({
    granted: fc.oneof(
      fc.constantFrom(...TOKENS),
      fc.subarray(SCOPES, { maxLength: 4 }),
      fc.subarray(SCOPES, { maxLength: 3 }).map((s) => s.join(' ')),
    ),
    patient: fc.constantFrom(undefined, '123', '456'),
    method: fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'DELETE'),
    path: fc.constantFrom(...PATHS),
    query: fc.constantFrom(...QUERIES),
    resource: fc.constantFrom(...RESOURCES),
    options: fc.constantFrom(...OVERRIDES),
  })
  .map(
    (r) =>
      ({
        granted: r.granted as AccessRequest['granted'],
        ...(r.patient !== undefined ? { context: { patient: r.patient } } : {}),
        request: {
          method: r.method,
          path: r.path,
          ...(r.query !== undefined ? { query: r.query } : {}),
          ...(r.method === 'POST' || r.method === 'PUT'
            ? { body: { resourceType: r.path.split('/')[0], id: r.path.split('/')[1], subject: { reference: 'Patient/123' } } }
            : {}),
        },
        ...(r.resource !== undefined ? { resource: r.resource } : {}),
        ...(r.options !== undefined ? { options: r.options } : {}),
      }) as AccessRequest,
  );

const REQUESTED = [
  'launch/patient',
  'patient/Observation.rs',
  'patient/Observation.read',
  'patient/Patient.rs',
  'openid',
  'fhirUser',
  'offline_access',
  'patient/Condition.rs?category=encounter-diagnosis',
  'patient/Immunization.rs',
  'system/Observation.rs',
  'bogus!',
];
const JKT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

const tokenRequest: fc.Arbitrary<TokenRequest> = fc
  .record({
    scopes: fc.subarray(REQUESTED, { minLength: 1, maxLength: 5 }),
    grant: fc.constantFrom('authorization_code', 'authorization_code', 'refresh_token', 'client_credentials'),
    client: fc.constantFrom('public', 'confidential-asymmetric'),
    launch: fc.constantFrom('ehr', 'standalone'),
    dpop: fc.boolean(),
  })
  .map((r) => {
    const backend = r.grant === 'client_credentials';
    return {
      grantType: r.grant,
      client: backend
        ? { clientId: 'bulk', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' }
        : { clientId: 'app', type: r.client, authMethod: r.client === 'public' ? 'none' : 'private_key_jwt' },
      ...(backend ? {} : { user: { type: 'patient', id: 'p1' }, launch: r.launch, availableContext: { patient: '123' } }),
      requestedScope: r.scopes.join(' '),
      ...(r.grant === 'refresh_token' ? { originalScope: REQUESTED.slice(0, 7).join(' ') } : {}),
      ...(r.dpop ? { binding: { dpopJkt: JKT } } : {}),
    } as TokenRequest;
  });

const POLICY_OPTIONS = [
  '',
  '  option search.query_restricted refuse\n  option patient.membership primary\n  option scopes.query_conflict conjunction\n  option scopes.v1_echo v2',
];

describe('cold and warm evaluators decide alike', () => {
  it('access, default options: a warm evaluator (and authorize()) equals a fresh one per request', () => {
    fc.assert(
      fc.property(fc.array(accessRequest, { minLength: 1, maxLength: 25 }), (requests) => {
        const warm = createAccessEvaluator();
        for (const round of [1, 2]) {
          for (const r of requests) {
            const cold = createAccessEvaluator().authorize(r);
            expect(warm.authorize(r), `round ${round}`).toEqual(cold);
            expect(authorize(r)).toEqual(cold);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  for (const [i, header] of POLICY_OPTIONS.entries()) {
    const bundle = bundleWithOptions(header);
    it(`access and token decisions of createEvaluator(bundle) (policy ${i}): warm equals cold`, () => {
      fc.assert(
        fc.property(
          fc.array(accessRequest, { maxLength: 20 }),
          fc.array(tokenRequest, { maxLength: 12 }),
          (accessRequests, tokenRequests) => {
            const warm = createEvaluator(bundle);
            for (const round of [1, 2]) {
              for (const r of accessRequests) expect(warm.authorize(r), `round ${round}`).toEqual(createEvaluator(bundle).authorize(r));
              for (const r of tokenRequests) expect(warm.decideToken(r), `round ${round}`).toEqual(createEvaluator(bundle).decideToken(r));
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  it('an evaluator decides access under its policy options, like authorize() given them', () => {
    const bundle = bundleWithOptions(POLICY_OPTIONS[1] ?? '');
    const evaluator = createEvaluator(bundle);
    fc.assert(
      fc.property(accessRequest, (r) => {
        const withPolicy =
          r.options === undefined
            ? { ...r, options: bundle.policy.options.access }
            : { ...r, options: { ...bundle.policy.options.access, ...r.options } };
        expect(evaluator.authorize(r)).toEqual(authorize(withPolicy));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the decision functions of createEvaluator', () => {
  const bundle = bundleWithOptions('');
  const evaluator = createEvaluator(bundle);
  const request: TokenRequest = {
    grantType: 'authorization_code',
    client: { clientId: 'app', type: 'public', authMethod: 'none' },
    user: { type: 'patient', id: 'p1' },
    launch: 'standalone',
    requestedScope: 'launch/patient patient/Observation.rs offline_access',
    availableContext: { patient: '123' },
    binding: { dpopJkt: JKT },
  };

  it('decides refresh requests as refresh_token grants', () => {
    const { grantType: _ignored, ...rest } = request;
    const original = 'launch/patient patient/Observation.rs offline_access';
    const refresh = evaluator.decideRefresh({ ...rest, originalScope: original });
    expect(refresh).toEqual(evaluator.decideToken({ ...request, grantType: 'refresh_token', originalScope: original }));
    expect(refresh.decision).toBe('allow');
    expect(evaluator.decideRefresh(null as never).decision).toBe('deny');
  });

  it('answers introspection from the decision: active with its echo, or inactive', () => {
    const allowed = evaluator.decideIntrospection(request);
    expect(allowed).toMatchObject({ active: true, scope: allowed.decision.granted.scope, echo: allowed.decision.introspection.echo });
    const denied = evaluator.decideIntrospection({ ...request, requestedScope: 'patient/Immunization.rs' });
    expect(denied).toMatchObject({ active: false, scope: '', echo: ['active'], members: {} });
  });

  it("explains scopes in the policy's words", () => {
    const r = evaluator.explain(['patient/Observation.rs'], { locale: 'en' });
    expect(r.scopes[0]?.short.length).toBeGreaterThan(0);
    expect(evaluator.explain('patient/Observation.rs', null as never).scopes.length).toBe(1);
  });
});
