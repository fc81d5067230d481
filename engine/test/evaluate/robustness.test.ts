/**
 * Properties of decideToken over generated requests: it never throws, and what it grants is
 * always within what was requested, within what the policy allows, and outside what it denies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator, type TokenRequest } from '../../src/evaluate/index.js';
import { ScopeSet } from '../../src/smart/scope-set.js';
import { allow, app, deny, makeBundle, refreshPolicy, rules } from './bundle-fixture.js';

const LAB = 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const ALLOWED = [
  'patient/Patient.rs',
  'patient/Condition.rs',
  LAB,
  'patient/Immunization.cruds',
  'user/Practitioner.rs',
  'system/Observation.rs',
  'launch',
  'launch/patient',
  'openid',
  'fhirUser',
  'offline_access',
];
const DENIED = ['patient/*.d', 'patient/Immunization.u'];

const evaluator = createEvaluator(
  makeBundle({
    // Both registration kinds, so that every grant type (the JWT bearer grant included) can succeed.
    apps: [app('any', { registration: ['static', 'trusted-dynamic'] })],
    grants: rules('any', [allow(...ALLOWED), deny(...DENIED)]),
    refresh: [refreshPolicy('any')],
  }),
);

const POOL = [
  'patient/Patient.rs',
  'patient/Patient.cruds',
  'patient/*.rs',
  'patient/*.cruds',
  'patient/*.read',
  'patient/*.*',
  'patient/Observation.rs',
  'patient/Observation.r',
  LAB,
  'patient/Condition.read',
  'patient/Condition.write',
  'patient/Immunization.cruds',
  'patient/Immunization.cud',
  'user/*.rs',
  'user/Practitioner.r',
  'system/*.rs',
  'system/Observation.rs',
  'launch',
  'launch/patient',
  'launch/encounter',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
  'system/DynamicClient.register',
  '__ext',
  'patient/Observation.sr',
  'bogus',
  '',
];

const GRANT_TYPES = ['authorization_code', 'client_credentials', 'refresh_token', 'urn:ietf:params:oauth:grant-type:jwt-bearer'] as const;
type GrantType = (typeof GRANT_TYPES)[number];
const scopeList = fc.array(fc.constantFrom(...POOL), { maxLength: 8 });
const launchArb = fc.constantFrom('ehr', 'standalone');
const availableContextArb = fc.option(fc.record({ patient: fc.constant('123') }, { requiredKeys: [] }), { nil: undefined });
// Junk, empty and well-formed thumbprints: only the last may bind.
const bindingArb = fc.option(fc.record({ dpopJkt: fc.constantFrom('k', '', 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs') }), {
  nil: undefined,
});

/** Any combination of fields, most of them refused before a scope is looked at. */
const anyRequestArb = fc.record({
  grantType: fc.constantFrom(...GRANT_TYPES),
  client: fc.record({
    clientId: fc.constant('c'),
    type: fc.constantFrom('public', 'confidential-symmetric', 'confidential-asymmetric'),
    authMethod: fc.constantFrom('none', 'client_secret_basic', 'private_key_jwt'),
    registration: fc.constantFrom('static', 'trusted-dynamic'),
  }),
  user: fc.record({ type: fc.constantFrom('patient', 'related-person', 'practitioner', 'none') }),
  launch: launchArb,
  requestedScope: scopeList.map((a) => a.join(' ')),
  originalScope: scopeList.map((a) => a.join(' ')),
  availableContext: availableContextArb,
  binding: bindingArb,
});

/**
 * Requests a client of that grant type could really send: a client type with its own
 * authentication method, the registration kind the grant needs, a user unless Backend Services,
 * and on refresh or JWT bearer a scope within (or omitting) the original grant. These reach the
 * scope decision, so the soundness property below is tested on real grants, not on refusals.
 */
function plausibleRequestArb(grantType: GrantType) {
  const clients =
    grantType === 'client_credentials'
      ? [['confidential-asymmetric', 'private_key_jwt']]
      : [
          ['public', 'none'],
          ['confidential-symmetric', 'client_secret_basic'],
          ['confidential-asymmetric', 'private_key_jwt'],
        ];
  const renews = grantType === 'refresh_token' || grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer';
  // Backend Services can only get system/ scopes; the pool has few, so they are drawn more often.
  const scopes =
    grantType === 'client_credentials'
      ? fc.array(fc.oneof(fc.constantFrom(...POOL), fc.constantFrom('system/*.rs', 'system/Observation.rs')), { maxLength: 8 })
      : scopeList;
  return fc
    .record({
      grantType: fc.constant(grantType),
      client: fc.constantFrom(...clients).map(([type, authMethod]) => ({
        clientId: 'c',
        type: type!,
        authMethod: authMethod!,
        registration: grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer' ? 'trusted-dynamic' : 'static',
      })),
      user: fc.record({
        type: grantType === 'client_credentials' ? fc.constant('none') : fc.constantFrom('patient', 'related-person', 'practitioner'),
      }),
      launch: launchArb,
      scopes: scopeList.chain((original) =>
        fc.record({
          originalScope: fc.constant(original.join(' ')),
          requestedScope: renews
            ? fc.oneof(
                fc.subarray(original).map((a) => a.join(' ')),
                fc.constant(''),
                scopeList.map((a) => a.join(' ')),
              )
            : scopes.map((a) => a.join(' ')),
        }),
      ),
      availableContext: fc.option(fc.record({ patient: fc.constant('123') }), { nil: undefined, freq: 5 }),
      binding: bindingArb,
    })
    .map(({ scopes, ...rest }) => ({ ...rest, ...scopes }));
}

const requestArb = fc.oneof(
  { weight: 1, arbitrary: anyRequestArb },
  { weight: 4, arbitrary: fc.constantFrom(...GRANT_TYPES).chain(plausibleRequestArb) },
);

function resourceSet(scopes: readonly string[]): ScopeSet {
  return ScopeSet.fromParameter(scopes.join(' ')).set;
}

describe('decideToken properties', () => {
  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const d = evaluator.decideToken(input as unknown as TokenRequest);
        expect(['allow', 'deny']).toContain(d.decision);
      }),
      { numRuns: 500 },
    );
  });

  it('grants only what was asked (or originally granted), what is allowed, and nothing denied', () => {
    const allowed = resourceSet(ALLOWED);
    const denied = resourceSet(DENIED);
    // Counted so the property cannot pass by drawing refusals only (issue 8: "granted often
    // enough to test something"). Measured: about 53% of runs grant a resource scope
    // (it was 11% when clients were drawn at random and refused as invalid_client).
    let runs = 0;
    const grantedByType = new Map<string, number>();
    fc.assert(
      fc.property(requestArb, (request) => {
        runs++;
        const d = evaluator.decideToken(request as TokenRequest);
        if (d.decision === 'allow' && d.granted.scopes.some((s) => /^(patient|user|system)\//.test(s))) {
          grantedByType.set(request.grantType, (grantedByType.get(request.grantType) ?? 0) + 1);
        }
        if (d.decision === 'deny') {
          expect(d.granted.scopes).toEqual([]);
          expect(d.oauthError).toBeDefined();
          return;
        }
        const granted = resourceSet(d.granted.scopes);
        const asked = resourceSet([
          request.requestedScope.trim() === '' && request.grantType !== 'authorization_code' && request.grantType !== 'client_credentials'
            ? request.originalScope
            : request.requestedScope,
        ]);
        expect(asked.covers(granted), `asked ${request.requestedScope} got ${d.granted.scope}`).toBe(true);
        expect(allowed.covers(granted), `allowed got ${d.granted.scope}`).toBe(true);
        expect(granted.intersection(denied).isEmpty, `denied got ${d.granted.scope}`).toBe(true);
        if (request.grantType === 'client_credentials') {
          expect(d.refresh).toBeNull();
          expect(d.granted.scopes.every((s) => s.startsWith('system/') || s.startsWith('__'))).toBe(true);
          expect(d.tokenResponse.expiresIn).toBeLessThanOrEqual(300);
        }
        if (d.granted.scopes.some((s) => s.startsWith('patient/'))) expect(d.context.patient).toBe('required');
        // Digest rules 31 and 40: the always-required members, and introspection repeats the context.
        expect(d.tokenResponse.mustInclude).toEqual(expect.arrayContaining(['access_token', 'token_type', 'expires_in', 'scope']));
        for (const member of ['patient', 'encounter', 'fhirContext']) {
          if (d.tokenResponse.mustInclude.includes(member)) expect(d.introspection.echo).toContain(member);
        }
        if (d.tokenResponse.mustInclude.includes('id_token')) expect(d.introspection.echo).toEqual(expect.arrayContaining(['iss', 'sub']));
        if (request.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
          expect(d.refresh).toBeNull();
          expect(d.tokenResponse.mustInclude).not.toContain('id_token');
        }
      }),
      { numRuns: 1500 },
    );
    const granted = [...grantedByType.values()].reduce((a, b) => a + b, 0);
    expect(granted / runs, `${granted} of ${runs} runs granted a resource scope`).toBeGreaterThan(0.4);
    // Every grant type reaches a real grant, so each one's branch of the property is exercised.
    for (const grantType of GRANT_TYPES) expect(grantedByType.get(grantType) ?? 0, grantType).toBeGreaterThan(20);
  });
});

describe('decideToken on hostile sizes', () => {
  const request = (n: number): TokenRequest => ({
    grantType: 'authorization_code',
    client: { clientId: 'c', type: 'public', authMethod: 'none' },
    user: { type: 'patient' },
    requestedScope: `${Array.from({ length: n }, (_, i) => (i % 2 === 0 ? `patient/Observation.rs?code=c${i}` : `__x${i}`)).join(' ')} patient/Patient.rs`,
    availableContext: { patient: '1' },
  });

  // Speed is measured in `npm run bench`; here the test timeout is the guard against blow-ups.
  it('decides a request of 1,000 distinct scopes (the cap)', () => {
    const d = evaluator.decideToken(request(999));
    expect(d.granted.scopes).toContain('patient/Patient.rs');
  });

  it('refuses more scopes than the cap', () => {
    const d = evaluator.decideToken(request(200_000));
    expect(d.oauthError?.error).toBe('invalid_request');
    expect(d.errors[0]?.path).toBe('$.requestedScope');
  });
});
