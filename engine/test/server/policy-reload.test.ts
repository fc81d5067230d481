/**
 * Hot reload with a running server: real file edits under a watched policy folder, and a real
 * local HTTP server serving compiled bundles (a good one, a new one, one whose hash does not
 * verify, and 304s for an unchanged ETag).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PolicyBundle } from '../../src/compile/bundle-types.js';
import {
  createDecisionServer,
  type DecisionServer,
  PolicyLoadError,
  startFilePolicySource,
  startUrlPolicySource,
} from '../../src/server/decision/index.js';
import { INPUTS, POLICY_DIR, policyBundle } from './decision-fixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listening(server: DecisionServer): Promise<string> {
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => server.app.close());
  return address;
}

async function health(base: string): Promise<string> {
  const res = await fetch(`${base}/healthz`);
  return ((await res.json()) as { policy: { hash: string } }).policy.hash;
}

async function metric(base: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const match = pattern.exec(text);
  return match === null ? Number.NaN : Number(match[1]);
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function decideToken(base: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/v1/decide/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(INPUTS['/v1/decide/token']),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const FAILED = /smart_policy_policy_reloads_total\{result="failed"\} (\d+)/;
const OK = /smart_policy_policy_reloads_total\{result="ok"\} (\d+)/;

describe('a policy from files, watched', () => {
  it('reloads on an edit, keeps the last good bundle when an edit does not compile, and recovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-policy-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(POLICY_DIR, dir, { recursive: true });
    const entry = join(dir, 'api.smartpolicy');
    const original = readFileSync(entry, 'utf8');
    const server = await createDecisionServer({ policy: (listener) => startFilePolicySource(entry, listener, { debounceMs: 50 }) });
    const base = await listening(server);
    const first = await health(base);
    expect(((await decideToken(base)).refresh as { lifetime: number }).lifetime).toBe(365 * 86400);

    writeFileSync(entry, original.replace('lifetime 365d', 'lifetime 200d'));
    await until('the edited policy', async () => (await health(base)) !== first);
    const second = await health(base);
    expect(((await decideToken(base)).refresh as { lifetime: number }).lifetime).toBe(200 * 86400);
    expect(await metric(base, OK)).toBe(1);

    writeFileSync(entry, `${original.replace('lifetime 365d', 'lifetime 100d')}\ngrant wallet {{{ allow\n`);
    await until('the refused edit', async () => (await metric(base, FAILED)) >= 1);
    expect(await health(base)).toBe(second);
    expect(((await decideToken(base)).refresh as { lifetime: number }).lifetime).toBe(200 * 86400);

    writeFileSync(entry, original);
    await until('the repaired policy', async () => (await health(base)) === first);
    expect(((await decideToken(base)).refresh as { lifetime: number }).lifetime).toBe(365 * 86400);
  });
});

/** A real HTTP server serving one bundle at a time, with an ETag and 304 for a matching If-None-Match. */
async function bundleServer(): Promise<{ url: string; serve(bundle: unknown): void; counts: { ok: number; notModified: number } }> {
  let body = '';
  let etag = '';
  let version = 0;
  const counts = { ok: 0, notModified: 0 };
  const http: Server = createServer((req, res) => {
    if (req.headers['if-none-match'] === etag) {
      counts.notModified++;
      res.writeHead(304, { etag }).end();
      return;
    }
    counts.ok++;
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/policy.json`,
    serve(bundle) {
      body = JSON.stringify(bundle);
      etag = `"v${++version}"`;
    },
    counts,
  };
}

function variant(bundle: PolicyBundle, lifetimeDays: number): PolicyBundle {
  // Recompile from an edited copy, so the hash is the compiler's own.
  const dir = mkdtempSync(join(tmpdir(), 'smart-policy-bundle-'));
  cpSync(POLICY_DIR, dir, { recursive: true });
  const entry = join(dir, 'api.smartpolicy');
  writeFileSync(entry, readFileSync(entry, 'utf8').replace('lifetime 365d', `lifetime ${lifetimeDays}d`));
  const next = policyBundle(entry);
  rmSync(dir, { recursive: true, force: true });
  expect(next.hash).not.toBe(bundle.hash);
  return next;
}

describe('a policy from a URL, polled', () => {
  it('follows a new bundle, answers 304s without reloading, and refuses a bundle whose hash does not verify', async () => {
    const good = policyBundle();
    const next = variant(good, 120);
    const origin = await bundleServer();
    origin.serve(good);
    const server = await createDecisionServer({ policy: (listener) => startUrlPolicySource(origin.url, listener, { intervalMs: 60 }) });
    const base = await listening(server);
    expect(await health(base)).toBe(good.hash);

    await until('a 304', async () => origin.counts.notModified >= 2);
    expect(await metric(base, OK)).toBe(0);

    origin.serve(next);
    await until('the new bundle', async () => (await health(base)) === next.hash);
    expect(((await decideToken(base)).refresh as { lifetime: number }).lifetime).toBe(120 * 86400);

    const tampered = { ...next, refresh: next.refresh.map((r) => ({ ...r, lifetime: 999 * 86400 })) };
    origin.serve(tampered);
    await until('the refusal', async () => (await metric(base, FAILED)) >= 1);
    expect(await health(base)).toBe(next.hash);
    expect(((await decideToken(base)).refresh as { lifetime: number }).lifetime).toBe(120 * 86400);
  });

  it('does not start on a bundle whose hash does not verify, nor on an unreachable URL', async () => {
    const origin = await bundleServer();
    const good = policyBundle();
    origin.serve({ ...good, hash: `sha256:${'0'.repeat(64)}` });
    const listener = { loaded: () => {}, rejected: () => {} };
    await expect(startUrlPolicySource(origin.url, listener)).rejects.toBeInstanceOf(PolicyLoadError);
    await expect(startUrlPolicySource('http://127.0.0.1:9/none.json', listener, { timeoutMs: 1000 })).rejects.toBeInstanceOf(
      PolicyLoadError,
    );
  });
});
