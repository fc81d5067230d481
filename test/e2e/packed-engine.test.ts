/**
 * The engine as users get it: `npm pack` of engine/ (built by `npm test` beforehand), installed
 * into an empty folder, and the installed `smart-policy` command run from there — `scope`,
 * `check` and `docs` — plus the public subpaths. Offline: the engine's dependencies are
 * installed from the workspace's copies (each checked to be the exact pinned version), the
 * package itself from the tarball. `playwright-core` is deliberately absent, so `docs` must
 * write the site and say clearly why there are no screenshots.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const ENGINE = join(ROOT, 'engine');
const NODE = process.execPath;
let dir = '';
let app = '';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Run {
  const r = spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const cli = (args: readonly string[]): Run => run(NODE, [join(app, 'node_modules/.bin/smart-policy'), ...args], app);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'packed-engine-'));
  expect(existsSync(join(ENGINE, 'dist/index.js')), 'engine/dist is missing: npm test builds it first').toBe(true);
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ENGINE, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = join(dir, packed[0]!.filename);
  const paths = packed[0]!.files.map((f) => f.path);
  expect(paths).toContain('bin/smart-policy.js');
  expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);
  // No stale build output (a module moved or deleted since an older build) ships.
  expect(
    paths.filter((p) => p.startsWith('dist/') && p.endsWith('.js') && !existsSync(join(ENGINE, 'src', `${p.slice(5, -3)}.ts`))),
  ).toEqual([]);

  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty-app', private: true, type: 'module' }));
  const engine = JSON.parse(readFileSync(join(ENGINE, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const local = Object.entries(engine.dependencies).map(([name, version]) => {
    const folder = join(ROOT, 'node_modules', name);
    const installed = (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }).version;
    expect(installed, `${name} in the workspace`).toBe(version); // exact pins: the tarball's dependency is satisfied
    return folder;
  });
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...local, tarball], app);
  expect(install.status, install.stderr).toBe(0);
  cpSync(join(ROOT, 'policies/patient-portal'), join(app, 'policy'), { recursive: true });
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed engine, installed into an empty folder', () => {
  it('is a real copy of the package, not a link to the workspace', () => {
    const installed = join(app, 'node_modules/smart-policy');
    expect(existsSync(join(installed, 'dist/cli/main.js'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
  });

  it('runs `smart-policy scope`', () => {
    const r = cli(['scope', 'patient/Observation.rs']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('resourceType=Observation');
  });

  it('runs `smart-policy check` on a policy folder', () => {
    const r = cli(['check', 'policy/portal.smartpolicy']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('No problems found.');
  });

  it('runs `smart-policy docs` without playwright-core: site written, absence reported, exit 0', () => {
    expect(run(NODE, ['--input-type=module', '-e', "await import('playwright-core')"], app).status).not.toBe(0);
    // An existing file as "Chromium" so the run reaches the playwright-core lookup.
    const r = cli(['docs', 'policy/portal.smartpolicy', '--out', 'site', '--chromium', NODE]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('playwright-core is not installed');
    expect(r.stderr).toContain('npm install playwright-core');
    expect(existsSync(join(app, 'site/index.html'))).toBe(true);
    expect(existsSync(join(app, 'site/scopes.json'))).toBe(true);
  });

  it('exposes the root and the layer subpaths, and nothing unexported', () => {
    const script = [
      "const root = await import('smart-policy');",
      "const access = await import('smart-policy/access');",
      "const smart = await import('smart-policy/smart');",
      "const node = await import('smart-policy/node');",
      "let deep = 'exported';",
      "try { await import('smart-policy/dist/access/authorize.js'); } catch (e) { deep = e.code; }",
      'console.log(JSON.stringify({ authorize: typeof root.authorize, same: root.authorize === access.authorize, parseScope: typeof smart.parseScope, runCheck: typeof node.runCheck, deep }));',
    ].join('\n');
    const r = run(NODE, ['--input-type=module', '-e', script], app);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      authorize: 'function',
      same: true,
      parseScope: 'function',
      runCheck: 'function',
      deep: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it('runs the runtime without its optional database peers: memory works, sqlite/redis/pg say what to install', () => {
    const script = [
      "const runtime = await import('smart-policy/runtime');",
      "const memory = await runtime.openStore('memory');",
      "const claimed = await memory.claimOnce('n', 'k', null, 1);",
      'const errors = [];',
      "for (const where of ['sqlite:x.db', 'redis://127.0.0.1:6379', 'postgres://127.0.0.1/test']) {",
      '  try { await runtime.openStore(where); errors.push(null); } catch (e) { errors.push(e.message); }',
      '}',
      'console.log(JSON.stringify({ kind: memory.kind, claimed, errors }));',
    ].join('\n');
    const r = run(NODE, ['--input-type=module', '-e', script], app);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'memory',
      claimed: true,
      errors: [
        'install better-sqlite3 to use the sqlite store (an optional peer dependency of smart-policy)',
        'install ioredis to use the redis store (an optional peer dependency of smart-policy)',
        'install pg to use the postgres store (an optional peer dependency of smart-policy)',
      ],
    });
  });
});
