/**
 * User control on the reference server: the connected-apps list shows a live grant (app, scope,
 * binding) and revoking it ends the refresh token; the offline-access reminders come out as
 * JSON Lines for authenticated callers only, once a grant is due by the policy's `remind every`.
 * The token endpoint's log lines name outcomes and checks, never a token; /metrics counts routes.
 */
import { createHash, randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { RESOURCE_SERVER, TEST_APP, TEST_REDIRECT, authorizeThroughConsent, startHarness } from './reference-harness.js';

let server: RunningReferenceServer;
const now = 1_900_000_000;
const DAY = 24 * 3600;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(line) });
  server = await startHarness({ clock: () => now, logger });
});
afterAll(async () => {
  await server?.close();
});

async function launch(user: string) {
  const verifier = randomUUID() + randomUUID();
  const url = new URL(`${server.url}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: TEST_APP,
    redirect_uri: TEST_REDIRECT,
    scope: 'launch/patient patient/Patient.rs offline_access',
    state: randomUUID(),
    aud: `${server.url}/fhir`,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const back = await authorizeThroughConsent(url, { user });
  const res = await fetch(`${server.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: TEST_REDIRECT,
      client_id: TEST_APP,
      code_verifier: verifier,
    }),
  });
  return (await res.json()) as Record<string, string>;
}

const basic = `Basic ${Buffer.from(`${RESOURCE_SERVER.clientId}:${RESOURCE_SERVER.secret}`).toString('base64')}`;

describe('connected apps and reminders', () => {
  it('lists a live grant, revokes it, and its refresh token stops working', async () => {
    const tokens = await launch('mei');
    const list = await fetch(`${server.url}/account/mei/connected-apps`, { headers: { accept: 'application/json' } });
    const { grants } = (await list.json()) as { grants: { familyId: string; clientId: string; scope: string; binding: string }[] };
    expect(grants).toHaveLength(1);
    expect(grants[0]?.clientId).toBe(TEST_APP);
    expect(grants[0]?.scope).toBe(tokens['scope']);
    expect(grants[0]?.binding).toBe('none');
    const page = await (await fetch(`${server.url}/account/mei/connected-apps`)).text();
    expect(page).toContain('E2E test app');
    const revoke = await fetch(`${server.url}/account/mei/connected-apps/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ family: grants[0]?.familyId as string }),
    });
    expect(await revoke.json()).toEqual({ revoked: true });
    const refresh = await fetch(`${server.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens['refresh_token'] as string }),
    });
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await fetch(`${server.url}/account/nobody/connected-apps`)).status).toBe(404);
    // The token endpoint logged each outcome, and no token of this flow.
    const log = logLines.join('');
    expect(log).toContain('"event":"token"');
    expect(log).toContain('"check":"refresh.revoked"');
    for (const secret of [tokens['access_token'], tokens['refresh_token']]) expect(log).not.toContain(secret as string);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('smart_policy_http_requests_total{route="/token"');
  });

  it('reminders: none before the policy says, one batch per user after; callers must authenticate', async () => {
    await launch('john');
    await launch('john');
    expect((await fetch(`${server.url}/admin/reminders`)).status).toBe(401);
    const early = await fetch(`${server.url}/admin/reminders?at=${now + DAY}`, { headers: { authorization: basic } });
    expect((await early.text()).trim()).toBe('');
    const due = await fetch(`${server.url}/admin/reminders?at=${now + 15 * DAY}`, { headers: { authorization: basic } });
    const lines = (await due.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { userId: string; apps: unknown[] });
    const john = lines.filter((b) => b.userId === 'john');
    expect(john).toHaveLength(1);
    expect(john[0]?.apps).toHaveLength(2);
  });
});
