import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/check/rule-registry.js';
import { effectiveLevel, mergeConfigs, readCheckConfig } from '../../src/check/severity.js';

describe('configured severities', () => {
  it('reads levels per code and reports unknown codes and levels without failing', () => {
    const { config, problems } = readCheckConfig(
      { rules: { 'security.wildcard-patient-facing': 'error', 'security.wildcard': 'off', 'style.prefer-v2-scope': 'loud' } },
      defaultRegistry,
    );
    expect(config.rules).toEqual({ 'security.wildcard-patient-facing': 'error' });
    expect(problems.map((p) => p.key)).toEqual(['security.wildcard', 'style.prefer-v2-scope']);
    expect(problems[0]!.message).toMatch(/Unknown rule code/);
    expect(problems[1]!.message).toMatch(/Invalid level/);
  });

  it('rejects non-object configs with one problem', () => {
    expect(readCheckConfig([1], defaultRegistry).problems).toHaveLength(1);
    expect(readCheckConfig({ rules: 'x' }, defaultRegistry).problems).toHaveLength(1);
    expect(readCheckConfig(undefined, defaultRegistry)).toEqual({ config: {}, problems: [] });
  });

  it('falls back to the default severity; later configs win', () => {
    expect(effectiveLevel('security.write-without-read', defaultRegistry, undefined)).toBe('warning');
    const merged = mergeConfigs({ rules: { 'security.write-without-read': 'off' } }, { rules: { 'security.write-without-read': 'error' } });
    expect(effectiveLevel('security.write-without-read', defaultRegistry, merged)).toBe('error');
  });
});
