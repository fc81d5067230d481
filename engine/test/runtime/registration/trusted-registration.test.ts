/**
 * Trusted dynamic registration end to end at the runtime level: the initial access token, the
 * RFC 7591 request, then JWT bearer grants signed by the device key. Each refusal on its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BundleRegistrationPolicy } from '../../../src/compile/bundle-types.js';
import {
  createMemoryStore,
  type InitialAccessToken,
  OAuthFailure,
  type RegistrationOptions,
  registerClientInstance,
  type Store,
  verifyJwtBearerGrant,
} from '../../../src/runtime/index.js';
import { signAssertion, type TestKey, testKey } from '../verify/keys.js';

const NOW = 1_800_000_000;
const AUD = 'https://as.example.org/token';
const policy: BundleRegistrationPolicy = {
  id: 'registration:portal',
  app: 'portal',
  softwareIds: ['sw-portal'],
  initialTokenMaxAge: 300,
  initialTokenSingleUse: true,
  algorithms: ['ES384', 'RS384'],
  instanceLifetime: 86_400,
  instancesPerUser: 3,
  span: { uri: 't', start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
};

let device: TestKey;
let device2: TestKey;
let es256: TestKey;

beforeAll(async () => {
  [device, device2, es256] = await Promise.all([testKey('ES384'), testKey('ES384'), testKey('ES256')]);
});

let jtiCounter = 0;
function initialToken(fields: Partial<InitialAccessToken> = {}): InitialAccessToken {
  return {
    jti: `iat-${jtiCounter++}`,
    clientId: 'portal-public',
    userId: 'user-1',
    issuedAt: NOW - 30,
    expiresAt: NOW + 270,
    scope: 'launch/patient patient/Observation.rs openid fhirUser offline_access system/DynamicClient.register',
    context: { patient: 'p1' },
    launch: 'standalone',
    app: 'portal',
    ...fields,
  };
}

const options = (store: Store, extra: Partial<RegistrationOptions> = {}): RegistrationOptions => ({
  store,
  clock: () => NOW,
  policy,
  softwareClients: new Map([['sw-portal', 'portal-public']]),
  ...extra,
});

const body = (key: TestKey = device, extra: Record<string, unknown> = {}) => ({
  software_id: 'sw-portal',
  jwks: { keys: [key.publicJwk] },
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthFailure);
    const f = error as OAuthFailure;
    return `${f.status} ${f.error} ${f.check}`;
  }
  return 'accepted';
}

describe('trusted dynamic registration', () => {
  it('registers an instance, then mints JWT bearer grants signed by the device key', async () => {
    const store = createMemoryStore();
    const { response, instance } = await registerClientInstance(body(), initialToken(), options(store));
    expect(response).toMatchObject({
      token_endpoint_auth_method: 'none',
      grant_types: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
      software_id: 'sw-portal',
      client_id_issued_at: NOW,
      client_id_expires_at: NOW + 86_400,
      scope: 'patient/Observation.rs',
    });
    expect(instance).toMatchObject({
      userId: 'user-1',
      baseClientId: 'portal-public',
      context: { patient: 'p1' },
      keyThumbprints: [device.jkt],
    });
    const assertion = await signAssertion(device, response.client_id, AUD, NOW);
    const grant = await verifyJwtBearerGrant(assertion, { tokenEndpoint: AUD, clock: () => NOW, store, clientId: response.client_id });
    expect(grant.instance.clientId).toBe(response.client_id);
    expect(grant.verified.jkt).toBe(device.jkt);
    // sub may also name the user the instance was registered for
    const forUser = await signAssertion(device, response.client_id, AUD, NOW, { claims: { sub: 'user-1' } });
    await expect(verifyJwtBearerGrant(forUser, { tokenEndpoint: AUD, clock: () => NOW, store })).resolves.toBeTruthy();
    expect(await refusal(verifyJwtBearerGrant(assertion, { tokenEndpoint: AUD, clock: () => NOW, store }))).toBe(
      '400 invalid_grant assertion.jti-replay',
    );
  });

  it('refuses a stale, expired or reused initial access token (401 invalid_token)', async () => {
    const store = createMemoryStore();
    expect(await refusal(registerClientInstance(body(), initialToken({ issuedAt: NOW - 301, expiresAt: NOW + 100 }), options(store)))).toBe(
      '401 invalid_token registration.token-stale',
    );
    expect(await refusal(registerClientInstance(body(), initialToken({ expiresAt: NOW }), options(store)))).toBe(
      '401 invalid_token registration.token-expired',
    );
    const token = initialToken();
    await registerClientInstance(body(), token, options(store));
    expect(await refusal(registerClientInstance(body(device2), token, options(store)))).toBe('401 invalid_token registration.token-used');
  });

  it('refuses a token without the registration scope (403)', async () => {
    expect(
      await refusal(registerClientInstance(body(), initialToken({ scope: 'patient/Observation.rs' }), options(createMemoryStore()))),
    ).toBe('403 insufficient_scope registration.scope');
  });

  it.each([
    ['software-id', () => body(undefined, { software_id: 'sw-other' })],
    ['software-id-missing', () => ({ jwks: { keys: [] } })],
    ['jwks-uri', () => body(undefined, { jwks_uri: 'https://x.example/jwks' })],
    ['jwks', () => ({ software_id: 'sw-portal' })],
    ['jwks', () => ({ software_id: 'sw-portal', jwks: { keys: [] } })],
    ['body', () => ['software_id']],
  ])('refuses bad metadata: %s', async (check, request) => {
    expect(await refusal(registerClientInstance(request(), initialToken(), options(createMemoryStore())))).toBe(
      `400 invalid_client_metadata registration.${check}`,
    );
  });

  it('refuses private key material, a key of a disallowed algorithm, and a missing kid', async () => {
    const store = createMemoryStore();
    expect(
      await refusal(
        registerClientInstance(
          { software_id: 'sw-portal', jwks: { keys: [{ ...device.publicJwk, d: 'x' }] } },
          initialToken(),
          options(store),
        ),
      ),
    ).toBe('400 invalid_client_metadata registration.key-private');
    expect(await refusal(registerClientInstance(body(es256), initialToken(), options(store)))).toBe(
      '400 invalid_client_metadata registration.alg',
    );
    const { kid: _kid, ...noKid } = device.publicJwk;
    expect(
      await refusal(registerClientInstance({ software_id: 'sw-portal', jwks: { keys: [noKid] } }, initialToken(), options(store))),
    ).toBe('400 invalid_client_metadata registration.kid');
  });

  it('never accepts a device key twice', async () => {
    const store = createMemoryStore();
    await registerClientInstance(body(device), initialToken(), options(store));
    expect(await refusal(registerClientInstance(body(device), initialToken(), options(store)))).toBe(
      '400 invalid_client_metadata registration.key-reused',
    );
  });

  it('caps instances per user', async () => {
    const store = createMemoryStore();
    const keys = await Promise.all([testKey('ES384'), testKey('ES384'), testKey('ES384'), testKey('ES384')]);
    for (const key of keys.slice(0, 3)) await registerClientInstance(body(key), initialToken(), options(store));
    expect(await refusal(registerClientInstance(body(keys[3]), initialToken(), options(store)))).toBe(
      '400 invalid_client_metadata registration.instances-per-user',
    );
  });

  it('JWT bearer: unknown, revoked and expired instances are invalid_client; a foreign key is invalid_grant', async () => {
    const store = createMemoryStore();
    const { response } = await registerClientInstance(body(device), initialToken(), options(store));
    const opts = (now = NOW) => ({ tokenEndpoint: AUD, clock: () => now, store });
    expect(await refusal(verifyJwtBearerGrant(await signAssertion(device, 'nobody', AUD, NOW), opts()))).toBe(
      '401 invalid_client instance.unknown',
    );
    expect(
      await refusal(
        verifyJwtBearerGrant(await signAssertion(device2, response.client_id, AUD, NOW, { header: { kid: device.publicJwk.kid } }), opts()),
      ),
    ).toBe('400 invalid_grant assertion.signature');
    expect(
      await refusal(verifyJwtBearerGrant(await signAssertion(device, response.client_id, AUD, NOW, { claims: { sub: 'user-2' } }), opts())),
    ).toBe('400 invalid_grant assertion.sub');
    expect(
      await refusal(verifyJwtBearerGrant(await signAssertion(device, response.client_id, AUD, NOW + 86_400), opts(NOW + 86_400))),
    ).toBe('401 invalid_client instance.expired');
    await store.revokeClientInstance(response.client_id, NOW + 1);
    expect(await refusal(verifyJwtBearerGrant(await signAssertion(device, response.client_id, AUD, NOW), opts()))).toBe(
      '401 invalid_client instance.revoked',
    );
  });
});
