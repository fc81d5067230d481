/**
 * A real VS Code for the extension's end-to-end test: code-server 4.100.3 (VS Code 1.100.3, the
 * newest release that runs on Node 20) from the cache `install-code-server.sh` fills outside the
 * repository, with the packaged .vsix installed in a fresh profile, served on loopback without
 * auth. The test drives it with playwright-core in Debian's Chromium (`vscode-driver.ts`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** Where install-code-server.sh puts code-server (the same rule as the script). */
export function codeServerDir(): string {
  const root =
    process.env['SMART_POLICY_CODE_SERVER_DIR'] ??
    join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'smart-policy', 'code-server');
  return join(root, CODE_SERVER_VERSION);
}

/** The code-server binary, or an error telling how to install it (the test fails, never skips). */
export function codeServerBinary(): string {
  const dir = codeServerDir();
  const bin = join(dir, 'node_modules', '.bin', 'code-server');
  if (!existsSync(join(dir, '.installed')) || !existsSync(bin)) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${dir}: run test/e2e/support/install-code-server.sh (.ci/run does)`,
    );
  }
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic for a driver. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.hover.delay': 200,
  // Completion must come from the language server, not from words of open files.
  'editor.wordBasedSuggestions': 'off',
  'editor.quickSuggestions': { other: true, comments: false, strings: false },
  'editor.minimap.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'smartPolicy.inlayHints': false,
};

/**
 * Installs the .vsix into a fresh profile and serves `folder` until `stop()`, which removes the
 * profile and keeps code-server's output in `logFile`.
 */
export async function startCodeServer(vsix: string, folder: string, logFile: string): Promise<RunningCodeServer> {
  const bin = codeServerBinary();
  const run = mkdtempSync(join(tmpdir(), 'smart-policy-vscode-e2e-'));
  const user = join(run, 'user');
  const extensions = join(run, 'extensions');
  mkdirSync(join(user, 'User'), { recursive: true });
  writeFileSync(join(user, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(run, 'config'),
    XDG_DATA_HOME: join(run, 'data'),
    XDG_CACHE_HOME: join(run, 'cache'),
    TMPDIR: join(codeServerDir(), 'tmp'),
  };
  const profile = ['--user-data-dir', user, '--extensions-dir', extensions];
  const install = spawnSync(bin, [...profile, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 60_000 });
  if (install.status !== 0) throw new Error(`installing the .vsix failed: ${install.stdout}${install.stderr}`);
  const port = await freePort();
  const args = [
    ...profile,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  // Its own process group, so stopping it also stops the extension host and language server it started.
  const child: ChildProcess = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const log: string[] = [];
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      signal('SIGKILL');
      throw new Error(`code-server did not start:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    logFile,
    async stop() {
      writeFileSync(logFile, log.join(''));
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        signal('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      }
      signal('SIGKILL');
      rmSync(run, { recursive: true, force: true });
    },
  };
}
