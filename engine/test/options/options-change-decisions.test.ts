/**
 * Every option a policy can set changes at least one decision. Each settable option of the
 * registry needs a witness here: a policy line setting it to a non-default value and a request
 * whose decision (the whole result: verdict, reasons, narrowing, token response, introspection)
 * differs from the one under the defaults. A new option without a witness fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import type { AccessRequest } from '../../src/access/access-types.js';
import type { PolicyBundle } from '../../src/compile/bundle-types.js';
import { createEvaluator } from '../../src/evaluate/index.js';
import type { TokenRequest } from '../../src/evaluate/token-types.js';
import { SETTABLE_OPTIONS, defaultValueOf } from '../../src/options/index.js';
import { bundleWithOptions } from './option-policy.js';

const JKT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

type Witness =
  | { readonly option: string; readonly access: Omit<AccessRequest, 'options'> }
  | { readonly option: string; readonly token: TokenRequest };

const patientApp = (requestedScope: string, extra: Partial<TokenRequest> = {}): TokenRequest => ({
  grantType: 'authorization_code',
  client: { clientId: 'app', type: 'public', authMethod: 'none' },
  user: { type: 'patient', id: 'p1' },
  launch: 'standalone',
  requestedScope,
  availableContext: { patient: '123' },
  ...extra,
});

const get = (granted: string[], path: string, query?: string, extra: Partial<AccessRequest> = {}): Omit<AccessRequest, 'options'> => ({
  granted,
  context: { patient: '123' },
  request: { method: 'GET', path, ...(query !== undefined ? { query } : {}) },
  ...extra,
});

/** One witness per settable option, keyed `group.member`. */
const WITNESSES: Readonly<Record<string, Witness>> = {
  'access.queryRestrictedSearch': {
    option: 'search.query_restricted refuse',
    access: get(['user/Observation.rs?category=laboratory'], 'Observation', 'code=x'),
  },
  'access.patientSearchWithoutFilter': { option: 'search.patient_filter refuse', access: get(['patient/Observation.rs'], 'Observation') },
  'access.patientMembership': {
    option: 'patient.membership primary',
    access: get(['patient/Observation.r'], 'Observation/1', undefined, {
      resource: { resourceType: 'Observation', id: '1', performer: [{ reference: 'Patient/123' }] },
    }),
  },
  'access.patientScopeNonCompartmentTypes': {
    option: 'patient.non_compartment_types read-search',
    access: get(['patient/Medication.rs'], 'Medication/1', undefined, { resource: { resourceType: 'Medication', id: '1' } }),
  },
  'access.operations': { option: 'operation "$everything" rs', access: get(['user/*.rs'], 'Patient/123/$everything') },
  'access.conditionalInteractions': {
    option: 'interactions.conditional require-search',
    access: { granted: ['user/Observation.cruds'], request: { method: 'DELETE', path: 'Observation', query: 'identifier=x' } },
  },
  'access.compartmentSearch': { option: 'search.compartment deny', access: get(['user/Observation.rs'], 'Patient/123/Observation') },
  'access.capabilities': { option: 'capabilities deny', access: get([], 'metadata') },
  'access.includes': { option: 'search.includes deny', access: get(['user/*.rs'], 'Observation', '_include=Observation:subject') },
  'access.scopeQueryValues': {
    option: 'scope.query_values literal',
    access: get(['user/Observation.rs?code=a%7Cb'], 'Observation/1', undefined, {
      resource: { resourceType: 'Observation', id: '1', code: { coding: [{ system: 'a', code: 'b' }] } },
    }),
  },
  'access.patientLink': {
    option: 'patient.link ignore',
    access: get(['patient/Patient.r'], 'Patient/2', undefined, {
      resource: { resourceType: 'Patient', id: '2', link: [{ other: { reference: 'Patient/123' }, type: 'seealso' }] },
    }),
  },
  'access.patientWriteLinks': {
    option: 'patient.write_links primary',
    access: {
      granted: ['patient/Observation.c'],
      context: { patient: '123' },
      request: {
        method: 'POST',
        path: 'Observation',
        body: { resourceType: 'Observation', subject: { reference: 'Patient/123' }, performer: [{ reference: 'Patient/456' }] },
      },
    },
  },
  'access.serverBase': {
    option: 'server.base "https://ehr.example.org/fhir"',
    access: get(['patient/Observation.r'], 'Observation/1', undefined, {
      resource: { resourceType: 'Observation', id: '1', subject: { reference: 'https://ehr.example.org/fhir/Patient/123' } },
    }),
  },
  'token.refreshScopeNarrowing': {
    option: 'refresh.scope_narrowing strict-subset',
    token: patientApp('patient/Observation.rs offline_access', {
      grantType: 'refresh_token',
      originalScope: 'patient/Observation.rs offline_access',
      binding: { dpopJkt: JKT },
    }),
  },
  'token.v1Scopes': { option: 'scopes.v1 reject', token: patientApp('launch/patient patient/Observation.read') },
  'token.v1Echo': { option: 'scopes.v1_echo v2', token: patientApp('launch/patient patient/Observation.read') },
  'token.v1Mixing': { option: 'scopes.mixing reject', token: patientApp('launch/patient patient/Observation.read patient/Patient.rs') },
  'token.tokenType': { option: 'token_type bearer', token: patientApp('launch/patient patient/Observation.rs') },
  'token.introspectionEcho': { option: 'introspection.echo smart', token: patientApp('launch/patient patient/Observation.rs') },
  'token.dpopAccessTokens': {
    option: 'dpop.access_tokens bind',
    token: patientApp('launch/patient patient/Observation.rs', { binding: { dpopJkt: JKT } }),
  },
  'token.emptyGrant': { option: 'scopes.empty_grant empty-token', token: patientApp('patient/Immunization.rs') },
  'token.invalidScopes': {
    option: 'scopes.invalid reject',
    token: patientApp('launch/patient patient/Observation.rs patient/Observation.xyz'),
  },
  'token.patientScopesWithoutLaunch': { option: 'scopes.patient_without_launch drop', token: patientApp('patient/Observation.rs') },
  'token.queryConflicts': {
    option: 'scopes.query_conflict conjunction',
    token: patientApp('launch/patient patient/Condition.rs?category=encounter-diagnosis'),
  },
  'token.accessTokenLifetime': { option: 'token.lifetime 30m', token: patientApp('launch/patient patient/Observation.rs') },
  'token.backendTokenLifetime': {
    option: 'token.backend_lifetime 2m',
    token: {
      grantType: 'client_credentials',
      client: { clientId: 'bulk', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' },
      requestedScope: 'system/Observation.rs',
    },
  },
};

function decide(bundle: PolicyBundle, w: Witness): unknown {
  if ('access' in w) return authorize({ ...w.access, options: bundle.policy.options.access });
  return createEvaluator(bundle).decideToken(w.token);
}

const DEFAULTS = bundleWithOptions('');

describe('every settable option changes at least one decision', () => {
  it('has a witness for every settable option of the registry, and none for anything else', () => {
    expect(Object.keys(WITNESSES).sort()).toEqual(SETTABLE_OPTIONS.map((o) => `${o.group}.${o.member}`).sort());
  });

  for (const o of SETTABLE_OPTIONS) {
    const key = `${o.group}.${o.member}`;
    it(`${o.definition.keyword} (${key})`, () => {
      const w = WITNESSES[key];
      if (w === undefined) throw new Error(`no witness for ${key}`);
      const changed = bundleWithOptions(`  option ${w.option}`);
      // The policy line really set the option (and only it) away from its default.
      const options = changed.policy.options[o.group] as unknown as Record<string, unknown>;
      expect(options[o.member]).not.toEqual(defaultValueOf(o.definition));
      const before = decide(DEFAULTS, w);
      const after = decide(changed, w);
      expect(after).not.toEqual(before);
    });
  }
});
