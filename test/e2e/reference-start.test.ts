/**
 * `npm start`'s process: the built reference server (`engine/dist/server/reference/main.js`) on
 * the SQLite store prints its URL, serves the home page and discovery, creates its database
 * file, and exits 0 on SIGTERM. (`npm test` builds first.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

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
