/**
 * Every input the CLI reads is bounded and refused clearly past the limit; devices and FIFOs
 * named as files never block or grow; empty batches, BOMs, folders, symlink loops, typos in
 * `--option` and broken bundles get one clear message with the right exit code.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeBundleHash } from '../../engine/src/compile/index.js';
import { REPO_ROOT, cli, jsonLinesOf, spawnCli } from './cli-harness.js';

const PORTAL = 'policies/patient-portal/portal.smartpolicy';
const MAIN = resolve(REPO_ROOT, 'engine/dist/cli/main.js');
const ACCESS_LINE = JSON.stringify({ granted: ['user/Observation.rs'], context: {}, request: { method: 'GET', path: 'Observation' } });
const TOKEN_LINE = JSON.stringify({
  grantType: 'authorization_code',
  client: { clientId: 'c', type: 'public', authMethod: 'none' },
  user: { type: 'patient' },
  launch: 'standalone',
  requestedScope: 'launch/patient patient/Observation.rs',
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'smart-policy-inputs-'));
}

/** Runs the built CLI with standard input read from `stdinPath` (a device, a file). */
function spawnWithStdin(argv: readonly string[], stdinPath: string): { code: number; stdout: string; stderr: string } {
  const fd = openSync(stdinPath, 'r');
  try {
    const r = spawnSync(process.execPath, [MAIN, ...argv], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: [fd, 'pipe', 'pipe'],
      timeout: 60_000,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

describe('input size limits and non-regular files', () => {
  it('refuses /dev/zero as --input and as --policy at once, without output growth', () => {
    const access = spawnCli(['eval', 'access', '--input', '/dev/zero']);
    expect(access.code).toBe(3);
    expect(access.stderr).toMatch(/not a regular file/);
    const token = spawnCli(['eval', 'token', '--policy', '/dev/zero', '--request', 'x.json']);
    expect(token.code).toBe(3);
    expect(token.stderr.length).toBeLessThan(2000);
    const bundle = spawnCli(['test', '/dev/zero.json']);
    expect(bundle.code).toBe(3);
  });

  it('stops reading /dev/zero on standard input at the limit', () => {
    const run = spawnWithStdin(['eval', 'access', '--input', '-', '--max-input-bytes', '100000'], '/dev/zero');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/larger than the input limit of 100000 bytes/);
    expect(run.stderr).toMatch(/--max-input-bytes/);
  });

  it('refuses a FIFO named as a file without blocking', () => {
    const dir = tempDir();
    const fifo = join(dir, 'requests.jsonl');
    execFileSync('mkfifo', [fifo]);
    const run = spawnSync(process.execPath, [MAIN, 'eval', 'access', '--input', fifo], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.error).toBeUndefined(); // no timeout
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/not a regular file/);
  });

  it('refuses a file past the limit, set by flag or by environment, and accepts it under the limit', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.jsonl');
    writeFileSync(path, `${ACCESS_LINE}\n`.repeat(20));
    const size = readFileSync(path).length;
    const byFlag = await cli(['eval', 'access', '--input', path, '--max-input-bytes', String(size - 1)]);
    expect(byFlag.code).toBe(3);
    expect(byFlag.stderr).toMatch(new RegExp(`larger than the input limit of ${size - 1} bytes`));
    expect((await cli(['eval', 'access', '--max-input-bytes', String(size), '--input', path])).code).toBe(0);
    const byEnv = spawnSync(process.execPath, [MAIN, 'eval', 'access', '--input', path], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, SMART_POLICY_MAX_INPUT_BYTES: '1000' },
    });
    expect(byEnv.status).toBe(3);
    expect(byEnv.stderr).toMatch(/limit of 1000 bytes/);
  });

  it('applies the limit to policy files and bundles too', async () => {
    const policy = await cli(['check', PORTAL, '--max-input-bytes', '500']);
    expect(policy.code).toBe(3);
    expect(policy.stdout).toMatch(/import\.too-large/);
    const dir = tempDir();
    const bundle = join(dir, 'bundle.json');
    expect((await cli(['compile', PORTAL, '--out', bundle])).code).toBe(0);
    const run = await cli(['test', bundle, '--max-input-bytes', '1000']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/larger than the input limit/);
  });

  it('refuses a malformed --max-input-bytes', async () => {
    for (const value of ['0', '-5', '1e6', 'lots']) {
      const run = await cli(['eval', 'access', '--path', 'Observation', '--max-input-bytes', value]);
      expect(run.code, value).toBe(3);
      expect(run.stderr).toMatch(/--max-input-bytes must be a whole number/);
    }
  });

  it('still reads a pipe on standard input', () => {
    const run = spawnCli(['eval', 'access', '--input', '-'], `${ACCESS_LINE}\n${ACCESS_LINE}\n`);
    expect(run.code).toBe(0);
    expect(jsonLinesOf(run.stdout).map((r) => r['decision'])).toEqual(['allow', 'allow']);
  });
});

describe('batches', () => {
  it('refuses an empty --input (exit 3, with a message), also blank lines only', async () => {
    for (const text of ['', '\n\n  \n']) {
      const run = await cli(['eval', 'access', '--input', 'empty.jsonl'], { 'empty.jsonl': text });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/no JSON lines/);
      const token = await cli(['eval', 'token', '--policy', PORTAL, '--input', 'empty.jsonl'], { 'empty.jsonl': text });
      expect(token.code).toBe(3);
    }
  });

  it('accepts a UTF-8 BOM at the start of a JSONL file', () => {
    const dir = tempDir();
    const path = join(dir, 'bom.jsonl');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${ACCESS_LINE}\n`)]));
    const run = spawnCli(['eval', 'access', '--input', path]);
    expect(run.code).toBe(0);
    expect(jsonLinesOf(run.stdout)[0]?.['decision']).toBe('allow');
  });

  it("echoes each line's id first in its result, for access and token batches, valid or not", async () => {
    const withId = (line: string, id: unknown): string => JSON.stringify({ id, ...(JSON.parse(line) as object) });
    const access = await cli(['eval', 'access', '--input', 'b.jsonl'], {
      'b.jsonl': [withId(ACCESS_LINE, 'req-1'), withId(ACCESS_LINE, 42), ACCESS_LINE, JSON.stringify({ id: 'bad-1', granted: 7 })].join(
        '\n',
      ),
    });
    expect(jsonLinesOf(access.stdout).map((r) => [r['id'], r['decision']])).toEqual([
      ['req-1', 'allow'],
      [42, 'allow'],
      [undefined, 'allow'],
      ['bad-1', 'deny'],
    ]);
    expect(Object.keys(jsonLinesOf(access.stdout)[0] ?? {})[0]).toBe('id');
    const token = await cli(['eval', 'token', '--policy', PORTAL, '--input', 'b.jsonl'], { 'b.jsonl': withId(TOKEN_LINE, 't-7') });
    expect(jsonLinesOf(token.stdout)[0]?.['id']).toBe('t-7');
  });

  it('treats an id that is not a short string or a whole number as a malformed line, without echoing it', async () => {
    for (const id of ['x'.repeat(201), { nested: true }, 1.5, null]) {
      const line = JSON.stringify({ id, ...(JSON.parse(ACCESS_LINE) as object) });
      const run = await cli(['eval', 'access', '--input', 'b.jsonl'], { 'b.jsonl': line });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/\$\.id must be/);
      expect(run.stdout).not.toContain('xxxxxxxxxx');
    }
  });
});

describe('--option names', () => {
  it('refuses a typo with a did-you-mean and exit 3', async () => {
    const run = await cli([
      'eval',
      'access',
      '--path',
      'Observation',
      '--scope',
      'user/Observation.rs',
      '--option',
      'queryRestrictedSerch=refuse',
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/did you mean queryRestrictedSearch\?/);
  });

  it('refuses any name that is not an access option, and accepts every one that is', async () => {
    const { ACCESS_OPTION_NAMES } = await import('../../engine/src/cli/commands/access-option-flags.js');
    for (const name of ['toString', '__proto__', 'constructor', 'QUERYRESTRICTEDSEARCH', 'x']) {
      expect((await cli(['eval', 'access', '--path', 'Observation', '--option', `${name}=1`])).code, name).toBe(3);
    }
    const { parseOptionFlags } = await import('../../engine/src/cli/commands/access-option-flags.js');
    for (const name of ACCESS_OPTION_NAMES) expect(() => parseOptionFlags([`${name}=x`]), name).not.toThrow();
  });
});

describe('policy arguments', () => {
  it('checks a folder through its entry file', async () => {
    const run = await cli(['check', 'policies/patient-portal']);
    expect(run.code).toBe(0);
    expect((await cli(['test', 'policies/patient-portal'])).code).toBe(0);
  });

  it('checks every entry file of a folder, and asks for one where a single policy is needed', async () => {
    const dir = tempDir();
    const policy = (name: string): string => `policy "${name}" {\n  fhir R4\n  locales en\n}\n`;
    writeFileSync(join(dir, 'a.smartpolicy'), policy('a'));
    writeFileSync(join(dir, 'b.smartpolicy'), `${policy('b')}grant nobody {\n  allow patient/Observation.sr\n}\n`);
    const run = await cli(['check', dir, '--format', 'json']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/b\.smartpolicy/);
    const compile = await cli(['compile', dir]);
    expect(compile.code).toBe(3);
    expect(compile.stderr).toMatch(/2 entry files \(a\.smartpolicy, b\.smartpolicy\); pass one of them/);
  });

  it('says what to pass for a folder without policy files', async () => {
    const run = await cli(['check', tempDir()]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/no entry \.smartpolicy file; pass the entry file/);
    expect(run.stderr).not.toMatch(/cannot be read/);
  });

  it('reports a symbolic link loop in words, never as a raw ELOOP', async () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'loop.smartpolicy'), join(dir, 'loop.smartpolicy'));
    symlinkSync(join(dir, 'loop.json'), join(dir, 'loop.json'));
    const check = await cli(['check', join(dir, 'loop.smartpolicy')]);
    const request = await cli(['eval', 'access', '--request', join(dir, 'loop.json')]);
    for (const run of [check, request]) {
      expect(run.code).toBe(3);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/ELOOP/);
    }
    expect(request.stderr).toMatch(/loop of symbolic links/);
  });

  it('fmt refuses a file that is not a .smartpolicy file without quoting a line of it', async () => {
    const path = join(tempDir(), '.env');
    writeFileSync(path, 'DATABASE_PASSWORD=SECRET-LINE-91\n');
    const run = await cli(['fmt', path]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/only \.smartpolicy files are policy files/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/DATABASE_PASSWORD|SECRET-LINE/);
  });

  it('refuses a bundle whose test case is broken, naming the JSON path instead of "it threw"', async () => {
    const compiled = JSON.parse((await cli(['compile', PORTAL])).stdout) as Record<string, unknown> & { tests: Record<string, unknown>[] };
    const index = compiled.tests.findIndex((t) => t['kind'] === 'token');
    compiled.tests[index] = { ...compiled.tests[index], token: null };
    const { hash: _old, ...rest } = compiled;
    const path = join(tempDir(), 'b.json');
    writeFileSync(path, JSON.stringify({ ...rest, hash: computeBundleHash(rest) }));
    const run = await cli(['test', path]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`$.tests[${index}].token: must be an object`);
    expect(run.stderr).not.toMatch(/threw/);
  });
});

describe('--help and the installed command', () => {
  it('prints help and exits 0 for every command, and for eval access and eval token', async () => {
    const { COMMANDS, EVAL_KINDS } = await import('../../engine/src/cli/commands/index.js');
    const invocations = [...Object.keys(COMMANDS).map((name) => [name]), ...EVAL_KINDS.map((kind) => ['eval', kind])];
    expect(invocations.length).toBeGreaterThan(8);
    for (const words of invocations) {
      for (const flag of ['--help', '-h']) {
        const run = await cli([...words, flag]);
        expect(run.code, `${words.join(' ')} ${flag}`).toBe(0);
        expect(run.stdout).toContain(`smart-policy ${words.join(' ')}`);
        expect(run.stdout).toMatch(/Exit|--max-input-bytes/);
      }
    }
    // After `--`, --help is an argument, not a request for help.
    expect((await cli(['scope', '--', '--help'])).code).toBe(3);
  });

  it('runs as node_modules/.bin/smart-policy after the build (the bin target exists at install time)', () => {
    const bin = resolve(REPO_ROOT, 'node_modules/.bin/smart-policy');
    const run = spawnSync(bin, ['scope', '--set', '--', 'user/Appointment.read user/Appointment.write'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('user/Appointment.cruds');
    const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, 'engine/package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(readFileSync(resolve(REPO_ROOT, 'engine', pkg.bin['smart-policy'] ?? ''), 'utf8')).toMatch(/^#!\/usr\/bin\/env node/);
  });

  it('says to build first when the engine is not built', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'smart-policy.js'), readFileSync(resolve(REPO_ROOT, 'engine/bin/smart-policy.js')));
    writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'smart-policy.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/npm run build/);
  });
});

describe('scope --set', () => {
  it('prints the minimal canonical v2 form of a scope string', async () => {
    const run = await cli(['scope', '--set', '--', 'user/Appointment.read user/Appointment.write']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('user/Appointment.cruds');
    const json = await cli([
      'scope',
      '--set',
      '--json',
      '--',
      'patient/Observation.r patient/*.rs launch/patient',
      'patient/Observation.s',
    ]);
    expect(JSON.parse(json.stdout)).toEqual({
      scope: 'launch/patient patient/*.rs',
      scopes: ['launch/patient', 'patient/*.rs'],
      valid: true,
    });
  });

  it('leaves out invalid scopes, says where they are, and exits 3', async () => {
    const run = await cli(['scope', '--set', '--json', '--', 'user/Observation.rs user/Nope.rs']);
    expect(run.code).toBe(3);
    const out = JSON.parse(run.stdout) as { scope: string; valid: boolean; errors: { argument: number; offset: number }[] };
    expect(out.scope).toBe('user/Observation.rs');
    expect(out.errors[0]).toMatchObject({ argument: 1, offset: 25 });
  });
});
