/**
 * openid-client (v6) against the reference server on its default store, SQLite: discovery at
 * RFC 8414's path, a standalone launch with PKCE through consent, introspection by a resource
 * server, a refresh that rotates, and RFC 7009 revocation ending the grant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../engine/src/runtime/index.js';
import type { RunningReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';
import { RESOURCE_SERVER, TEST_APP, TEST_REDIRECT, authorizeThroughConsent, startHarness } from './reference-harness.js';

let server: RunningReferenceServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reference-openid-client-'));
  server = await startHarness({ store: await openStore(`sqlite:${join(dir, 'store.sqlite')}`) });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openid-client against the reference server (SQLite store)', () => {
  it('launches, introspects, refreshes with rotation and revokes', async () => {
    const options = { execute: [client.allowInsecureRequests], algorithm: 'oauth2' as const };
    const config = await client.discovery(new URL(server.url), TEST_APP, undefined, client.None(), options);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: TEST_REDIRECT,
      scope: 'launch/patient launch/encounter patient/Patient.rs patient/Encounter.rs offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      aud: `${server.url}/fhir`,
    });
    const back = await authorizeThroughConsent(url, { user: 'john' });
    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens['patient']).toBe('john');
    expect(tokens['encounter']).toBe('john-enc-2');

    const rs = await client.discovery(
      new URL(server.url),
      RESOURCE_SERVER.clientId,
      undefined,
      client.ClientSecretBasic(RESOURCE_SERVER.secret),
      options,
    );
    const intro = await client.tokenIntrospection(rs, tokens.access_token);
    expect(intro.active).toBe(true);
    expect(intro['encounter']).toBe('john-enc-2');

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    await client.tokenRevocation(config, refreshed.refresh_token as string);
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token as string)).rejects.toThrow();
    expect((await client.tokenIntrospection(rs, refreshed.access_token)).active).toBe(false);
  });
});
