/**
 * The attack catalogue against the running reference server: each attack is refused with the
 * right OAuth error, and the server keeps answering (never a crash, never a stack trace, never
 * the attacker's input echoed back).
 */
import { createHash, randomUUID } from 'node:crypto';
import { type GenerateKeyPairResult, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WALLET_ID } from '../../engine/src/server/reference/demo-clients.js';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { TEST_APP, TEST_REDIRECT, authorizeThroughConsent, startHarness } from './reference-harness.js';

let server: RunningReferenceServer;
let now = Math.floor(Date.now() / 1000);
let backend: GenerateKeyPairResult;
let backendJwk: JWK;
const BACKEND = 'attack-backend';

beforeAll(async () => {
  backend = await generateKeyPair('ES384', { extractable: true });
  backendJwk = { ...(await exportJWK(backend.publicKey)), kid: 'k1', alg: 'ES384' };
  server = await startHarness({ backendJwks: { [BACKEND]: { keys: [backendJwk] } }, clock: () => now });
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  // Whatever the attack, the server still answers.
  expect((await fetch(`${server.url}/.well-known/smart-configuration`)).status).toBe(200);
});

const tokenUrl = () => `${server.url}/token`;

async function post(path: string, form: Record<string, string> | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: typeof form === 'string' ? form : new URLSearchParams(form),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the assertions below say what was expected
  }
  return { status: res.status, body, text };
}

function pkce() {
  const verifier = randomUUID() + randomUUID();
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): URL {
  const url = new URL(`${server.url}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: TEST_APP,
    redirect_uri: TEST_REDIRECT,
    scope: 'launch/patient patient/Patient.rs offline_access',
    state: randomUUID(),
    aud: `${server.url}/fhir`,
    code_challenge_method: 'S256',
    ...params,
  }).toString();
  return url;
}

async function code(clientId = TEST_APP, redirectUri = TEST_REDIRECT, scope?: string) {
  const p = pkce();
  const back = await authorizeThroughConsent(
    authorizeUrl({ client_id: clientId, redirect_uri: redirectUri, code_challenge: p.challenge, ...(scope ? { scope } : {}) }),
  );
  return { code: back.searchParams.get('code') as string, ...p };
}

function exchange(c: { code: string; verifier: string }, extra: Record<string, string> = {}) {
  return post('/token', {
    grant_type: 'authorization_code',
    code: c.code,
    redirect_uri: TEST_REDIRECT,
    client_id: TEST_APP,
    code_verifier: c.verifier,
    ...extra,
  });
}

describe('authorization code and PKCE attacks', () => {
  it('a replayed code is refused and revokes what the first exchange gave', async () => {
    const c = await code();
    const first = await exchange(c);
    expect(first.status).toBe(200);
    const replay = await exchange(c);
    expect(replay.body['error']).toBe('invalid_grant');
    const refresh = await post('/token', { grant_type: 'refresh_token', refresh_token: first.body['refresh_token'] as string });
    expect(refresh.body['error']).toBe('invalid_grant');
    const fhir = await fetch(`${server.url}/fhir/Patient/ana`, {
      headers: { authorization: `Bearer ${first.body['access_token'] as string}` },
    });
    expect(fhir.status).toBe(401);
  });

  it('a PKCE mismatch, a malformed verifier and a missing verifier are invalid_grant', async () => {
    for (const verifier of [pkce().verifier, 'short', '']) {
      const c = await code();
      const res = await exchange({ code: c.code, verifier });
      expect(res.body['error']).toBe('invalid_grant');
    }
  });

  it('plain PKCE or no PKCE at all is refused at the authorization endpoint', async () => {
    const cases: Record<string, string>[] = [
      { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
      { code_challenge: '' },
      {},
    ];
    for (const params of cases) {
      const res = await fetch(authorizeUrl(params), { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('a redirect URI mismatch is never redirected to, and a code is bound to its redirect URI', async () => {
    const res = await fetch(authorizeUrl({ redirect_uri: 'https://evil.example/cb', code_challenge: pkce().challenge }), {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).not.toContain('evil.example');
    const c = await code();
    expect((await exchange(c, { redirect_uri: 'http://127.0.0.1:1/other' })).body['error']).toBe('invalid_grant');
  });

  it('a code issued to one client cannot be exchanged by another', async () => {
    const c = await code();
    const res = await post('/token', {
      grant_type: 'authorization_code',
      code: c.code,
      redirect_uri: TEST_REDIRECT,
      client_id: WALLET_ID,
      code_verifier: c.verifier,
    });
    expect(res.body['error']).toBe('invalid_grant');
  });

  it('a wrong audience, an unknown client and an unsupported response type are refused', async () => {
    const wrongAud = await fetch(authorizeUrl({ aud: 'https://other.example/fhir', code_challenge: pkce().challenge }), {
      redirect: 'manual',
    });
    expect(new URL(wrongAud.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request');
    const token = await fetch(authorizeUrl({ response_type: 'token', code_challenge: pkce().challenge }), { redirect: 'manual' });
    expect(new URL(token.headers.get('location') as string).searchParams.get('error')).toBe('unsupported_response_type');
    expect((await fetch(authorizeUrl({ client_id: '__proto__' }), { redirect: 'manual' })).status).toBe(400);
  });
});

describe('refresh token attacks', () => {
  it('a reused refresh token ends the grant; an unknown or forged one is invalid_grant', async () => {
    const first = await exchange(await code());
    const rt = first.body['refresh_token'] as string;
    const second = await post('/token', { grant_type: 'refresh_token', refresh_token: rt });
    expect(second.status).toBe(200);
    expect((await post('/token', { grant_type: 'refresh_token', refresh_token: rt })).body['error']).toBe('invalid_grant');
    expect(
      (await post('/token', { grant_type: 'refresh_token', refresh_token: second.body['refresh_token'] as string })).body['error'],
    ).toBe('invalid_grant');
    for (const forged of ['x', `${rt.slice(0, -4)}AAAA`, 'spr1.__proto__.constructor']) {
      expect((await post('/token', { grant_type: 'refresh_token', refresh_token: forged })).body['error']).toBe('invalid_grant');
    }
  });

  it("another client cannot use a public client's refresh token", async () => {
    const first = await exchange(await code());
    const res = await post('/token', {
      grant_type: 'refresh_token',
      refresh_token: first.body['refresh_token'] as string,
      client_id: WALLET_ID,
    });
    expect(res.body['error']).toBe('invalid_grant');
  });
});

describe('client assertion attacks (private_key_jwt)', () => {
  const claims = () => ({ iss: BACKEND, sub: BACKEND, aud: tokenUrl(), jti: randomUUID(), exp: now + 120, iat: now });
  async function sign(payload: Record<string, unknown>, header: Record<string, unknown> = {}) {
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES384', kid: 'k1', typ: 'JWT', ...header }).sign(backend.privateKey);
  }
  function credentials(assertion: string, extra: Record<string, string> = {}) {
    return post('/token', {
      grant_type: 'client_credentials',
      scope: 'system/Patient.rs',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      ...extra,
    });
  }

  it('a good assertion works (the baseline the attacks break)', async () => {
    expect((await credentials(await sign(claims()))).status).toBe(200);
  });

  const broken: [string, () => Promise<string>][] = [
    ['wrong audience', () => sign({ ...claims(), aud: `${server.url}/` })],
    ['iss is another client', () => sign({ ...claims(), iss: TEST_APP })],
    ['sub differs from iss', () => sign({ ...claims(), sub: 'someone-else' })],
    ['expired', () => sign({ ...claims(), exp: now - 60 })],
    ['exp more than 5 minutes ahead', () => sign({ ...claims(), exp: now + 3600 })],
    ['no jti', () => sign({ ...claims(), jti: undefined })],
    ['unknown kid', () => sign(claims(), { kid: 'nope' })],
    ['jku not registered', () => sign(claims(), { jku: 'https://evil.example/jwks.json' })],
    [
      'alg none',
      async () => {
        const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims())}.`;
      },
    ],
    [
      'HMAC signed with the public key',
      () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: 'JWT' })
          .sign(new TextEncoder().encode(JSON.stringify(backendJwk))),
    ],
    [
      'signed by another key',
      async () => {
        const other = await generateKeyPair('ES384');
        return new SignJWT(claims()).setProtectedHeader({ alg: 'ES384', kid: 'k1', typ: 'JWT' }).sign(other.privateKey);
      },
    ],
    ['not a JWT', async () => 'garbage'],
  ];
  for (const [name, make] of broken) {
    it(`${name} → invalid_client`, async () => {
      const assertion = await make();
      const res = await credentials(assertion);
      expect(res.status).toBe(401);
      expect(res.body['error']).toBe('invalid_client');
      expect(res.text).not.toContain(assertion.slice(0, 20));
    });
  }

  it('a replayed assertion (same jti) → invalid_client', async () => {
    const assertion = await sign(claims());
    expect((await credentials(assertion)).status).toBe(200);
    expect((await credentials(assertion)).body['error']).toBe('invalid_client');
  });

  it('a public client cannot use client_credentials', async () => {
    expect(
      (await post('/token', { grant_type: 'client_credentials', client_id: TEST_APP, scope: 'system/Patient.rs' })).body['error'],
    ).toBe('invalid_client');
  });
});

describe('DPoP proof attacks', () => {
  async function proof(key: GenerateKeyPairResult, overrides: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
    const jwk = await exportJWK(key.publicKey);
    return new SignJWT({ htm: 'POST', htu: tokenUrl(), iat: now, jti: randomUUID(), ...overrides })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk, ...header })
      .sign(key.privateKey);
  }
  const broken: [string, () => Record<string, unknown>, Record<string, unknown>][] = [
    ['wrong htm', () => ({ htm: 'GET' }), {}],
    ['wrong htu', () => ({ htu: `${server.url}/elsewhere` }), {}],
    ['iat far in the past', () => ({ iat: now - 3600 }), {}],
    ['iat in the future', () => ({ iat: now + 3600 }), {}],
    ['wrong typ', () => ({}), { typ: 'JWT' }],
  ];
  for (const [name, overrides, header] of broken) {
    it(`${name} → invalid_dpop_proof`, async () => {
      const key = await generateKeyPair('ES256', { extractable: true });
      const first = await exchange(await code());
      const res = await post(
        '/token',
        { grant_type: 'refresh_token', refresh_token: first.body['refresh_token'] as string },
        { dpop: await proof(key, overrides(), header) },
      );
      expect(res.body['error']).toBe('invalid_dpop_proof');
    });
  }

  it('a replayed proof (same jti) → invalid_dpop_proof', async () => {
    const key = await generateKeyPair('ES256', { extractable: true });
    const p = await proof(key);
    const first = await exchange(await code());
    const ok = await post('/token', { grant_type: 'refresh_token', refresh_token: first.body['refresh_token'] as string }, { dpop: p });
    expect(ok.status).toBe(200);
    const again = await post('/token', { grant_type: 'refresh_token', refresh_token: ok.body['refresh_token'] as string }, { dpop: p });
    expect(again.body['error']).toBe('invalid_dpop_proof');
  });
});

describe('registration attacks', () => {
  async function walletToken() {
    const redirect = `${server.url}/demo/wallet-callback`;
    const p = pkce();
    const back = await authorizeThroughConsent(
      authorizeUrl({
        client_id: WALLET_ID,
        redirect_uri: redirect,
        code_challenge: p.challenge,
        scope: 'launch/patient patient/Observation.rs system/DynamicClient.register',
      }),
    );
    const res = await post('/token', {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: redirect,
      client_id: WALLET_ID,
      code_verifier: p.verifier,
    });
    return res.body['access_token'] as string;
  }
  async function register(token: string, jwk: JWK, softwareId = 'org.sandbox.wallet') {
    const res = await fetch(`${server.url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ software_id: softwareId, jwks: { keys: [jwk] } }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const deviceKey = async (alg = 'ES384') => ({
    ...(await exportJWK((await generateKeyPair(alg, { extractable: true })).publicKey)),
    kid: randomUUID(),
    alg,
  });

  it('a stale initial access token → invalid_token', async () => {
    const token = await walletToken();
    now += 11 * 60; // older than the policy's initial_token max_age 10m
    try {
      const res = await register(token, await deviceKey());
      expect(res.status).toBe(401);
      expect(res.body['error']).toBe('invalid_token');
    } finally {
      now -= 11 * 60;
    }
  });

  it('a reused initial token, a reused device key, a wrong software id, a disallowed algorithm, no token', async () => {
    const token = await walletToken();
    const key = await deviceKey();
    expect((await register(token, key)).status).toBe(201);
    expect((await register(token, await deviceKey())).body['error']).toBe('invalid_token');
    const second = await walletToken();
    expect((await register(second, key)).body['error']).toBe('invalid_client_metadata');
    expect((await register(second, await deviceKey(), 'org.other.app')).body['error']).toBe('invalid_client_metadata');
    expect((await register(second, await deviceKey('PS256'))).body['error']).toBe('invalid_client_metadata');
    const { d: _private, ...publicPart } = { d: 'x', ...(await deviceKey()) };
    expect((await register(second, { ...publicPart, d: 'AAAA' })).body['error']).toBe('invalid_client_metadata');
    const none = await fetch(`${server.url}/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
  });

  it('a token without the registration scope → insufficient_scope', async () => {
    const first = await exchange(await code());
    const res = await register(first.body['access_token'] as string, await deviceKey());
    expect(['insufficient_scope', 'invalid_client_metadata']).toContain(res.body['error']);
  });
});

describe('malformed and oversize requests', () => {
  it('an oversize body is 413', async () => {
    const res = await post('/token', `grant_type=authorization_code&code=${'a'.repeat(70 * 1024)}`);
    expect(res.status).toBe(413);
  });

  it('wrong content types are invalid_request, never a crash', async () => {
    for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      const res = await fetch(tokenUrl(), {
        method: 'POST',
        headers: { 'content-type': type },
        body: '{"grant_type":"client_credentials"}',
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(((await res.json()) as Record<string, unknown>)['error']).toBe('invalid_request');
    }
  });

  it('malformed bodies and parameters get OAuth errors without echoing the input', async () => {
    const cases: [string, string][] = [
      ['', 'invalid_request'],
      ['grant_type=password&username=x', 'unsupported_grant_type'],
      ['grant_type=authorization_code&grant_type=refresh_token', 'invalid_request'],
      ['grant_type=authorization_code&code=%E0%A4%A', 'invalid_client'],
      ['grant_type=authorization_code&code=%E0%A4%A&client_id=e2e-public-app', 'invalid_grant'],
      ['%%%=%%%&grant_type=refresh_token&refresh_token=<script>', 'invalid_grant'],
      ['__proto__[x]=1&constructor[prototype][y]=2&grant_type=client_credentials', 'invalid_client'],
    ];
    for (const [body, error] of cases) {
      const res = await post('/token', body);
      expect(res.status).toBeLessThan(500);
      expect(res.body['error']).toBe(error);
      expect(res.text).not.toContain('<script>');
    }
  });

  it('the FHIR endpoint refuses bad tokens and odd paths without crashing', async () => {
    for (const path of ['Patient/ana', '__proto__/x', 'Patient?__proto__=1', 'Observation?patient=%E0%A4%A']) {
      const res = await fetch(`${server.url}/fhir/${path}`, { headers: { authorization: 'Bearer abc.def.ghi' } });
      expect(res.status).toBe(401);
    }
    const first = await exchange(await code());
    const token = first.body['access_token'] as string;
    for (const path of ['__proto__/x', 'Patient?__proto__=1', 'Observation?patient=%E0%A4%A', 'constructor']) {
      const res = await fetch(`${server.url}/fhir/${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(500);
    }
  });
});
