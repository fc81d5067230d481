import { describe, expect, it } from 'vitest';
import { parseScope, toNormalized, SCOPE_ERROR_CODES } from '../../src/smart/parse-scope.js';
import type { ScopeError } from '../../src/smart/scope-types.js';

function errorOf(text: string): ScopeError {
  const result = parseScope(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be invalid, got ${JSON.stringify(result.scope)}`);
  return result.error;
}

function normalizedOf(text: string): unknown {
  const result = parseScope(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to be valid: ${result.error.code} ${result.error.message}`);
  return toNormalized(result.scope);
}

function resource(
  level: string,
  resourceType: string,
  permissions: string,
  extra: { syntax?: 'v1' | 'v2'; query?: { name: string; value: string }[]; experimental?: boolean } = {},
) {
  return {
    type: 'resource',
    level,
    resourceType,
    permissions,
    syntax: extra.syntax ?? 'v2',
    query: extra.query ?? [],
    experimental: extra.experimental ?? false,
  };
}

describe('IG example scopes (Scopes and Launch Context: patient-, user- and system-level scopes)', () => {
  const lab = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
  const cases: [string, unknown][] = [
    ['patient/Observation.rs', resource('patient', 'Observation', 'rs')],
    ['patient/Patient.r', resource('patient', 'Patient', 'r')],
    ['patient/Observation.c', resource('patient', 'Observation', 'c')],
    ['patient/*.cruds', resource('patient', '*', 'cruds')],
    ['user/Observation.rs', resource('user', 'Observation', 'rs')],
    ['user/Appointment.cruds', resource('user', 'Appointment', 'cruds')],
    ['user/*.cruds', resource('user', '*', 'cruds')],
    ['user/Patient.rs', resource('user', 'Patient', 'rs')],
    ['system/Observation.rs', resource('system', 'Observation', 'rs')],
    ['system/*.rs', resource('system', '*', 'rs')],
    ['system/Encounter.cud', resource('system', 'Encounter', 'cud')],
    ['patient/AllergyIntolerance.cruds', resource('patient', 'AllergyIntolerance', 'cruds')],
    ['user/Basic.cuds', resource('user', 'Basic', 'cuds')],
    [
      'patient/Basic.cuds?code=https://myapp.example.org|encrypted-phr-access-keys',
      resource('patient', 'Basic', 'cuds', { query: [{ name: 'code', value: 'https://myapp.example.org|encrypted-phr-access-keys' }] }),
    ],
    [
      'patient/Basic.s?code=https://myapp.example.org|encrypted-phr-access-keys',
      resource('patient', 'Basic', 's', { query: [{ name: 'code', value: 'https://myapp.example.org|encrypted-phr-access-keys' }] }),
    ],
    [
      'user/Basic.cuds?code=https://myapp.example.org|hospital-config',
      resource('user', 'Basic', 'cuds', { query: [{ name: 'code', value: 'https://myapp.example.org|hospital-config' }] }),
    ],
    [
      'user/Basic.s?code=https://myapp.example.org|hospital-config',
      resource('user', 'Basic', 's', { query: [{ name: 'code', value: 'https://myapp.example.org|hospital-config' }] }),
    ],
    [`patient/Observation.rs?category=${lab}`, resource('patient', 'Observation', 'rs', { query: [{ name: 'category', value: lab }] })],
  ];
  it.each(cases)('%s', (text, expected) => expect(normalizedOf(text)).toEqual(expected));
});

describe('rule 1: token characters', () => {
  it('rejects the empty string', () => expect(errorOf('')).toMatchObject({ code: 'scope.empty', offset: 0, length: 0 }));
  it('rejects a space inside a token, at its offset', () =>
    expect(errorOf('patient/Observation.rs patient/Patient.r')).toMatchObject({ code: 'scope.whitespace', offset: 22, length: 1 }));
  it.each(['\t', '\n', '\r'])('rejects other whitespace %j', (ws) => expect(errorOf(`openid${ws}`).code).toBe('scope.whitespace'));
  it('rejects a double quote', () => expect(errorOf('__a"b')).toMatchObject({ code: 'scope.character.forbidden', offset: 3 }));
  it('rejects a backslash', () =>
    expect(errorOf('patient/Observation.rs?code=a\\b')).toMatchObject({ code: 'scope.character.forbidden', offset: 29 }));
  it('rejects non-ASCII and control characters', () => {
    expect(errorOf('patient/Observation.rs?code=é')).toMatchObject({ code: 'scope.character.invalid', offset: 28 });
    expect(errorOf('open\u0000id').code).toBe('scope.character.invalid');
    expect(errorOf('openid\u007f').code).toBe('scope.character.invalid');
  });
});

describe('rule 2: levels', () => {
  it.each(['patient', 'user', 'system'])('accepts %s', (level) =>
    expect(normalizedOf(`${level}/Observation.r`)).toEqual(resource(level, 'Observation', 'r')),
  );
  it('rejects a capitalised level with a lower-case suggestion', () => {
    const error = errorOf('Patient/Observation.rs');
    expect(error).toMatchObject({ code: 'scope.level.unknown', offset: 0, length: 7 });
    expect(error.message).toContain("'patient'");
  });
  it.each(['patients/Observation.rs', 'USER/Observation.rs', 'practitioner/Observation.rs', '/Observation.rs'])('rejects %s', (text) =>
    expect(errorOf(text).code).toBe('scope.level.unknown'),
  );
  it('rejects level-less scopes (ambiguity 23)', () => {
    expect(errorOf('Observation.rs')).toMatchObject({ code: 'scope.level.missing', offset: 0, length: 11 });
    expect(errorOf('*.rs').code).toBe('scope.level.missing');
  });
});

describe('rule 3: resource types', () => {
  it('accepts the wildcard', () => expect(normalizedOf('user/*.s')).toEqual(resource('user', '*', 's')));
  it.each(['Resource', 'DomainResource'])('rejects abstract %s', (type) =>
    expect(errorOf(`patient/${type}.rs`)).toMatchObject({ code: 'scope.resource.abstract', offset: 8, length: type.length }),
  );
  it('rejects unknown types', () =>
    expect(errorOf('patient/Foo.rs')).toMatchObject({ code: 'scope.resource.unknown', offset: 8, length: 3 }));
  it('rejects types that are not R4 (R5-only)', () => expect(errorOf('patient/ActorDefinition.rs').code).toBe('scope.resource.unknown'));
  it('rejects wrong case with the right spelling', () => {
    const error = errorOf('patient/observation.rs');
    expect(error).toMatchObject({ code: 'scope.resource.case', offset: 8 });
    expect(error.message).toContain("'Observation'");
    expect(errorOf('patient/OBSERVATION.rs').code).toBe('scope.resource.case');
  });
  it('rejects an empty type', () => expect(errorOf('patient/.rs')).toMatchObject({ code: 'scope.resource.empty', offset: 8 }));
  it.each(['patient/**.rs', 'patient/*Observation.rs', 'patient/Obs*.rs'])('rejects wildcard misuse %s', (text) =>
    expect(errorOf(text).code).toBe('scope.resource.wildcard'),
  );
  it('rejects DynamicClient outside the exact registration scope, mentioning it', () => {
    const error = errorOf('system/DynamicClient.rs');
    expect(error.code).toBe('scope.resource.unknown');
    expect(error.message).toContain('system/DynamicClient.register');
    expect(errorOf('user/DynamicClient.register').code).toBe('scope.resource.unknown');
  });
  it('rejects paths in the type position', () => expect(errorOf('patient/Observation/123.rs').code).toBe('scope.resource.unknown'));
});

describe('rules 4–5: permission letters', () => {
  it.each(['c', 'r', 'u', 'd', 's', 'rs', 'cu', 'cud', 'cruds', 'rd', 'cuds', 'crs', 'us'])('accepts %s', (letters) =>
    expect(normalizedOf(`patient/Observation.${letters}`)).toEqual(resource('patient', 'Observation', letters)),
  );
  it('rejects an empty letter set', () =>
    expect(errorOf('patient/Observation.')).toMatchObject({ code: 'scope.permissions.empty', offset: 19 }));
  it('rejects an empty letter set before a query', () => expect(errorOf('patient/Observation.?a=b').code).toBe('scope.permissions.empty'));
  it('rejects a missing permission part', () => {
    expect(errorOf('patient/Observation')).toMatchObject({ code: 'scope.permissions.missing', offset: 18 });
    expect(errorOf('patient/Observation?category=x').code).toBe('scope.permissions.missing');
  });
  it('rejects out-of-order letters with the ordered suggestion', () => {
    const error = errorOf('patient/Observation.sr');
    expect(error).toMatchObject({ code: 'scope.permissions.order', offset: 21, length: 1 });
    expect(error.message).toBe("permission letters must be in cruds order: write 'rs', not 'sr'");
    expect(errorOf('patient/Observation.dus')).toMatchObject({ code: 'scope.permissions.order', offset: 21 });
    expect(errorOf('patient/Observation.scruds').code).toBe('scope.permissions.order');
  });
  it('rejects duplicates', () => {
    expect(errorOf('patient/Observation.rr')).toMatchObject({ code: 'scope.permissions.duplicate', offset: 21 });
    expect(errorOf('patient/Observation.rsr').code).toBe('scope.permissions.duplicate');
  });
  it('rejects unknown letters at their offset', () => {
    expect(errorOf('patient/Observation.x')).toMatchObject({ code: 'scope.permissions.unknown-letter', offset: 20 });
    expect(errorOf('patient/Observation.rx')).toMatchObject({ code: 'scope.permissions.unknown-letter', offset: 21 });
    expect(errorOf('patient/Observation.r*').code).toBe('scope.permissions.unknown-letter');
    expect(errorOf('patient/Observation.**').code).toBe('scope.permissions.unknown-letter');
    expect(errorOf('patient/Observation.R').code).toBe('scope.permissions.unknown-letter');
  });
});

describe('rule 6: v1 suffixes', () => {
  it.each([
    ['read', 'rs'],
    ['write', 'cud'],
    ['*', 'cruds'],
  ])('.%s means %s', (word, letters) =>
    expect(normalizedOf(`user/Observation.${word}`)).toEqual(resource('user', 'Observation', letters, { syntax: 'v1' })),
  );
  it('accepts v1 on every level and the wildcard', () => {
    expect(normalizedOf('system/*.read')).toEqual(resource('system', '*', 'rs', { syntax: 'v1' }));
    expect(normalizedOf('patient/*.*')).toEqual(resource('patient', '*', 'cruds', { syntax: 'v1' }));
  });
  it.each(['readwrite', 'Read', 'WRITE', 'reads', 'all'])('rejects the word %s', (word) => {
    const error = errorOf(`patient/Observation.${word}`);
    expect(error).toMatchObject({ code: 'scope.permissions.unknown-word', offset: 20, length: word.length });
  });
  it('suggests the lower-case v1 word', () => expect(errorOf('patient/Observation.Read').message).toContain("'.read'"));
  it('never reads .read as letters r, d', () =>
    expect(
      parseScope('patient/Observation.read').ok &&
        (parseScope('patient/Observation.read') as { scope: { permissions: string } }).scope.permissions,
    ).toBe('rs'));
});

describe('rule 7: query suffix', () => {
  it('keeps pairs in order, names as written, values with "="', () =>
    expect(normalizedOf('patient/Observation.rs?category=laboratory&code=http://loinc.org|1234-5&_tag=a=b')).toEqual(
      resource('patient', 'Observation', 'rs', {
        query: [
          { name: 'category', value: 'laboratory' },
          { name: 'code', value: 'http://loinc.org|1234-5' },
          { name: '_tag', value: 'a=b' },
        ],
      }),
    ));
  it('allows the query on a wildcard', () =>
    expect(normalizedOf('patient/*.s?_tag=x')).toEqual(resource('patient', '*', 's', { query: [{ name: '_tag', value: 'x' }] })));
  it('allows a "?" inside a value', () =>
    expect(normalizedOf('user/Basic.s?code=a?b')).toEqual(resource('user', 'Basic', 's', { query: [{ name: 'code', value: 'a?b' }] })));
  it('rejects an empty suffix', () => expect(errorOf('patient/Observation.rs?')).toMatchObject({ code: 'scope.query.empty', offset: 22 }));
  it('rejects empty pairs', () => {
    expect(errorOf('patient/Observation.rs?a=b&&c=d')).toMatchObject({ code: 'scope.query.pair-empty', offset: 27 });
    expect(errorOf('patient/Observation.rs?a=b&')).toMatchObject({ code: 'scope.query.pair-empty', offset: 26 });
    expect(errorOf('patient/Observation.rs?&a=b')).toMatchObject({ code: 'scope.query.pair-empty', offset: 23 });
  });
  it('rejects a pair without "="', () =>
    expect(errorOf('patient/Observation.rs?category')).toMatchObject({ code: 'scope.query.missing-equals', offset: 23, length: 8 }));
  it('rejects an empty name', () =>
    expect(errorOf('patient/Observation.rs?=laboratory')).toMatchObject({ code: 'scope.query.name-empty', offset: 23 }));
  it('rejects an empty value', () =>
    expect(errorOf('patient/Observation.rs?category=')).toMatchObject({ code: 'scope.query.value-empty', offset: 31 }));
  it('rejects "?" in a name', () =>
    expect(errorOf('patient/Observation.rs?a?b=c')).toMatchObject({ code: 'scope.query.name-invalid', offset: 24 }));
  it('rejects a query after a v1 suffix', () => {
    expect(errorOf('patient/Observation.read?category=x')).toMatchObject({ code: 'scope.query.after-v1', offset: 24 });
    expect(errorOf('patient/Observation.*?category=x').code).toBe('scope.query.after-v1');
  });
});

describe('rule 8: experimental query features', () => {
  it.each([
    ['patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes', true],
    ['patient/Observation.rs?patient.birthdate=1990', true],
    ['patient/Observation.rs?_filter=code', true],
    ['patient/Observation.rs?category=laboratory', false],
    ['patient/Observation.rs?code=http://loinc.org|1.2.3', false],
  ] as const)('%s → experimental %s', (text, experimental) => {
    const result = parseScope(text);
    expect(result.ok && result.scope.type === 'resource' && result.scope.experimental).toBe(experimental);
  });
  it('keeps modifiers and chains in the name', () =>
    expect(normalizedOf('patient/Observation.rs?code:in=x&patient.birthdate=1990')).toMatchObject({
      query: [
        { name: 'code:in', value: 'x' },
        { name: 'patient.birthdate', value: '1990' },
      ],
    }));
});

describe('rules 9–10: launch scopes', () => {
  it('accepts launch', () => expect(normalizedOf('launch')).toEqual({ type: 'launch' }));
  it.each(['patient', 'encounter', 'imagingstudy', 'diagnosticreport', 'relatedperson'])('accepts launch/%s', (type) =>
    expect(normalizedOf(`launch/${type}`)).toEqual({ type: 'launch-context', contextType: type, role: null }),
  );
  it('accepts one role', () =>
    expect(normalizedOf('launch/list?role=https://example.org/med-list-at-home')).toEqual({
      type: 'launch-context',
      contextType: 'list',
      role: 'https://example.org/med-list-at-home',
    }));
  it('accepts a relative role as the IG example does (ambiguity 12)', () =>
    expect(normalizedOf('launch/relatedperson?role=friend')).toEqual({
      type: 'launch-context',
      contextType: 'relatedperson',
      role: 'friend',
    }));
  it.each(['launch/Patient', 'launch/ImagingStudy', 'launch/PATIENT'])('rejects upper case %s', (text) => {
    const error = errorOf(text);
    expect(error).toMatchObject({ code: 'scope.launch.uppercase', offset: 7 });
    expect(error.message).toContain(`'launch/${text.slice(7).toLowerCase()}'`);
  });
  it('rejects two roles', () =>
    expect(errorOf('launch/list?role=https://example.org/a&role=https://example.org/b')).toMatchObject({
      code: 'scope.launch.role-repeated',
      offset: 39,
    }));
  it('rejects an empty type', () => expect(errorOf('launch/').code).toBe('scope.launch.type-empty'));
  it('rejects non-letters in the type', () =>
    expect(errorOf('launch/patient-1')).toMatchObject({ code: 'scope.launch.type-invalid', offset: 14 }));
  it('rejects a type that is not a resource type', () => expect(errorOf('launch/foo').code).toBe('scope.launch.type-unknown'));
  it('rejects other parameters and an empty role', () => {
    expect(errorOf('launch/list?kind=x').code).toBe('scope.launch.query-invalid');
    expect(errorOf('launch/list?').code).toBe('scope.launch.query-invalid');
    expect(errorOf('launch/list?role=x&kind=y').code).toBe('scope.launch.query-invalid');
    expect(errorOf('launch/list?role=').code).toBe('scope.launch.role-empty');
    expect(errorOf('launch?role=x').code).toBe('scope.launch.query-invalid');
  });
});

describe('rule 11: identity and refresh scopes', () => {
  it.each(['openid', 'fhirUser', 'profile'])('%s', (name) => expect(normalizedOf(name)).toEqual({ type: 'identity', name }));
  it('offline_access / online_access', () => {
    expect(normalizedOf('offline_access')).toEqual({ type: 'refresh', mode: 'offline' });
    expect(normalizedOf('online_access')).toEqual({ type: 'refresh', mode: 'online' });
  });
  it.each([
    ['OpenID', 'openid'],
    ['fhiruser', 'fhirUser'],
    ['Offline_Access', 'offline_access'],
    ['LAUNCH', 'launch'],
  ])('rejects %s and suggests %s', (text, right) => {
    const error = errorOf(text);
    expect(error.code).toBe('scope.unrecognised');
    expect(error.message).toContain(`'${right}'`);
  });
});

describe('rule 12: extensions', () => {
  it.each([
    '__profilePhoto.manage',
    '__x',
    'https://ehr.example.org/scopes/profilePhoto.manage',
    'urn:example:scope',
    'HTTP://EXAMPLE.ORG/x',
  ])('accepts %s', (name) => expect(normalizedOf(name)).toEqual({ type: 'extension', name }));
  it('rejects a bare "__"', () => expect(errorOf('__').code).toBe('scope.extension.empty'));
  it.each(['profilePhoto.manage', '_x', 'foo', 'http:', '1http://x', 'patient'])('rejects %s as unrecognised', (text) =>
    expect(errorOf(text).code).toBe('scope.unrecognised'),
  );
});

describe('registration scope (persistent-access proposal)', () => {
  it('parses system/DynamicClient.register as its own kind', () =>
    expect(normalizedOf('system/DynamicClient.register')).toEqual({ type: 'registration', name: 'system/DynamicClient.register' }));
  it('is exact', () => {
    expect(errorOf('system/DynamicClient.register?x=y').code).toBe('scope.resource.unknown');
    expect(errorOf('system/dynamicclient.register').code).toBe('scope.resource.unknown');
  });
});

describe('errors', () => {
  it('every error code in SCOPE_ERROR_CODES is distinct', () => {
    const codes = Object.values(SCOPE_ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
  it('every error of a non-empty string covers at least one character inside it', () => {
    for (const text of ['patient/Observation', 'patient/Observation.', 'launch/', '__', 'patient/Observation.rs?', 'x']) {
      const error = errorOf(text);
      expect(error.length).toBeGreaterThanOrEqual(1);
      expect(error.offset + error.length).toBeLessThanOrEqual(text.length);
    }
  });
  it('results are frozen (safe to share from the cache)', () => {
    const result = parseScope('patient/Observation.rs?a=b');
    expect(Object.isFrozen(result)).toBe(true);
    expect(result.ok && Object.isFrozen(result.scope)).toBe(true);
  });
  it('returns an error for non-string input instead of throwing', () => {
    expect(parseScope(undefined as unknown as string).ok).toBe(false);
    expect(parseScope(42 as unknown as string).ok).toBe(false);
  });
});
