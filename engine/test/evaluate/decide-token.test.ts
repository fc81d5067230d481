/** One test (or a few) per rule of `decideToken`, over hand-built bundles. */
import { describe, expect, it } from 'vitest';
import type { TokenOptions } from '../../src/compile/bundle-types.js';
import { createEvaluator, type TokenDecision, type TokenRequest } from '../../src/evaluate/index.js';
import { allow, app, deny, makeBundle, refreshPolicy, rules } from './bundle-fixture.js';

const LAB = 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
/** Well-formed key thumbprints (43 base64url characters). */
const JKT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';
const CLIENT_JKT = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function portal(token: Partial<TokenOptions> = {}) {
  return createEvaluator(
    makeBundle({
      apps: [
        app('portal', { clientTypes: ['public', 'confidential-asymmetric'], userTypes: ['patient', 'related-person'] }),
        app('backend', {
          clientTypes: ['confidential-asymmetric'],
          authMethods: ['private_key_jwt'],
          clientIds: ['bulk'],
          userTypes: ['none'],
        }),
        app('wallet', {
          clientTypes: ['public'],
          registration: ['static', 'trusted-dynamic'],
          softwareIds: ['org.example.wallet'],
          userTypes: ['patient'],
        }),
      ],
      grants: [
        ...rules('portal', [
          allow(
            'patient/Patient.rs',
            'patient/Condition.rs',
            LAB,
            'launch',
            'launch/patient',
            'openid',
            'fhirUser',
            'offline_access',
            '__darkMode',
            'system/Observation.rs',
            'user/Practitioner.rs',
          ),
          { effect: 'allow', scopes: ['patient/Immunization.rs'], when: { field: 'launch', in: ['ehr'] } },
          deny('patient/*.cud'),
          { effect: 'deny', scopes: ['patient/Condition.rs'], when: { field: 'user', in: ['related-person'] }, reason: 'not for proxies' },
          allow('system/DynamicClient.register'),
        ]),
        ...rules('backend', [allow('system/Observation.rs', 'system/Patient.rs', 'offline_access')]),
        ...rules('wallet', [
          allow(
            'launch/patient',
            'openid',
            'patient/Observation.rs',
            'patient/Patient.rs',
            'system/DynamicClient.register',
            'offline_access',
          ),
        ]),
      ],
      refresh: [refreshPolicy('portal', { binding: { methods: ['dpop', 'client-key'], required: true } }), refreshPolicy('backend')],
      registration: [
        {
          id: 'registration:wallet',
          app: 'wallet',
          softwareIds: ['org.example.wallet'],
          initialTokenMaxAge: 600,
          initialTokenSingleUse: true,
          algorithms: ['ES384'],
          instanceLifetime: null,
          instancesPerUser: 5,
          span: { uri: 't', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
        },
      ],
      token,
    }),
  );
}

const patientApp = (scope: string, extra: Partial<TokenRequest> = {}): TokenRequest => ({
  grantType: 'authorization_code',
  client: { clientId: 'phr', type: 'public', authMethod: 'none' },
  user: { type: 'patient', id: 'u1' },
  launch: 'standalone',
  requestedScope: scope,
  availableContext: { patient: '123' },
  ...extra,
});

const backend = (scope: string, extra: Partial<TokenRequest> = {}): TokenRequest => ({
  grantType: 'client_credentials',
  client: { clientId: 'bulk', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' },
  requestedScope: scope,
  ...extra,
});

const droppedRules = (d: TokenDecision) => Object.fromEntries(d.dropped.map((x) => [x.scope, x.rule]));

describe('granted = requested ∩ allowed − denied', () => {
  const ev = portal();

  it('grants allowed scopes as requested', () => {
    const d = ev.decideToken(patientApp('launch/patient patient/Patient.rs openid fhirUser'));
    expect(d.decision).toBe('allow');
    expect(d.granted.scope).toBe('launch/patient patient/Patient.rs openid fhirUser');
    expect(d.dropped).toEqual([]);
    expect(d.narrowed).toEqual([]);
  });

  it('narrows letters to what is allowed and reports the narrowing with rule and span', () => {
    const d = ev.decideToken(patientApp('patient/Condition.cruds'));
    expect(d.granted.scopes).toEqual(['patient/Condition.rs']);
    expect(d.narrowed).toHaveLength(1);
    expect(d.narrowed[0]).toMatchObject({
      requested: 'patient/Condition.cruds',
      granted: ['patient/Condition.rs'],
      rule: 'grant:portal#2, grant:portal#13',
    });
    expect(d.narrowed[0]?.reason).toContain('narrowed by grant:portal#13');
    expect(d.narrowed[0]?.span?.uri).toBe('test.smartpolicy');
  });

  it('narrows a broad request to the allowed query-restricted scope', () => {
    const d = ev.decideToken(patientApp('patient/Observation.rs'));
    expect(d.granted.scopes).toEqual([LAB]);
    expect(d.narrowed[0]).toMatchObject({ requested: 'patient/Observation.rs', granted: [LAB], rule: 'grant:portal#3' });
  });

  it('narrows a wildcard request to the allowed types', () => {
    const d = ev.decideToken(patientApp('patient/*.rs'));
    expect(new Set(d.granted.scopes)).toEqual(new Set(['patient/Patient.rs', 'patient/Condition.rs', LAB]));
  });

  it('drops a scope nothing allows, naming policy.no-allow', () => {
    const d = ev.decideToken(patientApp('patient/Patient.rs patient/Goal.rs'));
    expect(droppedRules(d)).toEqual({ 'patient/Goal.rs': 'policy.no-allow' });
  });

  it('lets a deny win over an allow, with the deny rule, reason and span', () => {
    const d = ev.decideToken(patientApp('patient/Patient.rs patient/Condition.rs', { user: { type: 'related-person' } }));
    expect(d.dropped[0]).toMatchObject({ scope: 'patient/Condition.rs', rule: 'grant:portal#14', reason: 'denied: not for proxies' });
    expect(d.dropped[0]?.span).toBeDefined();
  });

  it('applies conditional allows only when their condition holds', () => {
    expect(ev.decideToken(patientApp('patient/Immunization.rs patient/Patient.rs')).granted.scopes).toEqual(['patient/Patient.rs']);
    expect(ev.decideToken(patientApp('launch patient/Immunization.rs', { launch: 'ehr' })).granted.scopes).toEqual([
      'launch',
      'patient/Immunization.rs',
    ]);
  });

  it('grants extension scopes the policy allows', () => {
    expect(ev.decideToken(patientApp('patient/Patient.rs __darkMode')).granted.scopes).toEqual(['patient/Patient.rs', '__darkMode']);
  });

  it('names the matched app class and the allow rules among the reasons', () => {
    const d = ev.decideToken(patientApp('patient/Patient.rs'));
    expect(d.apps).toEqual(['portal']);
    expect(d.reasons.map((r) => r.rule)).toEqual(['app:portal', 'grant:portal#1']);
    expect(d.reasons.every((r) => r.span !== undefined)).toBe(true);
  });
});

describe('malformed and v1 scopes', () => {
  it('drops a scope that does not parse, saying why', () => {
    const d = portal().decideToken(patientApp('patient/Patient.rs patient/Observation.sr'));
    expect(d.dropped[0]).toMatchObject({ scope: 'patient/Observation.sr', rule: 'token.scope.invalid' });
    expect(d.granted.scopes).toEqual(['patient/Patient.rs']);
  });

  it('refuses the whole request when the policy rejects malformed scopes', () => {
    const d = portal({ invalidScopes: 'reject' }).decideToken(patientApp('patient/Patient.rs patient/Observation.sr'));
    expect(d.oauthError?.error).toBe('invalid_scope');
  });

  it('echoes granted v1 scopes in v1, and narrowed ones in v1 where v1 can say it', () => {
    const d = portal().decideToken(patientApp('patient/Patient.read patient/Condition.*'));
    expect(d.granted.scopes).toEqual(['patient/Patient.read', 'patient/Condition.read']);
  });

  it('echoes v1 scopes in v2 when the policy says so', () => {
    const d = portal({ v1Echo: 'v2' }).decideToken(patientApp('patient/Patient.read'));
    expect(d.granted.scopes).toEqual(['patient/Patient.rs']);
  });

  it('drops v1 scopes when the policy rejects v1', () => {
    const d = portal({ v1Scopes: 'reject' }).decideToken(patientApp('patient/Patient.read patient/Condition.rs'));
    expect(droppedRules(d)).toEqual({ 'patient/Patient.read': 'token.v1.rejected' });
  });

  it('refuses a v1/v2 mix when the policy rejects mixing', () => {
    const d = portal({ v1Mixing: 'reject' }).decideToken(patientApp('patient/Patient.read patient/Condition.rs'));
    expect(d.oauthError?.error).toBe('invalid_scope');
    expect(portal({ v1Mixing: 'reject' }).decideToken(patientApp('patient/Patient.read')).decision).toBe('allow');
  });
});

describe('clients and app classes', () => {
  it('refuses a client no app class describes with invalid_client', () => {
    const d = portal().decideToken(
      patientApp('patient/Patient.rs', { client: { clientId: 'x', type: 'confidential-symmetric', authMethod: 'client_secret_basic' } }),
    );
    expect(d.decision).toBe('deny');
    expect(d.oauthError?.error).toBe('invalid_client');
  });

  it('refuses a known client outside its class (user type) with unauthorized_client', () => {
    const d = portal().decideToken(patientApp('patient/Patient.rs', { user: { type: 'practitioner' } }));
    expect(d.oauthError?.error).toBe('unauthorized_client');
    expect(d.apps).toEqual(['portal']);
    expect(d.reasons.slice(1).map((r) => r.rule)).toEqual(['app:portal']);
  });

  it('answers invalid_scope when nothing can be granted', () => {
    const d = portal().decideToken(patientApp('patient/Goal.rs'));
    expect(d.decision).toBe('deny');
    expect(d.oauthError?.error).toBe('invalid_scope');
    expect(d.oauthError?.error_description).toContain('patient/Goal.rs');
    expect(d.dropped).toHaveLength(1);
  });

  it('issues an empty token when the policy prefers that', () => {
    const d = portal({ emptyGrant: 'empty-token' }).decideToken(patientApp('patient/Goal.rs'));
    expect(d.decision).toBe('allow');
    expect(d.granted.scope).toBe('');
  });

  it('drops system scopes for clients that are not confidential-asymmetric', () => {
    const d = portal().decideToken(patientApp('patient/Patient.rs system/Observation.rs'));
    expect(droppedRules(d)).toEqual({ 'system/Observation.rs': 'token.system.client-type' });
  });

  it('drops `launch` outside an EHR launch', () => {
    const d = portal().decideToken(patientApp('launch patient/Patient.rs'));
    expect(droppedRules(d)).toEqual({ launch: 'token.launch.ehr-only' });
  });
});

describe('client_credentials (Backend Services)', () => {
  const ev = portal();

  it('grants system scopes with a short-lived token and no refresh token', () => {
    const d = ev.decideToken(backend('system/Observation.rs system/Patient.rs'));
    expect(d.granted.scopes).toEqual(['system/Observation.rs', 'system/Patient.rs']);
    expect(d.tokenResponse.expiresIn).toBeLessThanOrEqual(300);
    expect(d.tokenResponse.mustInclude).toEqual(expect.arrayContaining(['access_token', 'token_type', 'expires_in', 'scope']));
    expect(d.tokenResponse.mustInclude).not.toContain('refresh_token');
    expect(d.refresh).toBeNull();
  });

  it('caps expires_in at 300 even if the policy asks for more', () => {
    expect(portal({ backendTokenLifetime: 3600 }).decideToken(backend('system/Patient.rs')).tokenResponse.expiresIn).toBe(300);
  });

  it('drops refresh, identity, launch and non-system scopes', () => {
    const d = ev.decideToken(backend('system/Patient.rs offline_access openid launch patient/Patient.rs'));
    expect(d.granted.scopes).toEqual(['system/Patient.rs']);
    expect(new Set(Object.values(droppedRules(d)))).toEqual(new Set(['token.backend.scope-kind']));
  });

  it('is only for confidential-asymmetric clients', () => {
    const d = ev.decideToken(
      backend('system/Patient.rs', { client: { clientId: 'bulk', type: 'confidential-symmetric', authMethod: 'client_secret_basic' } }),
    );
    expect(d.decision).toBe('deny');
    expect(['invalid_client', 'unauthorized_client']).toContain(d.oauthError?.error);
  });
});

describe('launch context', () => {
  const ev = portal();

  it('requires a patient when patient scopes are granted, and asks for a picker when none is available', () => {
    const d = ev.decideToken(patientApp('patient/Patient.rs', { availableContext: {} }));
    expect(d.context).toMatchObject({ patient: 'required', patientPicker: true });
    expect(d.tokenResponse.mustInclude).toContain('patient');
    expect(d.introspection.echo).toContain('patient');
  });

  it('needs no picker when the patient is known', () => {
    expect(ev.decideToken(patientApp('patient/Patient.rs')).context).toMatchObject({ patient: 'required', patientPicker: false });
  });

  it('asks for no patient when no patient scope is granted', () => {
    const d = ev.decideToken(patientApp('openid fhirUser'));
    expect(d.context.patient).toBeUndefined();
    expect(d.tokenResponse.mustInclude).not.toContain('patient');
  });

  it('drops patient scopes without launch context when the policy says so', () => {
    const evDrop = portal({ patientScopesWithoutLaunch: 'drop' });
    const d = evDrop.decideToken(patientApp('patient/Patient.rs openid'));
    expect(droppedRules(d)).toEqual({ 'patient/Patient.rs': 'token.context.patient-launch' });
    expect(evDrop.decideToken(patientApp('launch/patient patient/Patient.rs')).granted.scopes).toContain('patient/Patient.rs');
  });

  it('demands an id_token for openid and echoes its claims at introspection', () => {
    const d = ev.decideToken(patientApp('openid fhirUser patient/Patient.rs'));
    expect(d.tokenResponse.mustInclude).toContain('id_token');
    expect(d.introspection.echo).toEqual(expect.arrayContaining(['active', 'scope', 'client_id', 'exp', 'iss', 'sub', 'fhirUser']));
  });
});

describe('policy context requirements', () => {
  const bundle = makeBundle({
    apps: [app('chart', { clientTypes: ['confidential-symmetric'], userTypes: ['practitioner'], launch: ['ehr'] })],
    grants: rules('chart', [allow('launch', 'launch/encounter', 'launch/imagingstudy', 'user/Encounter.rs', 'patient/ImagingStudy.rs')]),
    context: {
      requirements: [
        {
          id: 'context#1',
          pattern: 'user/Encounter',
          requires: [{ kind: 'encounter' }],
          span: { uri: 't', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
        },
        {
          id: 'context#2',
          pattern: 'launch/imagingstudy',
          requires: [{ kind: 'fhirContext', type: 'ImagingStudy' }],
          span: { uri: 't', start: { line: 2, column: 1 }, end: { line: 2, column: 2 } },
        },
      ],
      tokenCarries: [
        { fields: ['need_patient_banner', '__darkMode'], span: { uri: 't', start: { line: 3, column: 1 }, end: { line: 3, column: 2 } } },
      ],
      introspectionEchoes: [
        { fields: ['need_patient_banner', '__darkMode'], span: { uri: 't', start: { line: 4, column: 1 }, end: { line: 4, column: 2 } } },
      ],
    },
  });
  const ev = createEvaluator(bundle);
  const chart = (scope: string, ctx: TokenRequest['availableContext']): TokenRequest => ({
    grantType: 'authorization_code',
    client: { clientId: 'c', type: 'confidential-symmetric', authMethod: 'client_secret_basic' },
    user: { type: 'practitioner' },
    launch: 'ehr',
    requestedScope: scope,
    ...(ctx === undefined ? {} : { availableContext: ctx }),
  });

  it('requires the encounter and carries it in the token response', () => {
    const d = ev.decideToken(chart('launch user/Encounter.rs', { patient: 'p', encounter: 'e' }));
    expect(d.context.encounter).toBe('required');
    expect(d.tokenResponse.mustInclude).toEqual(expect.arrayContaining(['encounter', 'need_patient_banner', '__darkMode']));
  });

  it('drops a scope whose required context is not available', () => {
    const d = ev.decideToken(chart('launch user/Encounter.rs', { patient: 'p' }));
    expect(droppedRules(d)).toEqual({ 'user/Encounter.rs': 'context#1' });
  });

  it('requires fhirContext items', () => {
    const d = ev.decideToken(chart('launch launch/imagingstudy', { fhirContext: [{ reference: 'ImagingStudy/9' }] }));
    expect(d.context.fhirContext).toEqual([{ type: 'ImagingStudy', demand: 'required' }]);
    expect(d.tokenResponse.mustInclude).toContain('fhirContext');
    expect(droppedRules(ev.decideToken(chart('launch launch/imagingstudy', {})))).toEqual({ 'launch/imagingstudy': 'context#2' });
  });

  it('echoes extension context parameters only when the policy says all', () => {
    expect(ev.decideToken(chart('launch', {})).introspection.echo).toContain('__darkMode');
    const smart = createEvaluator({
      ...bundle,
      policy: {
        ...bundle.policy,
        options: { ...bundle.policy.options, token: { ...bundle.policy.options.token, introspectionEcho: 'smart' } },
      },
    });
    const echo = smart.decideToken(chart('launch', {})).introspection.echo;
    expect(echo).toContain('need_patient_banner');
    expect(echo).not.toContain('__darkMode');
  });
});

describe('refresh tokens at authorization', () => {
  const ev = portal();

  it('drops offline_access for a public client without the binding the policy requires', () => {
    const d = ev.decideToken(patientApp('patient/Patient.rs offline_access'));
    expect(droppedRules(d)).toEqual({ offline_access: 'refresh:portal' });
    expect(d.dropped[0]?.reason).toContain('DPoP');
    expect(d.refresh).toBeNull();
  });

  it('issues a DPoP-bound refresh token with the policy lifetimes', () => {
    const d = ev.decideToken(patientApp('patient/Patient.rs offline_access', { binding: { dpopJkt: JKT } }));
    expect(d.granted.scopes).toContain('offline_access');
    expect(d.refresh).toMatchObject({
      issue: true,
      mode: 'offline',
      binding: 'dpop',
      jkt: JKT,
      rotate: true,
      reuse: 'revoke-grant',
      lifetime: 7_776_000,
      idle: 2_592_000,
      graceSeconds: 10,
      rule: 'refresh:portal',
    });
    expect(d.tokenResponse.mustInclude).toContain('refresh_token');
    expect(d.tokenResponse.tokenType).toBe('Bearer');
  });

  it('binds a confidential-asymmetric client by its key', () => {
    const d = ev.decideToken(
      patientApp('patient/Patient.rs offline_access', {
        client: { clientId: 'c', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' },
        binding: { clientKeyJkt: CLIENT_JKT },
      }),
    );
    expect(d.refresh).toMatchObject({ issue: true, binding: 'client-key', jkt: CLIENT_JKT });
  });

  it('drops offline_access when no refresh policy covers the class', () => {
    const evNone = createEvaluator(makeBundle({ apps: [app('p')], grants: rules('p', [allow('patient/Patient.rs', 'offline_access')]) }));
    const d = evNone.decideToken(patientApp('patient/Patient.rs offline_access', { binding: { dpopJkt: JKT } }));
    expect(droppedRules(d)).toEqual({ offline_access: 'token.refresh.no-policy' });
  });

  it('refuses unrotated, unbound refresh tokens for public clients', () => {
    const evNoRotate = createEvaluator(
      makeBundle({
        apps: [app('p', { clientTypes: ['public'] })],
        grants: rules('p', [allow('patient/Patient.rs', 'offline_access')]),
        refresh: [refreshPolicy('p', { rotate: 'never' })],
      }),
    );
    const d = evNoRotate.decideToken(patientApp('patient/Patient.rs offline_access'));
    expect(droppedRules(d)).toEqual({ offline_access: 'token.refresh.public-unprotected' });
    expect(evNoRotate.decideToken(patientApp('patient/Patient.rs offline_access', { binding: { dpopJkt: JKT } })).refresh?.issue).toBe(
      true,
    );
  });

  it('marks DPoP-bound access tokens when the policy binds them', () => {
    const d = portal({ dpopAccessTokens: 'bind' }).decideToken(patientApp('patient/Patient.rs', { binding: { dpopJkt: JKT } }));
    expect(d.tokenResponse.tokenType).toBe('DPoP');
    expect(d.introspection.echo).toContain('cnf');
    expect(portal({ tokenType: 'bearer' }).decideToken(patientApp('patient/Patient.rs')).tokenResponse.tokenType).toBe('bearer');
  });
});

describe('refresh_token grant', () => {
  const ev = portal();
  const refresh = (requestedScope: string | null, extra: Partial<TokenRequest> = {}): TokenRequest => ({
    grantType: 'refresh_token',
    client: { clientId: 'phr', type: 'public', authMethod: 'none' },
    user: { type: 'patient' },
    requestedScope,
    originalScope: 'launch/patient patient/Patient.rs patient/Condition.rs offline_access',
    availableContext: { patient: '123' },
    binding: { dpopJkt: JKT },
    ...extra,
  });

  it('keeps the original scopes when scope is omitted', () => {
    const d = ev.decideToken(refresh(null));
    expect(d.granted.scope).toBe('launch/patient patient/Patient.rs patient/Condition.rs offline_access');
    expect(d.refresh).toMatchObject({ issue: true, scope: 'launch/patient patient/Patient.rs patient/Condition.rs offline_access' });
  });

  it('narrows the access token but the new refresh token keeps the original scope', () => {
    const d = ev.decideToken(refresh('patient/Patient.r'));
    expect(d.granted.scopes).toEqual(['patient/Patient.r']);
    expect(d.refresh?.scope).toBe('launch/patient patient/Patient.rs patient/Condition.rs offline_access');
  });

  it('refuses anything new with invalid_scope', () => {
    for (const scope of ['patient/Patient.rs openid', 'patient/Patient.cruds', 'patient/Observation.rs', 'not a scope']) {
      expect(ev.decideToken(refresh(scope)).oauthError?.error, scope).toBe('invalid_scope');
    }
  });

  it('accepts the same scopes under subset, refuses them under strict-subset', () => {
    const same = 'launch/patient patient/Patient.rs patient/Condition.rs offline_access';
    expect(ev.decideToken(refresh(same)).decision).toBe('allow');
    expect(portal({ refreshScopeNarrowing: 'strict-subset' }).decideToken(refresh(same)).oauthError?.error).toBe('invalid_scope');
    expect(portal({ refreshScopeNarrowing: 'strict-subset' }).decideToken(refresh('patient/Patient.rs')).decision).toBe('allow');
  });

  it('needs the original grant', () => {
    const { originalScope: _o, ...withoutOriginal } = refresh(null);
    expect(ev.decideToken(withoutOriginal).oauthError?.error).toBe('invalid_grant');
  });

  it('refuses a refresh the policy no longer allows (binding missing)', () => {
    const { binding: _b, ...unbound } = refresh(null);
    expect(ev.decideToken(unbound).oauthError?.error).toBe('invalid_grant');
  });

  it('does not reissue a refresh token when the policy does not rotate', () => {
    const evConf = createEvaluator(
      makeBundle({
        apps: [app('c', { clientTypes: ['confidential-asymmetric'] })],
        grants: rules('c', [allow('patient/Patient.rs', 'offline_access')]),
        refresh: [refreshPolicy('c', { rotate: 'never' })],
      }),
    );
    const d = evConf.decideToken(
      refresh(null, {
        client: { clientId: 'c', type: 'confidential-asymmetric', authMethod: 'private_key_jwt' },
        binding: { clientKeyJkt: CLIENT_JKT },
      }),
    );
    expect(d.refresh).toMatchObject({ issue: false, rotate: false });
    expect(d.tokenResponse.mustInclude).not.toContain('refresh_token');
  });
});

describe('trusted dynamic registration', () => {
  const ev = portal();
  const wallet = { clientId: 'w-static', type: 'public' as const, authMethod: 'none', softwareId: 'org.example.wallet' };
  const device = {
    clientId: 'dyn-123',
    type: 'public' as const,
    authMethod: 'none',
    softwareId: 'org.example.wallet',
    registration: 'trusted-dynamic' as const,
  };

  it('grants the registration scope to a trusted-dynamic app class in the launch (step 1)', () => {
    const d = ev.decideToken({ ...patientApp('launch/patient patient/Observation.rs system/DynamicClient.register'), client: wallet });
    expect(d.granted.scopes).toContain('system/DynamicClient.register');
  });

  it('drops the registration scope for other app classes', () => {
    const d = ev.decideToken(patientApp('patient/Patient.rs system/DynamicClient.register'));
    expect(droppedRules(d)).toEqual({ 'system/DynamicClient.register': 'token.registration.trusted-dynamic' });
  });

  it('mints step-3 tokens within the approved scopes, never with refresh or id tokens', () => {
    const d = ev.decideToken({
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client: device,
      user: { type: 'patient' },
      requestedScope: 'launch/patient patient/Observation.rs openid offline_access',
      originalScope: 'launch/patient openid patient/Observation.rs patient/Patient.rs offline_access',
      availableContext: { patient: '123' },
    });
    expect(d.granted.scopes).toEqual(['launch/patient', 'patient/Observation.rs']);
    expect(droppedRules(d)).toEqual({ openid: 'token.jwt-bearer.no-identity', offline_access: 'token.jwt-bearer.no-refresh' });
    expect(d.refresh).toBeNull();
    expect(d.tokenResponse.mustInclude).not.toContain('id_token');
    expect(d.tokenResponse.mustInclude).not.toContain('refresh_token');
    expect(d.context.patient).toBe('required');
  });

  it('refuses a step-3 request beyond the approved scopes, and static clients', () => {
    const base = {
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer' as const,
      user: { type: 'patient' as const },
      originalScope: 'launch/patient patient/Observation.rs',
    };
    expect(ev.decideToken({ ...base, client: device, requestedScope: 'patient/Patient.rs' }).oauthError?.error).toBe('invalid_scope');
    expect(ev.decideToken({ ...base, client: wallet, requestedScope: 'patient/Observation.rs' }).oauthError?.error).toBe(
      'unauthorized_client',
    );
  });

  it('lets a dynamic instance use only the JWT bearer grant', () => {
    const d = ev.decideToken({ ...patientApp('patient/Observation.rs'), client: device });
    expect(d.oauthError?.error).toBe('unauthorized_client');
  });

  it('drops patient scopes when the registered context has no patient', () => {
    const d = ev.decideToken({
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client: device,
      user: { type: 'patient' },
      originalScope: 'launch/patient patient/Observation.rs',
      availableContext: {},
    });
    expect(droppedRules(d)).toEqual({ 'patient/Observation.rs': 'token.context.patient-missing' });
  });
});

describe('never throws, fails closed', () => {
  const ev = portal();
  it.each([
    ['null', null],
    ['a string', 'token please'],
    ['no client', { grantType: 'authorization_code', requestedScope: 'openid' }],
    ['bad grant type', { grantType: 'password', client: { clientId: 'a', type: 'public', authMethod: 'none' } }],
    ['bad client type', { grantType: 'authorization_code', client: { clientId: 'a', type: 'secret', authMethod: 'none' } }],
    [
      'scope not a string',
      { grantType: 'authorization_code', client: { clientId: 'a', type: 'public', authMethod: 'none' }, requestedScope: 42 },
    ],
    [
      'bad context',
      {
        grantType: 'authorization_code',
        client: { clientId: 'a', type: 'public', authMethod: 'none' },
        availableContext: { fhirContext: 'x' },
      },
    ],
  ])('%s → deny with errors', (_name, input) => {
    const d = ev.decideToken(input as unknown as TokenRequest);
    expect(d.decision).toBe('deny');
    expect(d.errors.length).toBeGreaterThan(0);
    expect(d.errors[0]?.path).toMatch(/^\$/);
    expect(d.oauthError?.error).toBe('invalid_request');
  });
});
