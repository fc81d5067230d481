import { describe, expect, it } from 'vitest';
import { clearScopeCache, parseScope, parseScopeCached, parseScopeList, scopeCacheSize } from '../../src/smart/parse-scope.js';

describe('parseScopeList (rule 1, RFC 6749 §3.3)', () => {
  it('treats the empty string as no scopes', () => expect(parseScopeList('')).toEqual({ ok: true, entries: [], scopes: [], errors: [] }));
  it('splits on single spaces and records token offsets', () => {
    const list = parseScopeList('launch/patient patient/*.rs openid');
    expect(list.ok).toBe(true);
    expect(list.entries.map((e) => [e.offset, e.result.text])).toEqual([
      [0, 'launch/patient'],
      [15, 'patient/*.rs'],
      [28, 'openid'],
    ]);
    expect(list.scopes.map((s) => s.type)).toEqual(['launch-context', 'resource', 'identity']);
  });
  it('reports leading, trailing and double spaces but still parses the tokens', () => {
    const list = parseScopeList(' openid  launch ');
    expect(list.ok).toBe(false);
    expect(list.scopes).toHaveLength(2);
    expect(list.errors.map((e) => [e.code, e.offset, e.length])).toEqual([
      ['scope.list.leading-space', 0, 1],
      ['scope.list.double-space', 8, 1],
      ['scope.list.trailing-space', 15, 1],
    ]);
  });
  it('reports a parameter of only spaces', () => {
    const list = parseScopeList('   ');
    expect(list.entries).toHaveLength(0);
    expect(list.errors.map((e) => e.code)).toEqual(['scope.list.leading-space']);
  });
  it('shifts token errors into the parameter', () => {
    const list = parseScopeList('openid patient/Observation.sr');
    expect(list.errors).toEqual([expect.objectContaining({ code: 'scope.permissions.order', offset: 7 + 21 })]);
    expect(list.entries[1]?.result.ok === false && list.entries[1].result.error.offset).toBe(21);
  });
  it('keeps tabs inside a token (only the space separates)', () => {
    const list = parseScopeList('openid\tprofile');
    expect(list.entries).toHaveLength(1);
    expect(list.errors[0]?.code).toBe('scope.whitespace');
  });
});

describe('parseScopeCached', () => {
  it('returns the same frozen result for the same text', () => {
    clearScopeCache();
    const a = parseScopeCached('patient/Observation.rs');
    const b = parseScopeCached('patient/Observation.rs');
    expect(a).toBe(b);
    expect(a).toEqual(parseScope('patient/Observation.rs'));
  });
  it('stays bounded', () => {
    clearScopeCache();
    for (let i = 0; i < 12_000; i++) parseScopeCached(`__x${i}`);
    expect(scopeCacheSize()).toBeLessThanOrEqual(10_000);
    expect(parseScopeCached('__x11999').ok).toBe(true);
  });
  it('does not cache very long strings', () => {
    clearScopeCache();
    parseScopeCached(`__${'x'.repeat(100_000)}`);
    expect(scopeCacheSize()).toBe(0);
  });
});
