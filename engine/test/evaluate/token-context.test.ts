/**
 * Issue 15: the resource server learns whose data a token reaches. Every launch-context value
 * the token response carries (required or only asked for, and the EHR session's context when
 * `launch` is granted in an EHR launch) is in the response members and echoed by
 * introspection with the same value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator, type TokenDecision, type TokenRequest } from '../../src/evaluate/index.js';
import { allow, app, makeBundle, rules } from './bundle-fixture.js';

const ev = createEvaluator(
  makeBundle({
    apps: [app('any')],
    grants: rules('any', [
      allow('launch', 'launch/patient', 'launch/encounter', 'launch/imagingstudy', 'openid', 'fhirUser', 'patient/*.rs', 'user/*.rs'),
    ]),
  }),
);

const base = (scope: string, launch: 'ehr' | 'standalone', available: TokenRequest['availableContext']): TokenRequest => ({
  grantType: 'authorization_code',
  client: { clientId: 'app', type: 'public', authMethod: 'none' },
  user: { type: 'practitioner' },
  launch,
  requestedScope: scope,
  ...(available !== undefined ? { availableContext: available } : {}),
});

const SMART_CONTEXT = ['patient', 'encounter', 'fhirContext'];

function expectEchoed(d: TokenDecision): void {
  expect(d.introspection.members).toEqual(d.tokenResponse.members);
  for (const member of Object.keys(d.tokenResponse.members)) {
    expect(d.tokenResponse.mustInclude).toContain(member);
    expect(d.introspection.echo).toContain(member);
  }
  for (const member of d.tokenResponse.mustInclude.filter((m) => SMART_CONTEXT.includes(m))) expect(d.introspection.echo).toContain(member);
}

describe('established context travels with the token', () => {
  it('standalone launch/encounter with an encounter available: encounter in the response and introspection', () => {
    const d = ev.decideToken(
      base('launch/patient launch/encounter patient/Observation.rs', 'standalone', { patient: 'p1', encounter: 'e1' }),
    );
    expect(d.context).toMatchObject({ patient: 'required', encounter: 'optional' });
    expect(d.tokenResponse.members).toEqual({ patient: 'p1', encounter: 'e1' });
    expect(d.tokenResponse.mustInclude).toEqual(expect.arrayContaining(['patient', 'encounter']));
    expect(d.introspection.echo).toEqual(expect.arrayContaining(['patient', 'encounter']));
    expectEchoed(d);
  });

  it('standalone launch/encounter without an encounter: nothing to carry', () => {
    const d = ev.decideToken(base('launch/patient launch/encounter patient/Observation.rs', 'standalone', { patient: 'p1' }));
    expect(d.tokenResponse.members).toEqual({ patient: 'p1' });
    expect(d.tokenResponse.mustInclude).not.toContain('encounter');
  });

  it('EHR launch: launch establishes the session patient, encounter and fhirContext', () => {
    const fhirContext = [{ reference: 'ImagingStudy/9' }, { reference: 'List/3', role: 'https://example.org/role' }];
    const d = ev.decideToken(base('launch user/Observation.rs', 'ehr', { patient: 'p1', encounter: 'e1', fhirContext }));
    expect(d.tokenResponse.members).toEqual({ patient: 'p1', encounter: 'e1', fhirContext });
    expect(d.tokenResponse.mustInclude).toEqual(expect.arrayContaining(['patient', 'encounter', 'fhirContext']));
    expect(d.context.patientPicker).toBe(false);
    expectEchoed(d);
  });

  it('EHR launch hints without launch establish only what they ask for', () => {
    const d = ev.decideToken(base('launch/patient user/Observation.rs', 'ehr', { patient: 'p1', encounter: 'e1' }));
    expect(d.tokenResponse.members).toEqual({ patient: 'p1' });
  });

  it('a standalone patient picker: patient required but no value known yet', () => {
    const d = ev.decideToken(base('launch/patient patient/Observation.rs', 'standalone', {}));
    expect(d.context.patientPicker).toBe(true);
    expect(d.tokenResponse.mustInclude).toContain('patient');
    expect(d.tokenResponse.members).toEqual({});
    expect(d.introspection.echo).toContain('patient');
  });

  it('a refresh from an EHR launch keeps carrying the session context', () => {
    const d = ev.decideToken({
      ...base('', 'ehr', { patient: 'p1', encounter: 'e1' }),
      grantType: 'refresh_token',
      requestedScope: null,
      originalScope: 'launch user/Observation.rs',
    });
    expect(d.tokenResponse.members).toEqual({ patient: 'p1', encounter: 'e1' });
    expectEchoed(d);
  });
});

describe('property: every context member of the token response is echoed with the same value', () => {
  const POOL = [
    'launch',
    'launch/patient',
    'launch/encounter',
    'launch/imagingstudy',
    'openid',
    'fhirUser',
    'patient/Observation.rs',
    'user/Observation.rs',
    'patient/*.rs',
  ];
  const item = fc.oneof(
    fc.record({ reference: fc.constantFrom('ImagingStudy/1', 'List/2', 'DiagnosticReport/3') }),
    fc.record({ reference: fc.constantFrom('List/2', 'Observation/4'), role: fc.constantFrom('launch', 'https://example.org/r') }),
    fc.record({ type: fc.constantFrom('Questionnaire', 'ImagingStudy'), canonical: fc.constant('https://example.org/Q/1') }),
  );
  const requestArb = fc.record({
    grantType: fc.constantFrom('authorization_code', 'refresh_token'),
    launch: fc.constantFrom('ehr', 'standalone'),
    scope: fc.uniqueArray(fc.constantFrom(...POOL), { maxLength: 6 }),
    available: fc.option(
      fc.record(
        { patient: fc.constantFrom('p1', 'p2'), encounter: fc.constantFrom('e1', 'e2'), fhirContext: fc.array(item, { maxLength: 3 }) },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  });

  it('holds for random launches and requests', () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const request: TokenRequest = {
          ...base(r.scope.join(' '), r.launch, r.available),
          grantType: r.grantType,
          ...(r.grantType === 'refresh_token' ? { requestedScope: null, originalScope: r.scope.join(' ') } : {}),
        };
        const d = ev.decideToken(request);
        if (d.decision === 'deny') return;
        expectEchoed(d);
        // Values come from the server's context, never made up.
        const members = d.tokenResponse.members;
        if (members.patient !== undefined) expect(members.patient).toBe(r.available?.patient);
        if (members.encounter !== undefined) expect(members.encounter).toBe(r.available?.encounter);
        for (const it of members.fhirContext ?? []) expect(r.available?.fhirContext).toContain(it);
        // The session's context is established exactly when launch is granted in an EHR launch.
        if (r.launch === 'ehr' && d.granted.scopes.includes('launch') && r.available?.encounter !== undefined)
          expect(members.encounter).toBe(r.available.encounter);
      }),
      { numRuns: 400 },
    );
  });
});
