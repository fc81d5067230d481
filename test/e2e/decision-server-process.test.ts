/**
 * `smart-policy serve` as a real child process (the built CLI), and the same inputs sent through
 * the library, the CLI (`eval …`, `explain --json`) and HTTP: the three answers are equal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFile, type CliIo } from '../../engine/src/cli/cli-io.js';
import { runCli } from '../../engine/src/cli/run-cli.js';
import { createEvaluator } from '../../engine/src/evaluate/create-evaluator.js';
import { openStore } from '../../engine/src/runtime/index.js';
import { compileDemoPolicy } from '../../engine/src/server/reference/demo-policy.js';
import {
  INPUTS,
  libraryAnswer,
  POLICY_DIR,
  POLICY_ENTRY,
  policyBundle,
  REPO_ROOT,
  SECRET,
  startOfflineGrants,
} from '../../engine/test/server/decision-fixtures.js';

const MAIN = join(REPO_ROOT, 'engine/dist/cli/main.js');

interface Served {
  readonly child: ChildProcess;
  readonly base: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function serve(args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, [MAIN, 'serve', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, base: match[1] as string, stdout: () => stdout, stderr: () => stderr, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });
}

/** The CLI in-process, with request files given as strings. */
async function cli(argv: readonly string[], files: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (text) => (stdout += `${text}\n`),
    err: (text) => (stderr += `${text}\n`),
    readFile: (path, maxBytes) => files[path] ?? readInputFile(path, maxBytes),
    cwd: REPO_ROOT,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** The CLI invocation that answers each route's input. */
function cliArgs(route: string, input: object): string[] {
  const kind: Record<string, string> = {
    '/v1/decide/access': 'access',
    '/v1/decide/token': 'token',
    '/v1/decide/refresh': 'refresh',
    '/v1/introspection': 'introspection',
    '/v1/decide/registration': 'registration',
  };
  if (route === '/v1/explain') {
    const request = input as { scopes: string; locale: string };
    return ['explain', '--policy', POLICY_ENTRY, '--json', '--locale', request.locale, ...request.scopes.split(' ')];
  }
  return ['eval', kind[route] as string, '--policy', POLICY_ENTRY, '--request', '/virtual/request.json'];
}

async function post(base: string, route: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

let served: Served;
beforeAll(async () => {
  // PostgreSQL here trusts local connections, so a password in the URL is accepted and ignored.
  served = await serve([POLICY_DIR, '--port', '0', '--store', 'postgres://postgres:hunter2@127.0.0.1:5432/test']);
});
afterAll(() => {
  if (served.child.exitCode === null) served.child.kill('SIGKILL');
});

describe('smart-policy serve (a real process)', () => {
  it('listens on 127.0.0.1 and names the policy hash and the store without its credentials', () => {
    expect(served.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.stderr()).toContain(policyBundle().hash);
    expect(served.stderr()).toContain('postgres://127.0.0.1:5432/test');
    expect(served.stderr()).not.toContain('hunter2');
  });

  it('answers each input exactly as the library and the CLI do', async () => {
    const evaluator = createEvaluator(policyBundle());
    for (const [route, input] of Object.entries(INPUTS)) {
      const http = await post(served.base, route, input);
      expect(http.status, route).toBe(200);
      const library = JSON.parse(JSON.stringify(libraryAnswer(evaluator, route, input)));
      const run = await cli(cliArgs(route, input), { '/virtual/request.json': JSON.stringify(input) });
      expect(run.stderr, route).toBe('');
      expect(http.json, route).toEqual(library);
      expect(JSON.parse(run.stdout), route).toEqual(library);
    }
  });

  it('refuses bad bodies with 400 and a pointer; on SIGTERM exits 0, its decision log lines flushed, with no input value', async () => {
    const bad = await post(served.base, '/v1/decide/token', {
      ...INPUTS['/v1/decide/token'],
      client: { clientId: SECRET, type: 'robot', authMethod: 'none' },
    });
    expect(bad).toMatchObject({ status: 400, json: { error: 'invalid_request', pointer: '/client/type' } });
    await post(served.base, '/v1/decide/access', {
      granted: SECRET,
      context: { patient: SECRET },
      request: { method: 'GET', path: `Patient/${SECRET}` },
    });
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    const lines = served
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((line) => line['msg'] === 'decision' && line['route'] === '/v1/decide/access')).toBe(true);
    expect(served.stdout()).not.toContain(SECRET);
  });

  it('with --store, answers the reminders due in that store: the lines `smart-policy reminders` prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-store-'));
    try {
      const file = join(dir, 'grants.sqlite');
      const bundle = compileDemoPolicy();
      const store = await openStore(`sqlite:${file}`);
      await startOfflineGrants(store, bundle, ['mei', 'ana'], 1_900_000_000);
      await store.close();
      const bundleFile = join(dir, 'bundle.json');
      writeFileSync(bundleFile, JSON.stringify(bundle));
      const withStore = await serve([bundleFile, '--port', '0', '--store', `sqlite:${file}`]);
      try {
        const at = 1_900_000_000 + 15 * 24 * 3600;
        const res = await fetch(`${withStore.base}/v1/reminders?at=${at}`);
        expect(res.status).toBe(200);
        const body = await res.text();
        expect(
          body
            .trim()
            .split('\n')
            .map((l) => (JSON.parse(l) as { userId: string }).userId),
        ).toEqual(['ana', 'mei']);
        const printed = await cli(['reminders', bundleFile, '--store', `sqlite:${file}`, '--at', String(at)], {});
        expect(printed.code).toBe(0);
        expect(printed.stdout).toBe(body);
      } finally {
        withStore.child.kill('SIGTERM');
        expect(await withStore.exited).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad --store or a policy that does not load, exit 3, before listening', async () => {
    const badStore = await cli(['serve', POLICY_DIR, '--store', 'mysql://x'], {});
    expect(badStore.code).toBe(3);
    expect(badStore.stderr).toContain('--store must be');
    const badPolicy = await cli(['serve', 'http://127.0.0.1:9/policy.json', '--port', '0'], {});
    expect(badPolicy.code).toBe(3);
    expect(badPolicy.stderr).toContain('could not be reached');
  });
});
