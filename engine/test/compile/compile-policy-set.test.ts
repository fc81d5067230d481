/** The compiler: AST → bundle mapping, rule ids and spans, refusals with diagnostics, test expansion. */
import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../../src/compile/index.js';
import { parsePolicy } from '../../src/language/parse-policy.js';

function compile(text: string, uri = '/repo/policies/x/main.smartpolicy') {
  const parsed = parsePolicy(text, uri);
  return compilePolicySet({ files: [parsed.ast], diagnostics: parsed.diagnostics }, { relativeTo: '/repo' });
}

const HEADER = `policy "Test" {
  fhir R4
  locales en, es
  default locale es
  option search.query_restricted refuse
  option operation "$everything" rs
  option refresh.scope_narrowing strict-subset
  option scopes.v1_echo v2
  option token_type bearer
  option introspection.echo smart
}
app portal { client public; user patient; launch standalone }
app backend { client confidential-asymmetric; auth private_key_jwt; client_id "bulk"; user none }
`;

describe('compilePolicySet', () => {
  it('resolves the header and options onto the defaults', () => {
    const { bundle, diagnostics } = compile(HEADER);
    expect(diagnostics).toEqual([]);
    expect(bundle?.policy).toMatchObject({ name: 'Test', fhirVersion: 'R4', locales: ['en', 'es'], defaultLocale: 'es' });
    expect(bundle?.policy.options.access).toMatchObject({
      queryRestrictedSearch: 'refuse',
      operations: { $everything: 'rs' },
      patientSearchWithoutFilter: 'narrow',
    });
    expect(bundle?.policy.options.token).toMatchObject({
      refreshScopeNarrowing: 'strict-subset',
      v1Echo: 'v2',
      tokenType: 'bearer',
      introspectionEcho: 'smart',
      v1Scopes: 'accept',
    });
    expect(bundle?.sources).toEqual(['policies/x/main.smartpolicy']);
    expect(bundle?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('compiles app classes', () => {
    const { bundle } = compile(HEADER);
    expect(bundle?.apps[1]).toMatchObject({
      id: 'app:backend',
      name: 'backend',
      clientTypes: ['confidential-asymmetric'],
      authMethods: ['private_key_jwt'],
      clientIds: ['bulk'],
      userTypes: ['none'],
    });
  });

  it('gives grant rules stable content ids across blocks, one rule per scope, with spans, reasons and conditions', () => {
    const { bundle } = compile(`${HEADER}
grant portal {
  allow patient/Patient.rs, openid
  deny patient/*.cud because "read only"
}
grant portal {
  allow offline_access when bound by dpop or not client is public
}`);
    expect(bundle?.grants.map((g) => [g.id, g.effect, g.scope])).toEqual([
      ['grant:portal:allow:patient/Patient.rs', 'allow', 'patient/Patient.rs'],
      ['grant:portal:allow:openid', 'allow', 'openid'],
      ['grant:portal:deny:patient/*.cud', 'deny', 'patient/*.cud'],
      [expect.stringMatching(/^grant:portal:allow:offline_access@[0-9a-f]{8}$/), 'allow', 'offline_access'],
    ]);
    expect(bundle?.grants[0]?.span).toEqual({
      uri: 'policies/x/main.smartpolicy',
      start: { line: 16, column: 9 },
      end: { line: 16, column: 27 },
    });
    expect(bundle?.grants[2]?.reason).toBe('read only');
    expect(bundle?.grants[3]?.when).toEqual({ any: [{ field: 'bound', in: ['dpop'] }, { not: { field: 'client', in: ['public'] } }] });
  });

  it('compiles context, refresh (with defaults) and registration blocks', () => {
    const { bundle } = compile(`${HEADER}
context portal {
  patient/* requires patient
  launch/imagingstudy requires fhirContext ImagingStudy role "https://example.org/role"
  token carries patient, need_patient_banner
  introspection echoes patient
}
refresh portal {
  offline_access allowed when bound by dpop
  lifetime 90d
  bind dpop required
  remind at most 4 per 365d
}
registration portal {
  software_id "org.example.app"
  initial_token max_age 10m
  algorithms ES384
  instances per user 5
}`);
    expect(bundle?.context.requirements).toEqual([
      expect.objectContaining({ id: 'context#1', app: 'portal', pattern: 'patient/*', requires: [{ kind: 'patient' }] }),
      expect.objectContaining({
        id: 'context#2',
        pattern: 'launch/imagingstudy',
        requires: [{ kind: 'fhirContext', type: 'ImagingStudy', role: 'https://example.org/role' }],
      }),
    ]);
    expect(bundle?.context.tokenCarries[0]?.fields).toEqual(['patient', 'need_patient_banner']);
    expect(bundle?.refresh[0]).toMatchObject({
      id: 'refresh:portal',
      offline: true,
      online: false,
      offlineWhen: { field: 'bound', in: ['dpop'] },
      lifetime: 7_776_000,
      idle: null,
      rotate: 'every-use',
      reuse: 'revoke-grant',
      binding: { methods: ['dpop'], required: true },
      graceSeconds: 0,
      reminderCap: { count: 4, perSeconds: 31_536_000 },
    });
    expect(bundle?.registration[0]).toMatchObject({
      id: 'registration:portal',
      softwareIds: ['org.example.app'],
      initialTokenMaxAge: 600,
      initialTokenSingleUse: true,
      algorithms: ['ES384'],
      instancesPerUser: 5,
    });
  });

  it('compiles explanation blocks per target, locale and query value, with grammar', () => {
    const { bundle } = compile(`${HEADER}
explain Observation {
  en "test results" plural
  en long "Lab results and measurements."
  es "resultados" masculine plural
  where category = http://terminology.hl7.org/CodeSystem/observation-category|laboratory {
    en "lab results"
    es "resultados de laboratorio" masculine plural
  }
}`);
    const e = bundle?.explanations[0];
    expect(e?.target).toBe('Observation');
    expect(e?.texts.en).toMatchObject({ short: 'test results', long: 'Lab results and measurements.', number: 'plural' });
    expect(e?.texts.es).toMatchObject({ short: 'resultados', gender: 'masculine', number: 'plural' });
    expect(e?.queries[0]).toMatchObject({
      param: 'category',
      value: 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
    });
    expect(e?.queries[0]?.texts.es?.short).toBe('resultados de laboratorio');
  });

  it('expands table tests into one case per row', () => {
    const { bundle, diagnostics } = compile(`${HEADER}
grant portal { allow patient/Patient.rs }
test "rows" with rows {
  | requested            | granted              |
  | "patient/Patient.rs" | "patient/Patient.rs" |
  | "patient/Goal.rs"    | ""                   |
} {
  token { app portal; grant authorization_code; scope "$requested openid"; context patient "\\$1" }
  expect granted "$granted"
  expect reason "grant:portal"
}`);
    expect(diagnostics).toEqual([]);
    expect(bundle?.tests.map((t) => [t.id, t.row, t.token?.scope, t.expect.granted])).toEqual([
      ['test:rows#1', 1, 'patient/Patient.rs openid', 'patient/Patient.rs'],
      ['test:rows#2', 2, 'patient/Goal.rs openid', ''],
    ]);
    expect(bundle?.tests[0]?.token?.context).toEqual({ patient: '$1' });
    expect(bundle?.tests[0]?.expect.reasons).toEqual(['grant:portal']);
  });

  it('compiles access tests with inline JSON resources', () => {
    const { bundle } = compile(`${HEADER}
test "read" {
  access {
    scope "patient/Observation.rs"
    context patient "123"
    request GET "Observation/o1" query "_elements=code"
    resource {"resourceType": "Observation", "id": "o1", "subject": {"reference": "Patient/123"}, "valueQuantity": {"value": 5}}
  }
  expect allow
}`);
    expect(bundle?.tests[0]).toMatchObject({
      kind: 'access',
      access: {
        scope: 'patient/Observation.rs',
        context: { patient: '123' },
        request: { method: 'GET', path: 'Observation/o1', query: '_elements=code' },
        resource: { resourceType: 'Observation', id: 'o1', subject: { reference: 'Patient/123' }, valueQuantity: { value: 5 } },
      },
      expect: { decision: 'allow' },
    });
  });

  it('is deterministic', () => {
    const a = compile(`${HEADER}\ngrant portal { allow patient/Patient.rs }`);
    const b = compile(`${HEADER}\ngrant portal { allow patient/Patient.rs }`);
    expect(JSON.stringify(a.bundle)).toBe(JSON.stringify(b.bundle));
  });
});

describe('compilePolicySet refusals', () => {
  it('refuses input with syntax errors, returning them', () => {
    const { bundle, diagnostics } = compile(`${HEADER}\ngrant portal { allow }}`);
    expect(bundle).toBeNull();
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  it('refuses a set without a policy header', () => {
    const { bundle, diagnostics } = compile('app portal { user patient }');
    expect(bundle).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['semantic.missing-policy-header']);
    expect(diagnostics[0]?.severity).toBe('error');
  });

  it('refuses unknown app names with their range', () => {
    const { bundle, diagnostics } = compile(`${HEADER}\ngrant portl { allow patient/Patient.rs }\nrefresh nobody { lifetime 1d }`);
    expect(bundle).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['semantic.unknown-app-class', 'semantic.unknown-app-class']);
    expect(diagnostics[0]?.range.start).toMatchObject({ line: 15, column: 7 });
    expect(diagnostics[0]?.data).toMatchObject({ found: 'portl', replacement: 'portal' });
  });

  it('refuses scopes that do not parse, pointing at the scope', () => {
    const { bundle, diagnostics } = compile(`${HEADER}\ngrant portal { allow patient/Observation.sr }`);
    expect(bundle).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: 'semantic.invalid-scope', severity: 'error', data: { scope: 'patient/Observation.sr' } });
    // The checker's range: the characters the scope parser objects to, inside the scope (which starts at column 22).
    expect(diagnostics[0]?.range.start).toMatchObject({ line: 15, column: 43 });
  });

  it('refuses duplicate app classes and duplicate refresh blocks', () => {
    const { diagnostics } = compile(
      `${HEADER}\napp portal { user patient }\nrefresh portal { lifetime 1d }\nrefresh portal { lifetime 2d }`,
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['semantic.duplicate-app-class', 'semantic.duplicate-block']);
  });

  it('refuses an empty set', () => {
    expect(compilePolicySet({ files: [] }).diagnostics[0]?.code).toBe('semantic.missing-policy-header');
  });
});
