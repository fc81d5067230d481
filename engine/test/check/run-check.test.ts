import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck, exitCodeFor } from '../../src/node/run-check.js';

const HEADER = `policy "Test" {
  fhir R4
  locales en
}
app portal {
  client confidential-asymmetric
  user patient
}
context {
  patient/* requires patient
}
`;

let dir: string;
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smart-policy-check-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runCheck', () => {
  it('exits 0 on a clean policy and says so', () => {
    const path = write('clean.smartpolicy', `${HEADER}grant portal {\n  allow patient/Observation.rs\n}\n`);
    const result = runCheck(path, { configPath: false, cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.output).toBe('No problems found.\n');
    expect(result.files).toEqual(['clean.smartpolicy']);
  });

  it('exits 0 on warnings, 1 with strict, 3 on errors', () => {
    const warn = write('warn.smartpolicy', `${HEADER}grant portal {\n  allow patient/*.rs\n}\n`);
    expect(runCheck(warn, { configPath: false, cwd: dir }).exitCode).toBe(0);
    const strict = runCheck(warn, { configPath: false, strict: true, cwd: dir });
    expect(strict.exitCode).toBe(1);
    expect(strict.output).toContain('warn.smartpolicy:13:9 warning security.wildcard-patient-facing');
    const bad = write('bad.smartpolicy', `${HEADER}grant portal {\n  allow patient/Observation.sr\n}\n`);
    expect(runCheck(bad, { configPath: false, cwd: dir }).exitCode).toBe(3);
  });

  it('reads smart-policy.json next to the entry and reports unknown codes in it', () => {
    const sub = mkdtempSync(join(dir, 'cfg-'));
    const path = join(sub, 'p.smartpolicy');
    writeFileSync(path, `${HEADER}grant portal {\n  allow patient/*.rs\n}\n`);
    writeFileSync(
      join(sub, 'smart-policy.json'),
      JSON.stringify({ rules: { 'security.wildcard-patient-facing': 'error', 'security.nope': 'off' } }),
    );
    const result = runCheck(path, { cwd: dir });
    expect(result.exitCode).toBe(3);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity}`).sort()).toEqual([
      'security.wildcard-patient-facing error',
      'semantic.invalid-config error',
    ]);
    const config = result.diagnostics.find((d) => d.code === 'semantic.invalid-config')!;
    expect(config.uri?.endsWith('smart-policy.json')).toBe(true);
    expect(config.range.start).toMatchObject({ line: 1, column: 54 });
    // Options win over the file (the config's own error stays).
    expect(
      runCheck(path, { cwd: dir, config: { rules: { 'security.wildcard-patient-facing': 'off' } } }).diagnostics.map((d) => d.code),
    ).toEqual(['semantic.invalid-config']);
  });

  it('fails the check on a config file that is not JSON, saying where without quoting it', () => {
    const sub = mkdtempSync(join(dir, 'badcfg-'));
    const path = join(sub, 'p.smartpolicy');
    writeFileSync(path, `${HEADER}grant portal {\n  allow patient/Observation.rs\n}\n`);
    writeFileSync(join(sub, 'smart-policy.json'), '{\n  "rules": { nope-SECRET-42 }');
    const result = runCheck(path, { cwd: dir });
    expect(result.exitCode).toBe(3);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['semantic.invalid-config error']);
    expect(result.diagnostics[0]?.message).toMatch(/line 2, column 14/);
    expect(result.output).not.toContain('SECRET');
  });

  it('does not let smart-policy.json turn off the error about itself', () => {
    const sub = mkdtempSync(join(dir, 'selfcfg-'));
    const path = join(sub, 'p.smartpolicy');
    writeFileSync(path, `${HEADER}grant portal {\n  allow patient/Observation.rs\n}\n`);
    writeFileSync(
      join(sub, 'smart-policy.json'),
      JSON.stringify({ rules: { 'semantic.invalid-config': 'off', 'security.wildcard-patient-facing': 'eror' } }),
    );
    const result = runCheck(path, { cwd: dir });
    expect(result.exitCode).toBe(3);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['semantic.invalid-config error']);
  });

  it('checks imported files and applies ignores per file', () => {
    write('shared.smartpolicy', `grant portal {\n  allow patient/*.rs\n}\n`);
    const entry = write(
      'entry.smartpolicy',
      `import "shared.smartpolicy"\n# smart-policy-ignore-file security.wildcard-patient-facing\n${HEADER}`,
    );
    const result = runCheck(entry, { configPath: false, cwd: dir });
    expect(result.files).toEqual(['entry.smartpolicy', 'shared.smartpolicy']);
    // The file-wide ignore in entry.smartpolicy does not reach shared.smartpolicy, so it is stale.
    expect(result.diagnostics.map((d) => `${d.uri}:${d.range.start.line} ${d.code}`)).toEqual([
      'entry.smartpolicy:2 semantic.unused-ignore',
      'shared.smartpolicy:2 security.wildcard-patient-facing',
    ]);
  });

  it('reports a missing entry file as import.missing with exit 3', () => {
    const result = runCheck(join(dir, 'nope.smartpolicy'), { configPath: false, cwd: dir });
    expect(result.exitCode).toBe(3);
    expect(result.diagnostics[0]?.code).toBe('import.missing');
  });

  it('prints JSON and SARIF', () => {
    const path = write('fmt.smartpolicy', `${HEADER}grant portal {\n  allow patient/*.rs\n}\n`);
    const json = JSON.parse(runCheck(path, { configPath: false, cwd: dir, format: 'json' }).output);
    expect(json.counts.warning).toBe(1);
    const sarif = JSON.parse(runCheck(path, { configPath: false, cwd: dir, format: 'sarif' }).output);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('fmt.smartpolicy');
  });

  it('maps counts to exit codes', () => {
    expect(exitCodeFor({ error: 0, warning: 0, info: 3, hint: 3 }, true)).toBe(0);
    expect(exitCodeFor({ error: 1, warning: 1, info: 0, hint: 0 }, true)).toBe(3);
  });
});

describe('checkPolicy with a loaded policy set', () => {
  it('checks every file of the set and keeps the loader diagnostics', async () => {
    const { loadPolicySet } = await import('../../src/node/load-policy-set.js');
    const { checkPolicy } = await import('../../src/check/check-policy.js');
    const sub = mkdtempSync(join(dir, 'set-'));
    writeFileSync(join(sub, 'a.smartpolicy'), `import "b.smartpolicy"\nimport "missing.smartpolicy"\n${HEADER}`);
    writeFileSync(join(sub, 'b.smartpolicy'), `grant portl {\n  allow patient/Observation.rs\n}\n`);
    const result = checkPolicy({ set: loadPolicySet(join(sub, 'a.smartpolicy')) });
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['import.missing', 'semantic.unknown-app-class']);
  });
});
