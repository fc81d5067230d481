/**
 * `online_access` on the reference server (SMART App Launch: refresh tokens that live only as long
 * as the user's session): picking a person signs the browser in; signing out ends the online
 * grants approved in that session (refresh refused, the access token inactive at introspection)
 * and leaves offline ones alone; a session that expires, or that a restart forgot, ends them at
 * their next refresh; a code approved in a session that has ended gives nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type Store } from '../../engine/src/runtime/index.js';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { SESSION_TTL_SECONDS } from '../../engine/src/server/reference/user-sessions.js';
import { RESOURCE_SERVER, TEST_APP, TEST_REDIRECT, compileDemoVariant, consentFlow, startHarness } from './reference-harness.js';

/** The demo policy with online access allowed to patient apps. */
const ONLINE_POLICY = compileDemoVariant((text) =>
  text
    .replace(
      'allow launch/patient, launch/encounter, openid, fhirUser, offline_access',
      'allow launch/patient, launch/encounter, openid, fhirUser, offline_access, online_access',
    )
    .replace('online_access denied', 'online_access allowed'),
);

const servers: RunningReferenceServer[] = [];
let now = 1_900_000_000;

async function start(store: Store = createMemoryStore()): Promise<RunningReferenceServer> {
  const server = await startHarness({ bundle: ONLINE_POLICY, store, clock: () => now });
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

interface Launched {
  readonly session?: string;
  readonly tokens: Record<string, string>;
  readonly status: number;
}

async function launch(
  server: RunningReferenceServer,
  scope: string,
  session?: string,
  beforeExchange?: (session?: string) => Promise<void>,
): Promise<Launched> {
  const verifier = randomUUID() + randomUUID();
  const url = new URL(`${server.url}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: TEST_APP,
    redirect_uri: TEST_REDIRECT,
    scope,
    state: randomUUID(),
    aud: `${server.url}/fhir`,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const outcome = await consentFlow(url, { user: 'ana', ...(session !== undefined ? { session } : {}) });
  await beforeExchange?.(outcome.session);
  const res = await fetch(`${server.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: outcome.redirect.searchParams.get('code') as string,
      redirect_uri: TEST_REDIRECT,
      client_id: TEST_APP,
      code_verifier: verifier,
    }),
  });
  return {
    ...(outcome.session !== undefined ? { session: outcome.session } : {}),
    tokens: (await res.json()) as Record<string, string>,
    status: res.status,
  };
}

async function refresh(server: RunningReferenceServer, token: string): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${server.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function introspect(server: RunningReferenceServer, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/introspect`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${RESOURCE_SERVER.clientId}:${RESOURCE_SERVER.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token }),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function signOut(server: RunningReferenceServer, session?: string): Promise<{ body: unknown; setCookie: string[] }> {
  const res = await fetch(`${server.url}/account/sign-out`, {
    method: 'POST',
    headers: { accept: 'application/json', ...(session !== undefined ? { cookie: session } : {}) },
  });
  expect(res.status).toBe(200);
  return { body: await res.json(), setCookie: res.headers.getSetCookie() };
}

const ONLINE = 'launch/patient patient/Patient.rs online_access';
const OFFLINE = 'launch/patient patient/Patient.rs offline_access';

describe('online_access ends with the sign-in session', () => {
  it('signing out ends the session’s online grants (refresh refused, access token inactive) and leaves offline ones', async () => {
    const server = await start();
    const online = await launch(server, ONLINE);
    expect(online.status).toBe(200);
    expect(online.session).toMatch(/^sp_session=[A-Za-z0-9_-]{43}$/);
    expect(online.tokens['scope']).toContain('online_access');
    // The same browser, still signed in: its session is kept, not replaced.
    const offline = await launch(server, OFFLINE, online.session);
    expect(offline.session).toBe(online.session);
    const who = await fetch(`${server.url}/account/session`, { headers: { accept: 'application/json', cookie: online.session as string } });
    expect(await who.json()).toMatchObject({ signedIn: true, user: 'ana' });
    const grants = await fetch(`${server.url}/account/ana/connected-apps`, { headers: { accept: 'application/json' } });
    const modes = ((await grants.json()) as { grants: { mode: string }[] }).grants.map((g) => g.mode).sort();
    expect(modes).toEqual(['offline', 'online']);

    const rotated = await refresh(server, online.tokens['refresh_token'] as string);
    expect(rotated.status).toBe(200);
    expect(await introspect(server, rotated.body['access_token'] as string)).toMatchObject({ active: true, patient: 'ana' });

    const out = await signOut(server, online.session);
    expect(out.body).toEqual({ signedOut: true, endedGrants: 1 });
    expect(out.setCookie.some((c) => c.startsWith('sp_session=;') && c.includes('Max-Age=0'))).toBe(true);

    const after = await refresh(server, rotated.body['refresh_token'] as string);
    expect(after.status).toBe(400);
    expect(after.body['error']).toBe('invalid_grant');
    expect(await introspect(server, rotated.body['access_token'] as string)).toEqual({ active: false });
    expect((await refresh(server, offline.tokens['refresh_token'] as string)).status).toBe(200);
    const gone = await fetch(`${server.url}/account/session`, {
      headers: { accept: 'application/json', cookie: online.session as string },
    });
    expect(await gone.json()).toEqual({ signedIn: false });
    // Signing out again, or without a session, ends nothing.
    expect((await signOut(server, online.session)).body).toEqual({ signedOut: true, endedGrants: 0 });
    expect((await signOut(server)).body).toEqual({ signedOut: false, endedGrants: 0 });
  });

  it('a session that expired ends its online grant at the next refresh', async () => {
    const server = await start();
    const online = await launch(server, ONLINE);
    now += SESSION_TTL_SECONDS - 60;
    const early = await refresh(server, online.tokens['refresh_token'] as string);
    expect(early.status).toBe(200);
    now += 120;
    const late = await refresh(server, early.body['refresh_token'] as string);
    expect(late.status).toBe(400);
    expect(late.body['error']).toBe('invalid_grant');
    expect(late.body['error_description']).toContain('session');
  });

  it('a restart forgets the sandbox’s sessions: their online grants end; signing out still ends them by the cookie', async () => {
    const store = createMemoryStore();
    const first = await start(store);
    const a = await launch(first, ONLINE);
    const b = await launch(first, ONLINE);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const second = await start(store);
    expect((await signOut(second, b.session)).body).toEqual({ signedOut: true, endedGrants: 1 });
    const refused = await refresh(second, a.tokens['refresh_token'] as string);
    expect(refused.body['error']).toBe('invalid_grant');
  });

  it('a code approved in a session that has since ended gives no tokens', async () => {
    const server = await start();
    const late = await launch(server, ONLINE, undefined, async (session) => {
      await signOut(server, session);
    });
    expect(late.status).toBe(400);
    expect(late.tokens['error']).toBe('invalid_grant');
    expect(late.tokens['access_token']).toBeUndefined();
  });

  it('signs the browser in with an HttpOnly, SameSite=Lax cookie that is random and never a user id', async () => {
    const server = await start();
    const url = `${server.url}/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: TEST_APP,
      redirect_uri: TEST_REDIRECT,
      scope: ONLINE,
      state: 's',
      aud: `${server.url}/fhir`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    })}`;
    const values = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const page = await fetch(url);
      const authz = (page.headers.getSetCookie()[0] as string).split(';')[0] as string;
      const tx = /name="tx" value="([^"]*)"/.exec(await page.text())?.[1] as string;
      const picked = await fetch(`${server.url}/authorize/user`, {
        method: 'POST',
        headers: { cookie: authz, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ tx, user: 'ana' }),
      });
      const set = picked.headers.getSetCookie().find((c) => c.startsWith('sp_session=')) as string;
      expect(set).toMatch(/^sp_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
      expect(set).not.toContain('ana');
      values.add(set.split(';')[0] as string);
    }
    expect(values.size).toBe(2);
  });

  it('never adopts a session cookie it did not make (fixation), nor another person’s session', async () => {
    const server = await start();
    const planted = 'sp_session=attacker-chosen-value-0123456789abcdefghijklmnop';
    const fixed = await launch(server, ONLINE, planted);
    expect(fixed.status).toBe(200);
    expect(fixed.session).toBeDefined();
    expect(fixed.session).not.toBe(planted);
    // The attacker's cookie signs nothing out; the victim's grant lives on.
    expect((await signOut(server, planted)).body).toEqual({ signedOut: true, endedGrants: 0 });
    expect((await refresh(server, fixed.tokens['refresh_token'] as string)).status).toBe(200);
    // A browser holding John's session that picks Ana gets a session of its own for Ana.
    const john = await consentFlow(
      new URL(
        `${server.url}/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: TEST_APP,
          redirect_uri: TEST_REDIRECT,
          scope: ONLINE,
          state: 's',
          aud: `${server.url}/fhir`,
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        })}`,
      ),
      { user: 'john' },
    );
    const ana = await launch(server, ONLINE, john.session);
    expect(ana.session).not.toBe(john.session);
    const who = await fetch(`${server.url}/account/session`, { headers: { accept: 'application/json', cookie: ana.session as string } });
    expect(await who.json()).toMatchObject({ signedIn: true, user: 'ana' });
  });

  it('prototype keys and odd values as the session cookie sign nothing in and end nothing', async () => {
    const server = await start();
    const online = await launch(server, ONLINE);
    for (const value of [
      '__proto__',
      'constructor',
      'toString',
      '',
      'x'.repeat(5000),
      '%00',
      online.session?.split('=')[1]?.slice(0, 20) ?? '',
    ]) {
      const cookie = `sp_session=${value}`;
      const who = await fetch(`${server.url}/account/session`, { headers: { accept: 'application/json', cookie } });
      expect(who.status).toBe(200);
      expect(await who.json()).toEqual({ signedIn: false });
      expect(((await signOut(server, cookie)).body as { endedGrants: number }).endedGrants).toBe(0);
    }
    expect((await refresh(server, online.tokens['refresh_token'] as string)).status).toBe(200);
  });

  it('a refresh racing a sign-out never leaves a live successor behind', async () => {
    const server = await start();
    for (let round = 0; round < 5; round++) {
      const online = await launch(server, ONLINE);
      const [raced] = await Promise.all([refresh(server, online.tokens['refresh_token'] as string), signOut(server, online.session)]);
      const successor = raced.body['refresh_token'];
      if (successor !== undefined) expect((await refresh(server, successor)).body['error']).toBe('invalid_grant');
      const grants = await fetch(`${server.url}/account/ana/connected-apps`, { headers: { accept: 'application/json' } });
      expect(((await grants.json()) as { grants: { mode: string }[] }).grants.filter((g) => g.mode === 'online')).toEqual([]);
    }
  });
});
