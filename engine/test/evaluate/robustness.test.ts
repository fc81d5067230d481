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
const ALLOWED = ['patient/Patient.rs', 'patient/Condition.rs', LAB, 'patient/Immunization.cruds', 'user/Practitioner.rs', 'system/Observation.rs', 'launch', 'launch/patient', 'openid', 'fhirUser', 'offline_access'];
const DENIED = ['patient/*.d', 'patient/Immunization.u'];

const evaluator = createEvaluator(
  makeBundle({
    apps: [app('any')],
    grants: rules('any', [allow(...ALLOWED), deny(...DENIED)]),
    refresh: [refreshPolicy('any')],
  }),
);

const POOL = [
  'patient/Patient.rs', 'patient/Patient.cruds', 'patient/*.rs', 'patient/*.cruds', 'patient/*.read', 'patient/*.*',
  'patient/Observation.rs', 'patient/Observation.r', LAB, 'patient/Condition.read', 'patient/Condition.write',
  'patient/Immunization.cruds', 'patient/Immunization.cud', 'user/*.rs', 'user/Practitioner.r', 'system/*.rs',
  'system/Observation.rs', 'launch', 'launch/patient', 'launch/encounter', 'openid', 'fhirUser', 'profile',
  'offline_access', 'online_access', 'system/DynamicClient.register', '__ext', 'patient/Observation.sr', 'bogus', '',
];

const requestArb = fc.record({
  grantType: fc.constantFrom('authorization_code', 'client_credentials', 'refresh_token', 'urn:ietf:params:oauth:grant-type:jwt-bearer'),
  client: fc.record({
    clientId: fc.constant('c'),
    type: fc.constantFrom('public', 'confidential-symmetric', 'confidential-asymmetric'),
    authMethod: fc.constantFrom('none', 'client_secret_basic', 'private_key_jwt'),
    registration: fc.constantFrom('static', 'trusted-dynamic'),
  }),
  user: fc.record({ type: fc.constantFrom('patient', 'related-person', 'practitioner', 'none') }),
  launch: fc.constantFrom('ehr', 'standalone'),
  requestedScope: fc.array(fc.constantFrom(...POOL), { maxLength: 8 }).map((a) => a.join(' ')),
  originalScope: fc.array(fc.constantFrom(...POOL), { maxLength: 8 }).map((a) => a.join(' ')),
  availableContext: fc.option(fc.record({ patient: fc.constant('123') }, { requiredKeys: [] }), { nil: undefined }),
  // Junk, empty and well-formed thumbprints: only the last may bind.
  binding: fc.option(fc.record({ dpopJkt: fc.constantFrom('k', '', 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs') }), { nil: undefined }),
});

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
    fc.assert(
      fc.property(requestArb, (request) => {
        const d = evaluator.decideToken(request as TokenRequest);
        if (d.decision === 'deny') {
          expect(d.granted.scopes).toEqual([]);
          expect(d.oauthError).toBeDefined();
          return;
        }
        const granted = resourceSet(d.granted.scopes);
        const asked = resourceSet([request.requestedScope.trim() === '' && request.grantType !== 'authorization_code' && request.grantType !== 'client_credentials' ? request.originalScope : request.requestedScope]);
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
