import { describe, expect, it } from 'vitest';
import { parseScope } from '../../src/smart/parse-scope.js';
import { formatScope, toV2 } from '../../src/smart/format-scope.js';
import { v1ToV2 } from '../../src/smart/v1-to-v2.js';
import { fromScopeUri, toScopeUri } from '../../src/smart/scope-uri.js';
import type { Scope } from '../../src/smart/scope-types.js';

function scopeOf(text: string): Scope {
  const result = parseScope(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.scope;
}

describe('formatScope', () => {
  it.each([
    'patient/Observation.rs',
    'user/*.cruds',
    'patient/Observation.rs?category=laboratory&code:in=http://x.org/vs',
    'launch',
    'launch/patient',
    'launch/list?role=https://example.org/med-list-at-home',
    'openid',
    'fhirUser',
    'profile',
    'offline_access',
    'online_access',
    '__profilePhoto.manage',
    'https://ehr.example.org/scopes/profilePhoto.manage',
    'system/DynamicClient.register',
  ])('round-trips %s', (text) => expect(formatScope(scopeOf(text))).toBe(text));
  it('writes v1 scopes in v2 letters by default', () => {
    expect(formatScope(scopeOf('patient/*.read'))).toBe('patient/*.rs');
    expect(formatScope(scopeOf('user/Observation.write'))).toBe('user/Observation.cud');
    expect(formatScope(scopeOf('user/*.*'))).toBe('user/*.cruds');
  });
  it('echoes v1 scopes in v1 form when asked (rule 16)', () => {
    for (const text of ['patient/*.read', 'user/Observation.write', 'user/*.*']) {
      expect(formatScope(scopeOf(text), { syntax: 'as-written' })).toBe(text);
    }
    expect(formatScope(scopeOf('patient/*.rs'), { syntax: 'as-written' })).toBe('patient/*.rs');
  });
});

describe('v1 → v2 (rule 14)', () => {
  it.each([
    ['patient/*.read', 'patient/*.rs'],
    ['user/*.*', 'user/*.cruds'],
    ['patient/Observation.write', 'patient/Observation.cud'],
    ['system/*.read', 'system/*.rs'],
    ['user/Appointment.read user/Appointment.write', 'user/Appointment.rs user/Appointment.cud'],
  ])('%s → %s', (v1, v2) => expect(v1ToV2(v1)).toEqual({ ok: true, value: v2, changed: true }));
  it.each([
    'openid',
    'fhirUser',
    'offline_access',
    'launch/patient',
    'patient/Observation.rs?category=x',
    '__x',
    'system/DynamicClient.register',
  ])('maps %s to itself', (text) => expect(v1ToV2(text)).toEqual({ ok: true, value: text, changed: false }));
  it('refuses to convert invalid text', () => {
    const result = v1ToV2('patient/Observation.readwrite');
    expect(result.ok).toBe(false);
  });
  it('toV2 marks v1 scopes as v2 and keeps the letters', () => {
    const scope = toV2(scopeOf('patient/*.write'));
    expect(scope).toMatchObject({ type: 'resource', permissions: 'cud', syntax: 'v2' });
    const other = scopeOf('openid');
    expect(toV2(other)).toBe(other);
  });
});

describe('URI form (Scopes and Launch Context: scopes as URIs)', () => {
  it.each([
    ['patient/*.r', 'http://smarthealthit.org/fhir/scopes/patient/*.r'],
    ['patient/*.read', 'http://smarthealthit.org/fhir/scopes/patient/*.rs'],
    ['launch/patient', 'http://smarthealthit.org/fhir/scopes/launch/patient'],
    ['fhirUser', 'http://smarthealthit.org/fhir/scopes/fhirUser'],
    ['offline_access', 'http://smarthealthit.org/fhir/scopes/offline_access'],
    ['system/DynamicClient.register', 'http://smarthealthit.org/fhir/scopes/system/DynamicClient.register'],
    ['openid', 'http://openid.net/specs/openid-connect-core-1_0#openid'],
    ['profile', 'http://openid.net/specs/openid-connect-core-1_0#profile'],
    ['https://ehr.example.org/scopes/x', 'https://ehr.example.org/scopes/x'],
  ])('%s ↔ %s', (text, uri) => {
    const scope = scopeOf(text);
    expect(toScopeUri(scope)).toBe(uri);
    const back = fromScopeUri(uri);
    expect(back.ok && formatScope(back.scope)).toBe(formatScope(scope));
  });
  it('has no URI form for __ extensions', () => expect(toScopeUri(scopeOf('__x'))).toBeNull());
  it('rejects a scope under the wrong prefix', () => {
    expect(fromScopeUri('http://openid.net/specs/openid-connect-core-1_0#fhirUser')).toMatchObject({
      ok: false,
      error: { code: 'scope.uri.namespace' },
    });
    expect(fromScopeUri('http://smarthealthit.org/fhir/scopes/openid')).toMatchObject({
      ok: false,
      error: { code: 'scope.uri.namespace' },
    });
  });
  it('reports inner errors at their offset in the URI', () => {
    const result = fromScopeUri('http://smarthealthit.org/fhir/scopes/patient/Observation.sr');
    expect(result).toMatchObject({ ok: false, error: { code: 'scope.permissions.order', offset: 37 + 21 } });
  });
});
