import { describe, expect, it } from 'vitest';
import { cli, jsonLinesOf, spawnCli } from './cli-harness.js';

describe('smart-policy scope', () => {
  it('prints one JSON object per scope with the normalized form and canonical v2 string', async () => {
    const run = await cli(['scope', '--json', 'patient/Observation.rs', 'user/*.read', 'launch/patient']);
    expect(run.code).toBe(0);
    const lines = jsonLinesOf(run.stdout);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      scope: 'patient/Observation.rs',
      valid: true,
      parsed: {
        type: 'resource',
        level: 'patient',
        resourceType: 'Observation',
        permissions: 'rs',
        syntax: 'v2',
        query: [],
        experimental: false,
      },
      v2: 'patient/Observation.rs',
    });
    expect(lines[1]).toMatchObject({ valid: true, v2: 'user/*.rs', parsed: { syntax: 'v1', permissions: 'rs' } });
    expect(lines[2]).toMatchObject({
      valid: true,
      parsed: { type: 'launch-context', contextType: 'patient', role: null },
      v2: 'launch/patient',
    });
  });

  it('reports an invalid scope with its error code and character offset, and exits 3', async () => {
    const run = await cli(['scope', '--json', 'patient/Observation.sr']);
    expect(run.code).toBe(3);
    const [line] = jsonLinesOf(run.stdout);
    expect(line).toMatchObject({ scope: 'patient/Observation.sr', valid: false });
    const error = line?.['error'] as { code: string; offset: number; message: string };
    expect(error.offset).toBeGreaterThanOrEqual('patient/Observation.'.length);
    expect(error.message).toMatch(/order/);
    expect(line).not.toHaveProperty('parsed');
  });

  it('treats everything after -- as scopes, even strings that look like options', async () => {
    const run = await cli(['scope', '--json', '--', '--json', '-x']);
    expect(run.code).toBe(3);
    expect(jsonLinesOf(run.stdout).map((line) => line['scope'])).toEqual(['--json', '-x']);
  });

  it('shows a caret under the offending character in human output', async () => {
    const run = await cli(['scope', 'patient/Observation.dus']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('✗');
    expect(run.stdout).toMatch(/\n {3}patient\/Observation\.dus\n {3}\s*\^/);
  });

  it('answers an unknown flag with usage advice, never a stack trace', async () => {
    const run = await cli(['scope', '--frobnicate', 'x']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/frobnicate/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs as a real process with the documented exit codes', () => {
    const ok = spawnCli(['scope', '--json', 'system/DynamicClient.register']);
    expect(ok.code).toBe(0);
    expect(jsonLinesOf(ok.stdout)[0]).toMatchObject({ valid: true, parsed: { type: 'registration' } });
    const bad = spawnCli(['scope', 'Observation.rs']);
    expect(bad.code).toBe(3);
  });
});
