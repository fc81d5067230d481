/**
 * Issue 20: reasons name the real cause. A scope dropped because a rule's condition does not
 * hold says which condition; a client no app class describes (or a session no class fits) is
 * told which property of each class failed, never "matches app class …", and never with the
 * client's own values echoed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator, type TokenRequest } from '../../src/evaluate/index.js';
import { describeCondition, unmetCondition } from '../../src/evaluate/describe-condition.js';
import { allow, app, makeBundle, refreshPolicy, rules } from './bundle-fixture.js';

const ev = createEvaluator(
  makeBundle({
    apps: [
      app('portal', {
        clientTypes: ['public', 'confidential-asymmetric'],
        clientIds: ['phr', 'svc'],
        userTypes: ['patient'],
        launch: ['standalone'],
      }),
      app('chart', {
        clientTypes: ['confidential-symmetric'],
        authMethods: ['client_secret_basic'],
        userTypes: ['practitioner'],
        launch: ['ehr'],
      }),
    ],
    grants: [
      ...rules('portal', [
        allow('patient/Patient.rs', 'launch/patient'),
        { effect: 'allow', scopes: ['offline_access'], when: { field: 'bound', in: ['dpop', 'client-key'] } },
        {
          effect: 'allow',
          scopes: ['patient/Observation.rs'],
          when: {
            all: [
              { field: 'launch', in: ['standalone'] },
              { field: 'user', in: ['related-person'] },
            ],
          },
        },
      ]),
      ...rules('chart', [allow('user/*.rs')]),
    ],
    refresh: [refreshPolicy('portal', { offlineWhen: { field: 'client', in: ['confidential-asymmetric'] } })],
  }),
);

const request = (extra: Partial<TokenRequest> = {}): TokenRequest => ({
  grantType: 'authorization_code',
  client: { clientId: 'phr', type: 'public', authMethod: 'none' },
  user: { type: 'patient' },
  launch: 'standalone',
  requestedScope: 'launch/patient patient/Patient.rs offline_access patient/Observation.rs',
  availableContext: { patient: '1' },
  ...extra,
});

describe('dropped scopes name the unmet condition', () => {
  it('offline_access needs DPoP binding or a confidential-asymmetric client', () => {
    const d = ev.decideToken(request());
    const offline = d.dropped.find((x) => x.scope === 'offline_access');
    expect(offline?.reason).toContain('needs DPoP binding or a confidential-asymmetric client');
    expect(offline?.reason).toContain('grant:portal#3');
  });

  it('names only the failing part of an all-condition', () => {
    const d = ev.decideToken(request());
    const obs = d.dropped.find((x) => x.scope === 'patient/Observation.rs');
    expect(obs?.reason).toContain('a related-person user');
    expect(obs?.reason).not.toContain('standalone');
  });

  it("names the refresh policy's unmet condition", () => {
    const d = ev.decideToken(request({ binding: { dpopJkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' } }));
    const offline = d.dropped.find((x) => x.scope === 'offline_access');
    expect(offline?.rule).toBe('refresh:portal');
    expect(offline?.reason).toContain('only with a confidential-asymmetric client');
  });

  it('describes conditions in words', () => {
    expect(describeCondition({ any: [{ field: 'launch', in: ['ehr'] }, { not: { field: 'user', in: ['patient'] } }] })).toBe(
      'an EHR launch or anything but a patient user',
    );
    const facts = { launch: ['ehr'], user: ['patient'], client: ['public'], grant: ['authorization_code'], bound: [] };
    expect(unmetCondition({ field: 'launch', in: ['ehr'] }, facts)).toBeNull();
    expect(
      unmetCondition(
        {
          all: [
            { field: 'launch', in: ['ehr'] },
            { field: 'grant', in: ['refresh_token'] },
          ],
        },
        facts,
      ),
    ).toBe('the refresh_token grant');
  });
});

describe('app-class mismatches say the real cause', () => {
  it('a client id not in the class list', () => {
    const d = ev.decideToken(request({ client: { clientId: 'stranger-app-7', type: 'public', authMethod: 'none' } }));
    expect(d.oauthError?.error).toBe('invalid_client');
    const portal = d.reasons.find((r) => r.rule === 'app:portal');
    expect(portal?.message).toContain("client id is not in the class's list");
    expect(d.reasons.find((r) => r.rule === 'app:chart')?.message).toContain('client type public is not among');
    expect(JSON.stringify(d)).not.toContain('stranger-app-7');
    expect(JSON.stringify(d)).not.toContain('matches app class');
  });

  it('a session the class is not for: user type and launch mode', () => {
    const wrongUser = ev.decideToken(request({ user: { type: 'practitioner' } }));
    expect(wrongUser.oauthError?.error).toBe('unauthorized_client');
    expect(wrongUser.oauthError?.error_description).toContain("user type patient, and this request's user type is practitioner");
    const wrongLaunch = ev.decideToken(request({ launch: 'ehr' }));
    expect(wrongLaunch.oauthError?.error_description).toContain('standalone launches, and this is an EHR launch');
    expect(JSON.stringify(wrongLaunch)).not.toContain('matches app class');
  });

  it('never echoes client values, whatever the client', () => {
    const marker = fc.stringMatching(/^[a-z]{12,20}$/);
    fc.assert(
      fc.property(
        marker,
        marker,
        fc.constantFrom('public', 'confidential-symmetric', 'confidential-asymmetric'),
        (clientId, authMethod, type) => {
          const d = ev.decideToken(request({ client: { clientId, type, authMethod, softwareId: `${clientId}x` } }));
          if (d.decision === 'deny') {
            const text = JSON.stringify(d);
            expect(text).not.toContain(clientId);
            expect(text).not.toContain(authMethod);
            expect(text).not.toContain('matches app class');
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
