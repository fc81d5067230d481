/**
 * `npm start`'s process: the built reference server (`engine/dist/server/reference/main.js`) on
 * the SQLite store prints its URL, serves the home page and discovery, creates its database
 * file and its signing key file (kept across restarts), and exits 0 on SIGTERM. (`npm test`
 * builds first.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { authorizeThroughConsent } from './reference-harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'engine/dist/server/reference/main.js');
const dir = mkdtempSync(join(tmpdir(), 'reference-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(args: readonly string[]): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
      const m = /reference SMART server: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string, exited });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited: ${stderr}`));
    });
  });
}

describe('npm start (the built reference server)', () => {
  it('prints its URL, serves the home page on the SQLite store, and stops cleanly', async () => {
    expect(existsSync(MAIN)).toBe(true);
    const { child, url, exited } = await start(['--port', '0']);
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Launch the demo app');
    const smart = (await (await fetch(`${url}/.well-known/smart-configuration`)).json()) as Record<string, unknown>;
    expect(smart['issuer']).toBe(url);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(existsSync(join(dir, '.smart-policy/reference-server.sqlite'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('keeps its signing key beside the SQLite store: after a restart, the same key is published and its access tokens still work', async () => {
    const port = String(await freePort());
    const first = await start(['--port', port]);
    const keyFile = join(dir, '.smart-policy/reference-server-key.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const jwks = await (await fetch(`${first.url}/.well-known/jwks.json`)).json();
    const token = await demoAppToken(first.url);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await start(['--port', port]);
    expect(await (await fetch(`${second.url}/.well-known/jwks.json`)).json()).toEqual(jwks);
    const read = await fetch(`${second.url}/fhir/Patient/ana`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    // The memory store keeps nothing, so neither does its key: a fresh one each start, and old tokens fail.
    const ephemeral = await start(['--port', port, '--store', 'memory']);
    expect(await (await fetch(`${ephemeral.url}/.well-known/jwks.json`)).json()).not.toEqual(jwks);
    expect((await fetch(`${ephemeral.url}/fhir/Patient/ana`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    ephemeral.child.kill('SIGTERM');
    expect(await ephemeral.exited).toBe(0);
  });

  it('refuses a policy that does not compile, saying where', async () => {
    const child = spawn(process.execPath, [MAIN, join(dir, 'missing.smartpolicy'), '--store', 'memory'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing\.smartpolicy:1:1/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** An access token of the built-in demo app for Ana, through the user picker and consent (PKCE). */
async function demoAppToken(base: string): Promise<string> {
  const verifier = randomUUID() + randomUUID();
  const redirectUri = `${base}/demo/callback`;
  const url = new URL(`${base}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'sandbox-demo-app',
    redirect_uri: redirectUri,
    scope: 'launch/patient patient/Patient.rs',
    state: randomUUID(),
    aud: `${base}/fhir`,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const back = await authorizeThroughConsent(url, { user: 'ana' });
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: redirectUri,
      client_id: 'sandbox-demo-app',
      code_verifier: verifier,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}
