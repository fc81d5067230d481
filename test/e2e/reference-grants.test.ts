/**
 * The reference SMART server's other grants with real clients (oauth4webapi): refresh with
 * rotation and a replay that ends the grant; a DPoP-bound refresh and a refresh with the wrong
 * key refused; Backend Services (client_credentials + private_key_jwt, RS384 and ES384); and the
 * whole trusted-registration flow ending in JWT bearer grants signed with the device key.
 */
import { type GenerateKeyPairResult, SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WALLET_ID } from '../../engine/src/server/reference/demo-clients.js';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { RESOURCE_SERVER, TEST_APP, TEST_REDIRECT, authorizeThroughConsent, startHarness } from './reference-harness.js';

const insecure = { [oauth.allowInsecureRequests]: true } as const;
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

let server: RunningReferenceServer;
let as: oauth.AuthorizationServer;
const app: oauth.Client = { client_id: TEST_APP };
const backendKeys: Record<string, GenerateKeyPairResult> = {};
const CONFIDENTIAL_APP = 'e2e-confidential-app';

/** oauth4webapi's private_key_jwt, made SMART-conformant: audience = token endpoint, `typ` JWT. */
function smartPrivateKeyJwt(alg: string): oauth.ClientAuth {
  return oauth.PrivateKeyJwt(
    { key: (backendKeys[alg] as GenerateKeyPairResult).privateKey, kid: `${alg}-key` },
    {
      [oauth.modifyAssertion]: (header, payload) => {
        header.typ = 'JWT';
        payload.aud = as.token_endpoint;
      },
    },
  );
}

beforeAll(async () => {
  for (const alg of ['RS384', 'ES384']) backendKeys[alg] = await generateKeyPair(alg, { extractable: true });
  const jwksOf = async (alg: string) => ({
    keys: [{ ...(await exportJWK((backendKeys[alg] as GenerateKeyPairResult).publicKey)), kid: `${alg}-key`, alg }],
  });
  server = await startHarness({
    backendJwks: { 'backend-rs384': await jwksOf('RS384'), 'backend-es384': await jwksOf('ES384') },
    extraClients: [
      {
        clientId: CONFIDENTIAL_APP,
        type: 'confidential-asymmetric',
        authMethod: 'private_key_jwt',
        redirectUris: [TEST_REDIRECT],
        jwks: await jwksOf('ES384'),
        name: 'E2E confidential app',
      },
    ],
  });
  const issuer = new URL(server.url);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
});
afterAll(async () => {
  await server?.close();
});

async function codeFor(clientId: string, redirectUri: string, scope: string) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint as string);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    aud: `${server.url}/fhir`,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const back = await authorizeThroughConsent(url);
  return { params: oauth.validateAuthResponse(as, { client_id: clientId }, back, state), verifier };
}

async function launchTokens(scope: string, DPoP?: oauth.DPoPHandle) {
  const { params, verifier } = await codeFor(TEST_APP, TEST_REDIRECT, scope);
  const res = await oauth.authorizationCodeGrantRequest(as, app, oauth.None(), params, TEST_REDIRECT, verifier, {
    ...insecure,
    ...(DPoP ? { DPoP } : {}),
  });
  return oauth.processAuthorizationCodeResponse(as, app, res);
}

async function refresh(token: string, DPoP?: oauth.DPoPHandle) {
  const res = await oauth.refreshTokenGrantRequest(as, app, oauth.None(), token, { ...insecure, ...(DPoP ? { DPoP } : {}) });
  return oauth.processRefreshTokenResponse(as, app, res);
}

async function introspect(token: string) {
  const rs: oauth.Client = { client_id: RESOURCE_SERVER.clientId };
  return oauth.processIntrospectionResponse(
    as,
    rs,
    await oauth.introspectionRequest(as, rs, oauth.ClientSecretBasic(RESOURCE_SERVER.secret), token, insecure),
  );
}

async function oauthError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof oauth.ResponseBodyError) return e.error;
    throw e;
  }
  throw new Error('expected an OAuth error');
}

describe('refresh tokens', () => {
  it('rotate on every use; replaying a rotated-out token ends the whole grant', async () => {
    const first = await launchTokens('launch/patient patient/Patient.rs offline_access');
    expect(first.refresh_token).toBeDefined();
    const second = await refresh(first.refresh_token as string);
    expect(second.refresh_token).toBeDefined();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope).toBe(first.scope);
    expect(second['patient']).toBe('ana');
    expect((await introspect(second.access_token)).active).toBe(true);

    expect(await oauthError(refresh(first.refresh_token as string))).toBe('invalid_grant');
    // The family is revoked: the live successor and its access token die with it.
    expect(await oauthError(refresh(second.refresh_token as string))).toBe('invalid_grant');
    expect(await introspect(second.access_token)).toEqual({ active: false });
  });

  it('a DPoP-bound refresh token refreshes with its key only', async () => {
    const key = await oauth.generateKeyPair('ES256');
    const dpop = oauth.DPoP(app, key);
    const tokens = await launchTokens('launch/patient patient/Patient.rs offline_access', dpop);
    // The policy binds access tokens too (option dpop.access_tokens bind).
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const jkt = await calculateJwkThumbprint(await exportJWK(key.publicKey));
    expect((await introspect(tokens.access_token))['cnf']).toEqual({ jkt });
    const read = (token: string, DPoP?: oauth.DPoPHandle) =>
      oauth.protectedResourceRequest(token, 'GET', new URL(`${server.url}/fhir/Patient/ana`), new Headers(), null, {
        ...insecure,
        ...(DPoP ? { DPoP } : {}),
      });
    expect((await read(tokens.access_token, dpop)).status).toBe(200);
    const bearer = await fetch(`${server.url}/fhir/Patient/ana`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(bearer.status).toBe(401);
    const wrongKey = read(tokens.access_token, oauth.DPoP(app, await oauth.generateKeyPair('ES256')));
    await expect(wrongKey).rejects.toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    const refreshed = await refresh(tokens.refresh_token as string, dpop);
    expect(refreshed.refresh_token).toBeDefined();
    const other = oauth.DPoP(app, await oauth.generateKeyPair('ES256'));
    expect(['invalid_grant', 'invalid_dpop_proof']).toContain(await oauthError(refresh(refreshed.refresh_token as string, other)));
    expect(['invalid_grant', 'invalid_dpop_proof']).toContain(await oauthError(refresh(refreshed.refresh_token as string)));
  });
});

describe('a confidential-asymmetric app', () => {
  it('its refresh token is bound to its client key: refresh needs its private_key_jwt', async () => {
    const client: oauth.Client = { client_id: CONFIDENTIAL_APP };
    const { params, verifier } = await codeFor(CONFIDENTIAL_APP, TEST_REDIRECT, 'launch/patient patient/Patient.rs offline_access');
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(as, client, smartPrivateKeyJwt('ES384'), params, TEST_REDIRECT, verifier, insecure),
    );
    expect(tokens.refresh_token).toBeDefined();
    const grants = (await (
      await fetch(`${server.url}/account/ana/connected-apps`, { headers: { accept: 'application/json' } })
    ).json()) as {
      grants: { clientId: string; binding: string }[];
    };
    expect(grants.grants.find((g) => g.clientId === CONFIDENTIAL_APP)?.binding).toBe('client-key');
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, smartPrivateKeyJwt('ES384'), tokens.refresh_token as string, insecure),
    );
    expect(refreshed.refresh_token).toBeDefined();
    // Without its assertion the client cannot refresh: naming itself or not, it must authenticate.
    const bare = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshed.refresh_token as string,
        client_id: CONFIDENTIAL_APP,
      }),
    });
    expect(((await bare.json()) as { error: string }).error).toBe('invalid_client');
    const anonymous = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshed.refresh_token as string }),
    });
    expect(((await anonymous.json()) as { error: string }).error).toBe('invalid_client');
  });
});

describe('server-provided DPoP nonces', () => {
  it('a client retries with the nonce the server sent (token and FHIR endpoints)', async () => {
    const strict = await startHarness({ dpopNonces: true });
    try {
      const issuer = new URL(strict.url);
      const as2 = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const url = new URL(as2.authorization_endpoint as string);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: TEST_APP,
        redirect_uri: TEST_REDIRECT,
        scope: 'launch/patient patient/Patient.rs offline_access',
        state,
        aud: `${strict.url}/fhir`,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      }).toString();
      const params = oauth.validateAuthResponse(as2, app, await authorizeThroughConsent(url), state);
      // oauth4webapi keeps the nonce in the handle and leaves the retry to the caller: make the handle once.
      const DPoP = oauth.DPoP(app, await oauth.generateKeyPair('ES256'));
      const exchange = () =>
        oauth.authorizationCodeGrantRequest(as2, app, oauth.None(), params, TEST_REDIRECT, verifier, { ...insecure, DPoP });
      let tokens: oauth.TokenEndpointResponse;
      try {
        tokens = await oauth.processAuthorizationCodeResponse(as2, app, await exchange());
        throw new Error('the first request without a nonce should have been refused');
      } catch (e) {
        expect(oauth.isDPoPNonceError(e)).toBe(true);
        tokens = await oauth.processAuthorizationCodeResponse(as2, app, await exchange());
      }
      expect(tokens.token_type.toLowerCase()).toBe('dpop');
      const read = () =>
        oauth.protectedResourceRequest(tokens.access_token, 'GET', new URL(`${strict.url}/fhir/Patient/ana`), new Headers(), null, {
          ...insecure,
          DPoP,
        });
      expect((await read()).status).toBe(200);
      const refreshed = await oauth.processRefreshTokenResponse(
        as2,
        app,
        await oauth.refreshTokenGrantRequest(as2, app, oauth.None(), tokens.refresh_token as string, { ...insecure, DPoP }),
      );
      expect(refreshed.refresh_token).toBeDefined();
    } finally {
      await strict.close();
    }
  });
});

describe('backend services', () => {
  for (const alg of ['RS384', 'ES384']) {
    it(`client_credentials with private_key_jwt (${alg}) reads what system scopes allow`, async () => {
      const client: oauth.Client = { client_id: `backend-${alg.toLowerCase()}` };
      const auth = oauth.PrivateKeyJwt(
        { key: (backendKeys[alg] as GenerateKeyPairResult).privateKey, kid: `${alg}-key` },
        {
          // SMART: the audience is the token endpoint (oauth4webapi defaults to the issuer) and `typ` is JWT.
          [oauth.modifyAssertion]: (header, payload) => {
            header.typ = 'JWT';
            payload.aud = as.token_endpoint;
          },
        },
      );
      const res = await oauth.clientCredentialsGrantRequest(
        as,
        client,
        auth,
        { scope: 'system/Patient.rs system/Observation.rs system/MedicationRequest.rs' },
        insecure,
      );
      const tokens = await oauth.processClientCredentialsResponse(as, client, res);
      expect(tokens.scope).toBe('system/Patient.rs system/Observation.rs');
      expect(tokens.expires_in).toBeLessThanOrEqual(300);
      const read = await fetch(`${server.url}/fhir/Patient?_id=john`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { entry: unknown[] }).entry).toHaveLength(1);
      const denied = await fetch(`${server.url}/fhir/MedicationRequest`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(denied.status).toBe(403);
      // A backend token with system scopes may introspect (SMART: an appropriately scoped bearer token).
      const intro = await fetch(`${server.url}/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${tokens.access_token}` },
        body: new URLSearchParams({ token: tokens.access_token }),
      });
      expect(((await intro.json()) as { client_id: string }).client_id).toBe(client.client_id);
    });
  }

  it('an assertion whose audience is not the token endpoint is refused', async () => {
    const client: oauth.Client = { client_id: 'backend-es384' };
    const auth = oauth.PrivateKeyJwt({ key: (backendKeys['ES384'] as GenerateKeyPairResult).privateKey, kid: 'ES384-key' });
    const res = await oauth.clientCredentialsGrantRequest(as, client, auth, { scope: 'system/Patient.rs' }, insecure);
    expect(await oauthError(oauth.processClientCredentialsResponse(as, client, res))).toBe('invalid_client');
  });
});

describe('trusted dynamic registration', () => {
  async function walletLaunch() {
    const redirect = `${server.url}/demo/wallet-callback`;
    const { params, verifier } = await codeFor(
      WALLET_ID,
      redirect,
      'launch/patient openid fhirUser patient/Observation.rs patient/Condition.rs system/DynamicClient.register',
    );
    const wallet: oauth.Client = { client_id: WALLET_ID };
    const res = await oauth.authorizationCodeGrantRequest(as, wallet, oauth.None(), params, redirect, verifier, insecure);
    return oauth.processAuthorizationCodeResponse(as, wallet, res);
  }

  async function register(initialToken: string, jwk: Record<string, unknown>, softwareId = 'org.sandbox.wallet') {
    const res = await fetch(`${server.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${initialToken}` },
      body: JSON.stringify({
        software_id: softwareId,
        jwks: { keys: [jwk] },
        grant_types: [JWT_BEARER],
        token_endpoint_auth_method: 'none',
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('a launch yields an initial token, registration a device instance, and the device key mints tokens', async () => {
    const launch = await walletLaunch();
    expect(launch.scope).toContain('system/DynamicClient.register');
    const device = await generateKeyPair('ES384', { extractable: true });
    const jwk = { ...(await exportJWK(device.publicKey)), kid: 'device-1', alg: 'ES384' };
    const registered = await register(launch.access_token, jwk);
    expect(registered.status).toBe(201);
    const instanceId = registered.body['client_id'] as string;

    const assertion = () =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES384', kid: 'device-1', typ: 'JWT' })
        .setIssuer(instanceId)
        .setSubject(instanceId)
        .setAudience(as.token_endpoint as string)
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(device.privateKey);
    const instance: oauth.Client = { client_id: instanceId };
    const minted = await oauth.processGenericTokenEndpointResponse(
      as,
      instance,
      await oauth.genericTokenEndpointRequest(
        as,
        instance,
        oauth.None(),
        JWT_BEARER,
        { assertion: await assertion(), scope: 'patient/Observation.rs' },
        insecure,
      ),
    );
    expect(minted.scope).toContain('patient/Observation.rs');
    expect(minted['patient']).toBe('ana');
    const obs = await fetch(`${server.url}/fhir/Observation?patient=ana`, { headers: { authorization: `Bearer ${minted.access_token}` } });
    expect(obs.status).toBe(200);
    // No wider than the launch: MedicationRequest was never approved.
    const wider = await oauth.genericTokenEndpointRequest(
      as,
      instance,
      oauth.None(),
      JWT_BEARER,
      { assertion: await assertion(), scope: 'patient/Patient.rs' },
      insecure,
    );
    expect(await oauthError(oauth.processGenericTokenEndpointResponse(as, instance, wider))).toBe('invalid_scope');

    // The initial token was used; the device key was seen; the software id must match.
    expect((await register(launch.access_token, { ...jwk, kid: 'device-2' })).body['error']).toBe('invalid_token');
    const second = await walletLaunch();
    expect((await register(second.access_token, jwk)).body['error']).toBe('invalid_client_metadata');
    const fresh = {
      ...(await exportJWK((await generateKeyPair('ES384', { extractable: true })).publicKey)),
      kid: 'device-3',
      alg: 'ES384',
    };
    expect((await register(second.access_token, fresh, 'org.example.other')).body['error']).toBe('invalid_client_metadata');
  });
});
