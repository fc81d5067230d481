import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from './cli-harness.js';

function policyFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return policyFilesUnder(path);
    return name.endsWith('.smartpolicy') ? [path] : [];
  });
}

const MESSY = `policy "Messy"{fhir R4
locales en}
app a { client public ; user patient }
grant a {allow patient/Observation.rs,launch/patient}
`;

describe('smart-policy fmt', () => {
  it('finds every example policy file already formatted (fmt --check exits 0)', async () => {
    const files = policyFilesUnder(join(REPO_ROOT, 'policies'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const run = await cli(['fmt', '--check', ...files]);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  });

  it('reports an unformatted file with --check (exit 1), rewrites it with --write, and is then idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-policy-fmt-'));
    const path = join(dir, 'messy.smartpolicy');
    writeFileSync(path, MESSY);
    const check = await cli(['fmt', '--check', path]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('messy.smartpolicy: not formatted');
    expect((await cli(['fmt', '--write', path])).code).toBe(0);
    const formatted = readFileSync(path, 'utf8');
    expect(formatted).not.toBe(MESSY);
    expect(formatted).toContain('allow patient/Observation.rs, launch/patient');
    expect((await cli(['fmt', '--check', path])).code).toBe(0);
    const printed = await cli(['fmt', path]);
    expect(`${printed.stdout}`).toBe(formatted.endsWith('\n') ? formatted : `${formatted}\n`);
  });

  it('says in words when a path is a folder', async () => {
    const run = await cli(['fmt', 'policies']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot read policy '.*policies': it is a directory/);
  });

  it('refuses a file with syntax errors, exit 3, and leaves it untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-policy-fmt-'));
    const path = join(dir, 'broken.smartpolicy');
    const broken = 'policy "Broken" {\n  fhir R4\n  locales en\n}\ngrant {\n';
    writeFileSync(path, broken);
    const run = await cli(['fmt', '--write', path]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/broken\.smartpolicy:\d+:\d+/);
    expect(readFileSync(path, 'utf8')).toBe(broken);
  });
});
