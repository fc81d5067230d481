/**
 * The reference SMART server with a client nobody here wrote (oauth4webapi): discovery at both
 * well-known paths, a standalone patient launch with PKCE through the user picker and the
 * consent form, the token response with patient and encounter, introspection echoing them, and
 * FHIR reads and searches allowed, narrowed and denied as the demo policy says.
 */
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { RESOURCE_SERVER, TEST_APP, TEST_REDIRECT, authorizeThroughConsent, startHarness } from './reference-harness.js';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
const VITALS = 'http://terminology.hl7.org/CodeSystem/observation-category|vital-signs';
const insecure = { [oauth.allowInsecureRequests]: true };

let server: RunningReferenceServer;
let as: oauth.AuthorizationServer;
const client: oauth.Client = { client_id: TEST_APP };

beforeAll(async () => {
  server = await startHarness();
  const issuer = new URL(server.url);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
});
afterAll(async () => {
  await server?.close();
});

async function launch(scope: string, options: { decision?: 'allow' | 'deny'; user?: string } = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint as string);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: TEST_APP,
    redirect_uri: TEST_REDIRECT,
    scope,
    state,
    aud: `${server.url}/fhir`,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const back = await authorizeThroughConsent(url, options);
  return { back, verifier, state };
}

async function fhir(token: string, path: string) {
  const res = await fetch(`${server.url}/fhir/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('reference server: standalone launch with oauth4webapi', () => {
  it('publishes SMART configuration at both well-known paths, generated from the policy', async () => {
    const smart = (await (await fetch(`${server.url}/.well-known/smart-configuration`)).json()) as Record<string, unknown>;
    expect(smart['code_challenge_methods_supported']).toEqual(['S256']);
    expect(smart['token_endpoint']).toBe(`${server.url}/token`);
    expect(smart['scopes_supported']).toContain('patient/Patient.rs');
    expect(smart['grant_types_supported']).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer']),
    );
    expect(as.issuer).toBe(server.url);
    expect(as.introspection_endpoint).toBe(`${server.url}/introspect`);
  });

  it('completes a patient launch through consent; introspection carries patient and encounter; FHIR decides', async () => {
    const { back, verifier, state } = await launch(
      'launch/patient launch/encounter openid fhirUser patient/Patient.rs patient/Observation.rs patient/MedicationRequest.rs',
    );
    const params = oauth.validateAuthResponse(as, client, back, state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, TEST_REDIRECT, verifier, insecure);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens['patient']).toBe('ana');
    expect(tokens['encounter']).toBe('ana-enc-2');
    expect(tokens['need_patient_banner']).toBe(true);
    // The policy narrows Observation to lab results and vital signs, and drops MedicationRequest.
    expect(tokens.scope?.split(' ')).toEqual(
      expect.arrayContaining([`patient/Observation.rs?category=${LAB}`, `patient/Observation.rs?category=${VITALS}`, 'patient/Patient.rs']),
    );
    expect(tokens.scope).not.toContain('MedicationRequest');
    expect(oauth.getValidatedIdTokenClaims(tokens)?.['fhirUser']).toBe(`${server.url}/fhir/Patient/ana`);

    const rs: oauth.Client = { client_id: RESOURCE_SERVER.clientId };
    const intro = await oauth.processIntrospectionResponse(
      as,
      rs,
      await oauth.introspectionRequest(as, rs, oauth.ClientSecretBasic(RESOURCE_SERVER.secret), tokens.access_token, insecure),
    );
    expect(intro.active).toBe(true);
    expect(intro.scope).toBe(tokens.scope);
    expect(intro.client_id).toBe(TEST_APP);
    expect(intro['patient']).toBe('ana');
    expect(intro['encounter']).toBe('ana-enc-2');
    expect(intro.sub).toBe('ana');
    expect(intro['fhirUser']).toBe(`${server.url}/fhir/Patient/ana`);
    expect(typeof intro.exp).toBe('number');

    const token = tokens.access_token;
    expect((await fhir(token, 'Patient/ana')).status).toBe(200);
    expect((await fhir(token, 'Patient/john')).status).toBe(403);
    const search = await fhir(token, 'Observation?patient=ana');
    expect(search.status).toBe(200);
    const entries = (search.body['entry'] as { resource: { id: string } }[]).map((e) => e.resource.id).sort();
    expect(entries).toEqual(['ana-obs-chol', 'ana-obs-hba1c', 'ana-obs-hr', 'ana-obs-weight']);
    const smoking = await fhir(token, 'Observation/ana-obs-smoking');
    expect(smoking.status).toBe(403);
    const meds = await fhir(token, 'MedicationRequest?patient=ana');
    expect(meds.status).toBe(403);
    expect(meds.body['resourceType']).toBe('OperationOutcome');
    expect(JSON.stringify(meds.body)).toContain('MedicationRequest');
    expect((await fhir('not-a-token', 'Patient/ana')).status).toBe(401);
  });

  it("a hostile app with Ana's token reaches nothing of another patient's, whatever the search spells", async () => {
    const { back, verifier, state } = await launch('launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs');
    const params = oauth.validateAuthResponse(as, client, back, state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, TEST_REDIRECT, verifier, insecure);
    const token = (await oauth.processAuthorizationCodeResponse(as, client, response)).access_token;
    const others = ['john', 'mei'];
    const probes = [
      'Observation?patient=john',
      'Observation?subject=Patient/john',
      'Observation?patient=ana&patient=john',
      'Observation?patient=ana,john',
      'Observation?subject=http://other.example/fhir/Patient/ana',
      'Observation?patient=ana&_include=Observation:patient',
      'Observation?patient=ana&_revinclude=*',
      'Patient?_has:Observation:patient:_id=john-obs-hr',
      'Patient?_id=john',
      'Patient?_id=ana,john',
      'Patient/john/$everything',
      'Patient/ana/$everything',
      'Observation?patient:Patient.name=John',
      'Observation?patient=ana&__proto__=1&constructor.prototype=1',
      `Observation?patient=ana&code=${'x'.repeat(20_000)}`,
      `Observation?${Array.from({ length: 2000 }, (_, i) => `p${i}=1`).join('&')}`,
    ];
    const allowed: string[] = [];
    for (const probe of probes) {
      const res = await fetch(`${server.url}/fhir/${probe}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, probe).toBeLessThan(500);
      if (res.status === 200) allowed.push(probe);
      const text = await res.text();
      if (res.status === 200) {
        // Allowed: then nothing in the answer may belong to, or name, another patient.
        for (const other of others) {
          expect(text, probe).not.toContain(`Patient/${other}`);
          expect(text, probe).not.toContain(`"id":"${other}`);
        }
      }
      // Never the probe's own text echoed back (big values included).
      expect(text, probe).not.toContain('x'.repeat(100));
    }
    // Some probes are allowed (then narrowed), so the content checks above did run.
    expect(allowed.length).toBeGreaterThan(0);
  });

  it('denying on the consent screen returns access_denied to the app', async () => {
    const { back, state } = await launch('launch/patient patient/Patient.rs', { decision: 'deny' });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe(state);
    expect(() => oauth.validateAuthResponse(as, client, back, state)).toThrow();
  });

  it('CORS: discovery for any origin; token endpoint and FHIR for registered apps only', async () => {
    const discovery = await fetch(`${server.url}/.well-known/smart-configuration`, { headers: { origin: 'https://any.example' } });
    expect(discovery.headers.get('access-control-allow-origin')).toBe('*');
    const appOrigin = new URL(TEST_REDIRECT).origin;
    const preflight = await fetch(`${server.url}/token`, {
      method: 'OPTIONS',
      headers: { origin: appOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'dpop' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('DPoP');
    const stranger = await fetch(`${server.url}/fhir/Patient/ana`, { headers: { origin: 'https://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('introspection needs an authenticated caller; unknown tokens are just inactive', async () => {
    const anonymous = await fetch(`${server.url}/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=abc',
    });
    expect(anonymous.status).toBe(401);
    const basic = Buffer.from(`${RESOURCE_SERVER.clientId}:${RESOURCE_SERVER.secret}`).toString('base64');
    const unknown = await fetch(`${server.url}/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'token=abc',
    });
    expect(await unknown.json()).toEqual({ active: false });
  });
});
