import { describe, expect, it } from 'vitest';
import { parseScope } from '../../src/smart/parse-scope.js';
import { lintScope } from '../../src/smart/lint-scope.js';

function lintsOf(text: string) {
  const result = parseScope(text);
  if (!result.ok) throw new Error(result.error.message);
  return lintScope(result.scope).map((l) => [l.code, l.offset, text.slice(l.offset, l.offset + l.length)]);
}

describe('lintScope (experimental query features and open questions of the IG)', () => {
  it('is silent on plain scopes with known parameters', () => {
    expect(lintsOf('patient/Observation.rs?category=laboratory&_tag=x')).toEqual([]);
    expect(lintsOf('user/Basic.cuds?code=https://myapp.example.org|hospital-config')).toEqual([]);
    expect(lintsOf('patient/Observation.rs?_text=x')).toEqual([]);
    expect(lintsOf('openid')).toEqual([]);
  });
  it('flags experimental modifiers, chains and _filter at the pair', () => {
    expect(lintsOf('patient/Observation.rs?category=a&code:in=http://x.org/vs')).toEqual([['scope.query.experimental', 34, 'code:in']]);
    expect(lintsOf('patient/Observation.rs?patient.birthdate=1990')).toEqual([['scope.query.experimental', 23, 'patient.birthdate']]);
    expect(lintsOf('patient/Observation.rs?_filter=x')).toEqual([['scope.query.filter', 23, '_filter']]);
  });
  it('flags unknown parameters and chains on non-reference parameters', () => {
    expect(lintsOf('patient/Observation.rs?colour=red')).toEqual([['scope.query.unknown-parameter', 23, 'colour']]);
    expect(lintsOf('patient/Observation.rs?status.x=1')).toEqual([
      ['scope.query.experimental', 23, 'status.x'],
      ['scope.query.chain-not-reference', 23, 'status.x'],
    ]);
    expect(lintsOf('patient/Binary.r?_text=x')).toEqual([['scope.query.unknown-parameter', 17, '_text']]);
  });
  it('flags parameters that cannot narrow a grant', () =>
    expect(lintsOf('patient/Observation.rs?_count=10')).toEqual([['scope.query.non-selecting', 23, '_count']]));
  it('on *, flags parameters not defined for every type', () =>
    expect(lintsOf('patient/*.rs?category=x')).toEqual([
      ['scope.resource.wildcard-future', 8, '*'],
      ['scope.query.not-universal', 13, 'category'],
    ]));
  it('notes v1 syntax, relative roles and profile', () => {
    expect(lintsOf('patient/Observation.read')).toEqual([['scope.permissions.v1', 20, 'read']]);
    expect(lintsOf('launch/relatedperson?role=friend')).toEqual([['scope.launch.role-relative', 26, 'friend']]);
    expect(lintsOf('launch/list?role=https://example.org/r')).toEqual([]);
    expect(lintsOf('profile')).toEqual([['scope.identity.profile-deprecated', 0, 'profile']]);
  });
});
