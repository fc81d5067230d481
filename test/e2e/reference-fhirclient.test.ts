/**
 * SMART's own JavaScript client (fhirclient, Node entry) against the reference server: a
 * standalone launch (discovery under the FHIR base, PKCE S256, consent) and a refresh. Its public
 * client's refresh omits `client_id`, which the server must accept (the family knows its client).
 */
import { createRequire } from 'node:module';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { authorizeThroughConsent, startHarness } from './reference-harness.js';

type Smart = (
  req: IncomingMessage,
  res: ServerResponse,
  storage: unknown,
) => {
  authorize(options: Record<string, unknown>): Promise<unknown>;
  ready(): Promise<{
    state: { tokenResponse?: Record<string, unknown> } /** Resolves with the client's new state. */;
    refresh(): Promise<{ tokenResponse?: Record<string, unknown> }>;
    request(url: string): Promise<unknown>;
  }>;
};
const smart = createRequire(import.meta.url)('fhirclient/lib/entry/node') as Smart;

let server: RunningReferenceServer;
let appServer: Server;
let appOrigin = '';
const results: Record<string, unknown>[] = [];
const memory = new Map<string, unknown>();
const storage = {
  get: async (key: string) => memory.get(key),
  set: async (key: string, value: unknown) => {
    memory.set(key, value);
    return value;
  },
  unset: async (key: string) => memory.delete(key),
};

beforeAll(async () => {
  appServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', appOrigin);
    if (url.pathname === '/launch') {
      void smart(req, res, storage).authorize({
        clientId: 'fhirclient-app',
        scope: 'launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access',
        redirectUri: `${appOrigin}/callback`,
        iss: `${server.url}/fhir`,
      });
      return;
    }
    if (url.pathname === '/callback') {
      void (async () => {
        try {
          const client = await smart(req, res, storage).ready();
          const first = { ...client.state.tokenResponse };
          const patient = (await client.request(`Patient/${String(first['patient'])}`)) as Record<string, unknown>;
          const refreshed = await client.refresh();
          results.push({ first, patient, refreshed: { ...refreshed.tokenResponse } });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch (e) {
          results.push({ error: e instanceof Error ? e.message : 'error' });
          res.writeHead(500).end();
        }
      })();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  server = await startHarness({
    extraClients: [
      { clientId: 'fhirclient-app', type: 'public', authMethod: 'none', redirectUris: [`${appOrigin}/callback`], name: 'fhirclient app' },
    ],
  });
});

afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => appServer?.close(() => resolve()));
});

describe('fhirclient (Node) against the reference server', () => {
  it('launches standalone with PKCE, reads the patient and refreshes', async () => {
    const launch = await fetch(`${appOrigin}/launch`, { redirect: 'manual' });
    const location = launch.headers.get('location');
    expect(location).not.toBeNull();
    const authorizeUrl = new URL(location as string);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const back = await authorizeThroughConsent(authorizeUrl, { user: 'john' });
    expect(back.searchParams.get('code')).not.toBeNull();
    const done = await fetch(back, { redirect: 'manual' });
    expect(results[0]).toEqual(expect.not.objectContaining({ error: expect.anything() }));
    expect(done.status).toBe(200);
    const result = results[0] as { first: Record<string, unknown>; patient: Record<string, unknown>; refreshed: Record<string, unknown> };
    expect(result.first['patient']).toBe('john');
    expect(result.patient['id']).toBe('john');
    expect(typeof result.refreshed['access_token']).toBe('string');
    expect(result.refreshed['access_token']).not.toBe(result.first['access_token']);
    expect(result.refreshed['refresh_token']).not.toBe(result.first['refresh_token']);
  });
});
