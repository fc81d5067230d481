/**
 * Random requests to the reference server's endpoints (in process, Fastify inject): whatever the
 * form fields, query strings, headers and paths, the answer is never a 5xx, never a stack trace,
 * and never echoes the marker planted in the input.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/runtime/index.js';
import { type ReferenceServer, createReferenceServer } from '../../../src/server/reference/create-reference-server.js';
import { compileDemoPolicy } from '../../../src/server/reference/demo-policy.js';

const MARKER = 'ZqXmarkerXqZ';
let server: ReferenceServer;

beforeAll(async () => {
  server = await createReferenceServer({ bundle: compileDemoPolicy(), store: createMemoryStore(), origin: 'http://127.0.0.1:9' });
  await server.app.ready();
});
afterAll(async () => {
  await server.app.close();
});

const NAMES = [
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'scope',
  'client_id',
  'client_assertion',
  'client_assertion_type',
  'assertion',
  'token',
  '__proto__',
  'constructor',
  'tx',
  'user',
  'decision',
  'group',
];
const VALUES = fc.oneof(
  fc.constantFrom(
    'authorization_code',
    'refresh_token',
    'client_credentials',
    'urn:ietf:params:oauth:grant-type:jwt-bearer',
    'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    'sandbox-demo-app',
    'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.',
    `spr1.${MARKER}.${MARKER}`,
  ),
  fc.string({ maxLength: 40 }).map((s) => `${s}${MARKER}`),
);
const FORM = fc.array(fc.tuple(fc.constantFrom(...NAMES), VALUES), { maxLength: 8 });

function encode(pairs: readonly [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function assertSafe(status: number, body: string): void {
  expect(status).toBeLessThan(500);
  expect(body).not.toContain(MARKER);
  expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('reference server endpoints under random input', () => {
  it('token, introspect, revoke: OAuth errors, no 5xx, no echo', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/token', '/introspect', '/revoke'),
        FORM,
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'),
        async (url, pairs, type) => {
          const res = await server.app.inject({
            method: 'POST',
            url,
            headers: { 'content-type': type },
            payload: type === 'application/json' ? JSON.stringify(Object.fromEntries(pairs)) : encode(pairs),
          });
          assertSafe(res.statusCode, res.body);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('authorize, the consent steps, register, the FHIR endpoint and the account pages: no 5xx, no echo', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/authorize',
          '/authorize/user',
          '/authorize/consent',
          '/register',
          '/fhir/Patient',
          '/fhir/Observation/x',
          '/account/session',
          '/account/sign-out',
          '/account/ana/connected-apps',
          '/account/ana/connected-apps/revoke',
        ),
        FORM,
        fc.constantFrom('GET', 'POST'),
        fc.option(VALUES, { nil: undefined }),
        fc.option(VALUES, { nil: undefined }),
        async (path, pairs, method, bearer, cookie) => {
          const query = encode(pairs);
          const headers: Record<string, string> = method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
          if (bearer !== undefined) headers['authorization'] = `Bearer ${bearer}`;
          // Cookies as a browser could send them: the sign-in session and the pending authorization.
          if (cookie !== undefined) headers['cookie'] = `sp_session=${encodeURIComponent(cookie)}; sp_authz=${encodeURIComponent(cookie)}`;
          const res = await server.app.inject(
            method === 'GET' ? { method, url: `${path}?${query}`, headers } : { method, url: path, headers, payload: query },
          );
          assertSafe(res.statusCode, res.body);
        },
      ),
      { numRuns: 150 },
    );
  });
});
