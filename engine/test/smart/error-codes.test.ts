import { describe, expect, it } from 'vitest';
import { parseScope, parseScopeList, SCOPE_ERROR_CODES } from '../../src/smart/parse-scope.js';
import { fromScopeUri } from '../../src/smart/scope-uri.js';
import type { ScopeError } from '../../src/smart/scope-types.js';

/** One input per error code, with the offset the error must point at. */
const EXAMPLES: Record<string, { input: string; offset: number; via?: 'list' | 'uri' }> = {
  'scope.empty': { input: '', offset: 0 },
  'scope.whitespace': { input: 'openid profile', offset: 6 },
  'scope.character.forbidden': { input: 'patient/Observation.rs?code="x"', offset: 28 },
  'scope.character.invalid': { input: 'patient/Observation.rs?code=ü', offset: 28 },
  'scope.level.unknown': { input: 'patients/Observation.rs', offset: 0 },
  'scope.level.missing': { input: 'Observation.rs', offset: 0 },
  'scope.resource.empty': { input: 'user/.rs', offset: 5 },
  'scope.resource.unknown': { input: 'user/Observations.rs', offset: 5 },
  'scope.resource.abstract': { input: 'user/DomainResource.rs', offset: 5 },
  'scope.resource.case': { input: 'user/allergyintolerance.rs', offset: 5 },
  'scope.resource.wildcard': { input: 'user/**.rs', offset: 5 },
  'scope.permissions.missing': { input: 'user/Observation', offset: 15 },
  'scope.permissions.empty': { input: 'user/Observation.', offset: 16 },
  'scope.permissions.order': { input: 'user/Observation.sr', offset: 18 },
  'scope.permissions.duplicate': { input: 'user/Observation.rss', offset: 19 },
  'scope.permissions.unknown-letter': { input: 'user/Observation.rx', offset: 18 },
  'scope.permissions.unknown-word': { input: 'user/Observation.readwrite', offset: 17 },
  'scope.query.empty': { input: 'user/Observation.rs?', offset: 19 },
  'scope.query.pair-empty': { input: 'user/Observation.rs?a=b&&c=d', offset: 24 },
  'scope.query.name-empty': { input: 'user/Observation.rs?=b', offset: 20 },
  'scope.query.name-invalid': { input: 'user/Observation.rs?a?b=c', offset: 21 },
  'scope.query.value-empty': { input: 'user/Observation.rs?a=', offset: 21 },
  'scope.query.missing-equals': { input: 'user/Observation.rs?a=b&c', offset: 24 },
  'scope.query.after-v1': { input: 'user/Observation.read?a=b', offset: 21 },
  'scope.query.encoding': { input: 'patient/Observation.rs?code=%ZZ', offset: 28 },
  'scope.launch.type-empty': { input: 'launch/', offset: 6 },
  'scope.launch.uppercase': { input: 'launch/Encounter', offset: 7 },
  'scope.launch.type-invalid': { input: 'launch/patient_1', offset: 14 },
  'scope.launch.type-unknown': { input: 'launch/practitioners', offset: 7 },
  'scope.launch.query-invalid': { input: 'launch/list?kind=x', offset: 11 },
  'scope.launch.role-empty': { input: 'launch/list?role=', offset: 12 },
  'scope.launch.role-repeated': { input: 'launch/list?role=a&role=b', offset: 19 },
  'scope.extension.empty': { input: '__', offset: 0 },
  'scope.unrecognised': { input: 'offline', offset: 0 },
  'scope.list.leading-space': { input: ' openid', offset: 0, via: 'list' },
  'scope.list.trailing-space': { input: 'openid ', offset: 6, via: 'list' },
  'scope.list.double-space': { input: 'openid  fhirUser', offset: 7, via: 'list' },
  'scope.uri.namespace': { input: 'http://openid.net/specs/openid-connect-core-1_0#launch', offset: 0, via: 'uri' },
};

function firstError(input: string, via: 'list' | 'uri' | undefined): ScopeError | undefined {
  if (via === 'list') return parseScopeList(input).errors[0];
  const result = via === 'uri' ? fromScopeUri(input) : parseScope(input);
  return result.ok ? undefined : result.error;
}

describe('every error code', () => {
  it('has an example here', () => expect(Object.keys(EXAMPLES).sort()).toEqual(Object.values(SCOPE_ERROR_CODES).sort()));
  it.each(Object.entries(EXAMPLES))('%s', (code, { input, offset, via }) => {
    const error = firstError(input, via);
    expect(error).toMatchObject({ code, offset });
    // Messages say what is wrong and how to fix it: a full sentence, not just the code.
    expect(error?.message.length).toBeGreaterThan(20);
  });
});
