/** The parser, construct by construct. */
import { describe, expect, it } from 'vitest';
import type * as A from '../../src/language/ast.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { fixture, only, parseClean, strip } from './helpers.js';

describe('a complete file', () => {
  it('parses every construct without diagnostics', () => {
    const ast = parseClean(fixture('complete.smartpolicy'));
    expect(ast.imports.map((i) => i.path.value)).toEqual(['shared/explanations.smartpolicy']);
    expect(ast.declarations.map((d) => d.kind)).toEqual([
      'policy',
      'app',
      'app',
      'grant',
      'context',
      'refresh',
      'registration',
      'explain',
      'explain',
      'test',
      'test',
      'test',
      'test',
      'test',
    ]);
  });

  it('keeps the uri', () => {
    expect(parsePolicy('', 'file:///x.smartpolicy').ast.uri).toBe('file:///x.smartpolicy');
  });

  it('parses an empty file to an empty AST', () => {
    const r = parsePolicy('');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.declarations).toEqual([]);
  });
});

describe('import', () => {
  it('takes a string path', () => {
    const ast = parseClean('import "a.smartpolicy"\nimport "dir/b.smartpolicy"');
    expect(ast.imports.map((i) => i.path.value)).toEqual(['a.smartpolicy', 'dir/b.smartpolicy']);
  });
});

describe('policy', () => {
  it('holds fhir, locales, default locale and options', () => {
    const p = only(
      'policy "P" { fhir R4; locales en, es, pt-BR; default locale en\n option search.query_restricted refuse\n option operation "$everything" rs }',
      'policy',
    );
    expect(p.title.value).toBe('P');
    expect(strip(p.statements)).toEqual([
      { kind: 'policy.fhir', version: { kind: 'name', text: 'R4' } },
      { kind: 'policy.locales', locales: ['en', 'es', 'pt-BR'].map((text) => ({ kind: 'name', text })) },
      { kind: 'policy.default-locale', locale: { kind: 'name', text: 'en' } },
      {
        kind: 'policy.option',
        name: { kind: 'name', text: 'search.query_restricted' },
        values: [{ kind: 'text', text: 'refuse', quoted: false }],
        known: true,
      },
      {
        kind: 'policy.option',
        name: { kind: 'name', text: 'operation' },
        values: [
          { kind: 'text', text: '$everything', quoted: true },
          { kind: 'text', text: 'rs', quoted: false },
        ],
        known: true,
      },
    ]);
  });

  it('accepts every documented option and value', () => {
    const text = `policy "P" {
      option search.patient_filter refuse
      option patient.membership primary
      option patient.non_compartment_types deny
      option interactions.conditional deny
      option search.compartment deny
      option capabilities deny
      option search.includes deny
      option scope.query_values literal
      option patient.link ignore
      option refresh.scope_narrowing strict-subset
      option scopes.v1 reject
      option scopes.v1_echo v2
      option scopes.mixing reject
      option token_type bearer
      option introspection.echo smart
    }`;
    const p = only(text, 'policy');
    expect(p.statements.every((s) => s.kind === 'policy.option' && s.known)).toBe(true);
  });

  it('reports unknown options, values and arity', () => {
    const r = parsePolicy(
      'policy "P" {\n option search.query_restrictd narrow\n option capabilities maybe\n option token_type\n option operation "everything" rs\n}',
    );
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['syntax.option.unknown', 2],
      ['syntax.option.value', 3],
      ['syntax.option.arity', 4],
      ['syntax.option.value', 5],
    ]);
    expect(r.diagnostics[0]?.data).toMatchObject({ suggestion: 'search.query_restricted' });
  });
});

describe('app', () => {
  it('holds client types, auth methods, registration, ids, users and launch modes', () => {
    const a = only(fixtureBlock('app portal'), 'app');
    expect(a.name.text).toBe('portal');
    expect(a.title?.value).toBe('Patient-facing apps of the portal');
    const byKind = Object.fromEntries(a.statements.map((s) => [s.kind, s]));
    expect((byKind['app.client'] as A.AppClientTypes).values.map((v) => v.value)).toEqual([
      'public',
      'confidential-symmetric',
      'confidential-asymmetric',
    ]);
    expect((byKind['app.auth'] as A.AppAuthMethods).values.map((v) => v.value)).toEqual([
      'none',
      'client_secret_basic',
      'client_secret_post',
      'private_key_jwt',
    ]);
    expect((byKind['app.registration'] as A.AppRegistrationKinds).values.map((v) => v.value)).toEqual(['static', 'trusted-dynamic']);
    expect((byKind['app.client-id'] as A.AppClientIds).values.map((v) => v.value)).toEqual(['growth-chart', 'my-phr']);
    expect((byKind['app.software-id'] as A.AppSoftwareIds).values.map((v) => v.value)).toEqual(['com.example.phr']);
    expect((byKind['app.user'] as A.AppUserTypes).values.map((v) => v.value)).toEqual(['patient', 'related-person']);
    expect((byKind['app.launch'] as A.AppLaunchModes).values.map((v) => v.value)).toEqual(['ehr', 'standalone']);
  });

  it('accepts keywords as names', () => {
    const ast = parseClean('app grant { user none }\ngrant grant { allow x }\nrefresh test { lifetime 1d }');
    expect(
      ast.declarations.map((d) => [d.kind, d.kind === 'app' ? d.name.text : d.kind === 'grant' || d.kind === 'refresh' ? d.app.text : '']),
    ).toEqual([
      ['app', 'grant'],
      ['grant', 'grant'],
      ['refresh', 'test'],
    ]);
  });

  it('reports a value outside the closed set, with a suggestion', () => {
    const r = parsePolicy('app a {\n  client publik\n}');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'syntax.value.unknown', data: { found: 'publik', suggestion: 'public' } });
    const app = r.ast.declarations[0] as A.AppBlock;
    expect(strip(app.statements[0])).toEqual({ kind: 'app.client', values: [{ kind: 'choice', text: 'publik' }] });
  });
});

describe('grant', () => {
  it('holds allow and deny rules with scopes, conditions and reasons', () => {
    const g = only(
      'grant portal "Portal" {\n allow patient/*.rs, openid, "https://x.org/s", __ext\n deny patient/*.cud when launch is ehr because "no"\n}',
      'grant',
    );
    expect(g.app.text).toBe('portal');
    expect(g.title?.value).toBe('Portal');
    expect(strip(g.rules)).toEqual([
      {
        kind: 'grant.rule',
        effect: 'allow',
        scopes: [
          { kind: 'scope', text: 'patient/*.rs', quoted: false },
          { kind: 'scope', text: 'openid', quoted: false },
          { kind: 'scope', text: 'https://x.org/s', quoted: true },
          { kind: 'scope', text: '__ext', quoted: false },
        ],
      },
      {
        kind: 'grant.rule',
        effect: 'deny',
        scopes: [{ kind: 'scope', text: 'patient/*.cud', quoted: false }],
        condition: { kind: 'cond.is', subject: 'launch', values: [{ kind: 'choice', text: 'ehr', value: 'ehr' }] },
        because: { kind: 'string', value: 'no', raw: '"no"' },
      },
    ]);
  });

  it('keeps scope text raw, query and all', () => {
    const s = 'user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory&code:in=http://x|y';
    const g = only(`grant a { allow ${s}, system/DynamicClient.register, launch/patient, launch }`, 'grant');
    expect(g.rules[0]?.scopes.map((x) => x.text)).toEqual([s, 'system/DynamicClient.register', 'launch/patient', 'launch']);
  });

  it('accepts URI scopes bare or quoted', () => {
    const g = only('grant a { allow https://ehr.example.org/scopes/x.manage, "urn:x:y", urn:a:b }', 'grant');
    expect(g.rules[0]?.scopes.map((x) => [x.text, x.quoted])).toEqual([
      ['https://ehr.example.org/scopes/x.manage', false],
      ['urn:x:y', true],
      ['urn:a:b', false],
    ]);
  });

  it('does not validate scopes (the checker does)', () => {
    const g = only('grant a { allow patient/Observation.sr, patient/observation.x }', 'grant');
    expect(g.rules[0]?.scopes.map((x) => x.text)).toEqual(['patient/Observation.sr', 'patient/observation.x']);
  });

  it('parses conditions with precedence not > and > or, parentheses, and flattening', () => {
    const g = only(
      'grant a { allow x when not user is patient and launch is ehr, standalone or bound by dpop or (client is public and grant is jwt_bearer and (launch is ehr and user is none)) }',
      'grant',
    );
    const c = g.rules[0]?.condition;
    const show = (n: A.Condition | undefined): unknown => {
      if (n === undefined) return undefined;
      switch (n.kind) {
        case 'cond.or':
          return { or: n.operands.map(show) };
        case 'cond.and':
          return { and: n.operands.map(show) };
        case 'cond.not':
          return { not: show(n.operand) };
        case 'cond.is':
          return `${n.subject}:${n.values.map((v) => v.text).join('|')}`;
      }
    };
    expect(show(c)).toEqual({
      or: [
        { and: [{ not: 'user:patient' }, 'launch:ehr|standalone'] },
        'bound:dpop',
        { and: ['client:public', 'grant:jwt_bearer', 'launch:ehr', 'user:none'] },
      ],
    });
  });

  it('allows continuation lines for when and because', () => {
    const g = only('grant a {\n  allow x\n    when user is patient\n    because "r"\n  deny y\n}', 'grant');
    expect(g.rules.map((r) => [r.effect, r.condition?.kind, r.because?.value])).toEqual([
      ['allow', 'cond.is', 'r'],
      ['deny', undefined, undefined],
    ]);
  });
});

describe('context', () => {
  it('holds requirements, token fields and introspection fields', () => {
    const c = only(fixtureBlock('context {'), 'context');
    expect(c.app).toBeUndefined();
    const [req, enc, list, carries, echoes] = c.statements;
    expect(strip(req)).toEqual({
      kind: 'context.requires',
      pattern: { kind: 'scope', text: 'patient/*', quoted: false },
      requirements: [{ kind: 'context.item', parameter: { kind: 'choice', text: 'patient', value: 'patient' } }],
    });
    expect(enc?.kind).toBe('context.requires');
    expect(strip(list)).toMatchObject({
      requirements: [
        {
          parameter: { value: 'fhirContext' },
          resourceType: { text: 'List', quoted: false },
          role: { value: 'https://example.org/med-list-at-home' },
        },
      ],
    });
    expect(carries?.kind === 'context.token-carries' && carries.fields.map((f) => f.text)).toEqual([
      'patient',
      'encounter',
      'fhirContext',
      'need_patient_banner',
    ]);
    expect(echoes?.kind === 'context.introspection-echoes' && echoes.fields.map((f) => f.text)).toEqual([
      'patient',
      'encounter',
      'fhirContext',
    ]);
  });

  it('may name an app class and several requirements', () => {
    const c = only('context ehr_apps { user/Encounter requires patient, encounter, fhirContext "ImagingStudy" }', 'context');
    expect(c.app?.text).toBe('ehr_apps');
    const r = c.statements[0] as A.ContextRequirement;
    expect(r.requirements.map((i) => [i.parameter.value, i.resourceType?.text, i.resourceType?.quoted])).toEqual([
      ['patient', undefined, undefined],
      ['encounter', undefined, undefined],
      ['fhirContext', 'ImagingStudy', true],
    ]);
  });
});

describe('refresh', () => {
  it('holds every refresh statement', () => {
    const r = only(fixtureBlock('refresh portal'), 'refresh');
    expect(r.app.text).toBe('portal');
    expect(strip(r.statements)).toMatchObject([
      { kind: 'refresh.access', mode: 'offline', allowed: true, condition: { kind: 'cond.or' } },
      { kind: 'refresh.access', mode: 'online', allowed: false },
      { kind: 'refresh.lifetime', duration: { text: '90d', amount: 90, unit: 'd', seconds: 7_776_000 } },
      { kind: 'refresh.idle', duration: { seconds: 30 * 86_400 } },
      { kind: 'refresh.rotate', rotate: 'every-use' },
      { kind: 'refresh.reuse', action: 'revoke-grant' },
      { kind: 'refresh.bind', bindings: [{ value: 'dpop' }, { value: 'client-key' }], required: true },
      { kind: 'refresh.grace', duration: { seconds: 10 } },
      { kind: 'refresh.remind-every', duration: { text: '90d' } },
      { kind: 'refresh.remind-cap', count: { value: 4 }, per: { text: '365d' } },
    ]);
  });

  it('has the alternative forms', () => {
    const r = only('refresh a { rotate never; on reuse reject; bind none; offline_access allowed; lifetime 12h; grace 1m }', 'refresh');
    expect(strip(r.statements)).toMatchObject([
      { kind: 'refresh.rotate', rotate: 'never' },
      { kind: 'refresh.reuse', action: 'reject' },
      { kind: 'refresh.bind', bindings: [{ value: 'none' }], required: false },
      { kind: 'refresh.access', allowed: true },
      { kind: 'refresh.lifetime', duration: { seconds: 43_200 } },
      { kind: 'refresh.grace', duration: { seconds: 60 } },
    ]);
  });
});

describe('registration', () => {
  it('holds every registration statement', () => {
    const r = only(fixtureBlock('registration portal'), 'registration');
    expect(strip(r.statements)).toMatchObject([
      { kind: 'registration.software-id', values: [{ value: 'com.example.phr' }] },
      { kind: 'registration.initial-token-max-age', duration: { seconds: 600 } },
      { kind: 'registration.initial-token-single-use' },
      { kind: 'registration.algorithms', values: [{ text: 'ES384' }, { text: 'RS384' }] },
      { kind: 'registration.instance-lifetime', duration: { text: '365d' } },
      { kind: 'registration.instances-per-user', count: { value: 5 } },
    ]);
  });
});

describe('explain', () => {
  it('holds texts per locale and form, and where blocks with bare or quoted values', () => {
    const e = only(fixtureBlock('explain Observation'), 'explain');
    expect(e.target.text).toBe('Observation');
    const [t1, t2, , w1, w2] = e.statements;
    expect(strip(t1)).toEqual({
      kind: 'explain.text',
      locale: { kind: 'name', text: 'en' },
      text: { kind: 'string', value: 'your health measurements and test results', raw: '"your health measurements and test results"' },
      gender: { kind: 'choice', text: 'feminine', value: 'feminine' },
      number: { kind: 'choice', text: 'plural', value: 'plural' },
    });
    expect(t2?.kind === 'explain.text' && t2.form?.value).toBe('long');
    expect(strip(w1)).toMatchObject({
      kind: 'explain.where',
      param: { text: 'category' },
      value: { text: 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory', quoted: false },
      texts: [
        { locale: { text: 'en' }, number: { value: 'plural' } },
        { locale: { text: 'es' }, form: { value: 'short' }, gender: { value: 'masculine' } },
      ],
    });
    expect(strip(w2)).toMatchObject({
      param: { text: 'code:in' },
      value: { text: 'http://valueset.example.org/ValueSet/diabetes-codes', quoted: true },
    });
  });

  it('takes * and scope words as targets, and keyword-like locales', () => {
    const ast = parseClean('explain * { en "all" }\nexplain offline_access { is "…" ; or "…" }');
    expect(ast.declarations.map((d) => (d as A.ExplainBlock).target.text)).toEqual(['*', 'offline_access']);
    const e = ast.declarations[1] as A.ExplainBlock;
    expect(e.statements.map((s) => (s as A.ExplainText).locale.text)).toEqual(['is', 'or']);
  });
});

describe('phrasebook', () => {
  it('holds messages, the wildcard noun, jargon and possessives', () => {
    const p = only(
      [
        'phrasebook fr {',
        '  message resourceShort "{verbs} {data}"',
        '  message verb "{letter, select, r {voir} s {rechercher} other {}}"; message listPair "{a} et {b}"',
        '  wildcard "informations de santé" feminine plural',
        '  wildcard long "toutes sortes d’informations de santé"',
        '  jargon "observation", "rencontre"',
        '  possessive "votre",',
        '    "vos"',
        '}',
      ].join('\n'),
      'phrasebook',
    );
    expect(p.locale.text).toBe('fr');
    expect(p.statements.map((s) => s.kind)).toEqual([
      'phrasebook.message',
      'phrasebook.message',
      'phrasebook.message',
      'phrasebook.wildcard',
      'phrasebook.wildcard',
      'phrasebook.jargon',
      'phrasebook.possessive',
    ]);
    expect(strip(p.statements[1])).toEqual({
      kind: 'phrasebook.message',
      key: { kind: 'name', text: 'verb' },
      text: {
        kind: 'string',
        value: '{letter, select, r {voir} s {rechercher} other {}}',
        raw: '"{letter, select, r {voir} s {rechercher} other {}}"',
      },
    });
    expect(strip(p.statements[3])).toMatchObject({
      text: { value: 'informations de santé' },
      gender: { value: 'feminine' },
      number: { value: 'plural' },
    });
    expect(strip(p.statements[4])).toMatchObject({ form: { value: 'long' } });
    expect(p.statements[6]?.kind === 'phrasebook.possessive' && p.statements[6].values.map((v) => v.value)).toEqual(['votre', 'vos']);
  });

  it('keeps its keywords usable as names, and keyword-like locales', () => {
    const ast = parseClean('app message { user patient }\nphrasebook is { message message "{a}" }\nexplain wildcard { jargon "x" }');
    expect(ast.declarations.map((d) => d.kind)).toEqual(['app', 'phrasebook', 'explain']);
    const p = ast.declarations[1] as A.PhrasebookBlock;
    expect(p.locale.text).toBe('is');
    expect((p.statements[0] as A.PhrasebookMessage).key.text).toBe('message');
  });

  it('reports a message without key, an unknown statement, and recovers on the next line', () => {
    const r = parsePolicy('phrasebook fr {\n  message\n  mesage verb "x"\n  message verb "{a}"\n}\n');
    expect(r.diagnostics.map((d) => `${d.range.start.line} ${d.code}`)).toEqual(['2 syntax.missing-value', '3 syntax.unexpected-token']);
    expect(r.diagnostics[1]?.data).toMatchObject({ found: 'mesage', suggestion: 'message' });
    const p = r.ast.declarations[0] as A.PhrasebookBlock;
    expect(p.statements.map((s) => (s.kind === 'phrasebook.message' ? s.key.text : s.kind))).toEqual(['', 'verb']);
  });

  it('ends at the next block when its } is missing', () => {
    const r = parsePolicy('phrasebook fr {\n  message verb "{a}"\nexplain Observation { fr "x" }\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['syntax.block.unclosed']);
    expect(r.ast.declarations.map((d) => d.kind)).toEqual(['phrasebook', 'explain']);
  });
});

describe('test', () => {
  it('holds a token request and expectations', () => {
    const t = only(fixtureBlock('test "portal gets read-only patient data"'), 'test');
    expect(t.name.value).toBe('portal gets read-only patient data');
    const token = t.statements[0] as A.TokenRequest;
    expect(strip(token.statements)).toMatchObject([
      { kind: 'token.app', app: { text: 'portal' } },
      { kind: 'token.client-id', value: { value: 'my-phr' } },
      { kind: 'token.grant', grant: { value: 'authorization_code' } },
      { kind: 'token.launch', mode: { value: 'standalone' } },
      { kind: 'token.user', user: { value: 'patient' } },
      { kind: 'token.scope', value: { value: 'patient/*.cruds launch/patient openid fhirUser offline_access' } },
      { kind: 'test.context', parameter: { value: 'patient' }, value: { value: '123' } },
      { kind: 'token.bound', binding: { value: 'dpop' } },
    ]);
    expect(strip(t.statements.slice(1))).toMatchObject([
      { kind: 'expect.granted', value: { value: 'patient/*.rs launch/patient openid fhirUser offline_access' } },
      { kind: 'expect.dropped', scopes: [{ text: 'patient/*.cud' }] },
      { kind: 'expect.reason', rule: { value: 'grant:portal:deny' } },
      { kind: 'expect.refresh', issued: true, value: { value: 'issued' } },
    ]);
  });

  it('holds previous scope and error expectations', () => {
    const t = only(fixtureBlock('test "refresh may only narrow"'), 'test');
    const token = t.statements[0] as A.TokenRequest;
    expect(token.statements.map((s) => s.kind)).toEqual(['token.app', 'token.grant', 'token.previous-scope', 'token.scope']);
    expect(strip(t.statements[1])).toEqual({ kind: 'expect.error', error: { kind: 'name', text: 'invalid_scope' } });
  });

  it('holds an access request with inline JSON', () => {
    const t = only(fixtureBlock('test "lab scope reads lab results"'), 'test');
    const access = t.statements[0] as A.AccessRequestBlock;
    expect(access.statements.map((s) => s.kind)).toEqual(['access.scope', 'test.context', 'access.request', 'access.resource']);
    const req = access.statements[2] as A.AccessHttpRequest;
    expect([req.method.text, req.path.value, req.query]).toEqual(['GET', 'Observation/o1', undefined]);
    const res = access.statements[3] as A.AccessResource;
    expect(toJson(res.json)).toEqual({
      resourceType: 'Observation',
      id: 'o1',
      valueQuantity: { value: -150 },
      active: true,
      x: null,
      subject: { reference: 'Patient/123' },
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    });
    expect(strip(t.statements[1])).toMatchObject({ kind: 'expect.decision', decision: { value: 'allow' } });
  });

  it('holds resource files, queries and `expect decision`', () => {
    const t = only(fixtureBlock('test "stored fixture"'), 'test');
    const access = t.statements[0] as A.AccessRequestBlock;
    expect(strip(access.statements.slice(2))).toMatchObject([
      { kind: 'access.request', method: { text: 'GET' }, path: { value: 'Patient' }, query: { value: '_id=999' } },
      { kind: 'access.resource-file', path: { value: 'fixtures/patient-999.json' } },
    ]);
    expect(strip(t.statements[1])).toMatchObject({ kind: 'expect.decision', decision: { value: 'deny' } });
  });

  it('holds a table whose variables are used in the body', () => {
    const t = only(fixtureBlock('test "broad requests are narrowed"'), 'test');
    expect(t.table?.columns.map((c) => c.text)).toEqual(['requested', 'granted', 'decision']);
    expect(t.table?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['patient/*.rs', 'patient/Observation.rs', 'allow'],
      ['patient/Observation.r', 'patient/Observation.r', 'deny'],
    ]);
    const expectDecision = t.statements[2] as A.ExpectDecision;
    expect(expectDecision.decision).toMatchObject({ text: '$decision', value: undefined });
  });

  it('reports variables outside tables, unknown columns and ragged rows', () => {
    const r = parsePolicy(
      'test "a" { token { grant $g } }\ntest "b" with rows {\n | x | y |\n | 1 | 2 |\n | 3 |\n} {\n  token { scope "$x $z \\$y" }\n}\ntest "c" { token { scope "$x" } }',
    );
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['syntax.variable.outside-table', 1, 26],
      ['syntax.table.row-width', 5, 2],
      ['syntax.variable.unknown', 7, 21],
    ]);
  });

  it('reports duplicate JSON keys and bare words in JSON', () => {
    const r = parsePolicy('test "j" { access { resource {"a": 1, "a": yes} } }');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['syntax.json.duplicate-key', 'syntax.value.unknown']);
  });
});

describe('comments and ignore directives', () => {
  it('keeps comments with their trailing flag', () => {
    const ast = parseClean('# head\ngrant a { # after brace\n  allow x # trailing\n  # own line\n}\n');
    expect(ast.comments.map((c) => [c.text, c.trailing, c.range.start.line])).toEqual([
      [' head', false, 1],
      [' after brace', true, 2],
      [' trailing', true, 3],
      [' own line', false, 4],
    ]);
  });

  it('turns ignore comments into directives for the right line', () => {
    const ast = parseClean(
      '# smart-policy-ignore-file lint.a, lint.b whole file\ngrant a {\n  # smart-policy-ignore lint.c\n\n  allow x\n  allow y # smart-policy-ignore lint.d,lint.e  because reviewed\n}\n',
    );
    expect(ast.ignores.map((i) => [i.code, i.scope, i.line, i.reason])).toEqual([
      ['lint.a', 'file', 1, 'whole file'],
      ['lint.b', 'file', 1, 'whole file'],
      ['lint.c', 'line', 5, undefined],
      ['lint.d', 'line', 6, 'because reviewed'],
      ['lint.e', 'line', 6, 'because reviewed'],
    ]);
    const d = ast.ignores[3];
    expect([d?.range.start.column, d?.range.end.column]).toEqual([33, 39]);
  });

  it('warns about an ignore comment without a code', () => {
    const r = parsePolicy('# smart-policy-ignore\ngrant a { allow x }');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['syntax.ignore.malformed', 'warning']]);
  });

  it('does not take similar words for directives', () => {
    expect(parseClean('# smart-policy-ignored lint.a\n# see smart-policy-ignore lint.b').ignores).toEqual([]);
  });
});

/** The block of the complete fixture that starts with `header`, as its own file. */
function fixtureBlock(header: string): string {
  const text = fixture('complete.smartpolicy');
  const start = text.indexOf(`\n${header}`);
  if (start < 0) throw new Error(`no block ${header}`);
  const end = text.slice(start).search(/\n\}(\n|$)/) + start;
  return text.slice(start + 1, end + 2);
}

function toJson(n: A.JsonNode): unknown {
  switch (n.kind) {
    case 'json.object':
      return Object.fromEntries(n.members.map((m) => [m.key.value, toJson(m.value)]));
    case 'json.array':
      return n.items.map(toJson);
    case 'json.null':
      return null;
    default:
      return n.value;
  }
}

describe('tokenizePolicy', () => {
  it('classifies tokens and comments in source order', async () => {
    const { tokenizePolicy } = await import('../../src/language/tokens.js');
    const toks = tokenizePolicy('grant a { allow patient/*.rs when user is patient # c\n lifetime 9d; x = v; "s" $v 3 }');
    expect(toks.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'keyword:grant',
      'name:a',
      'punctuation:{',
      'keyword:allow',
      'scope:patient/*.rs',
      'keyword:when',
      'keyword:user',
      'keyword:is',
      'name:patient',
      'comment:# c',
      'keyword:lifetime',
      'duration:9d',
      'punctuation:;',
      'name:x',
      'punctuation:=',
      'value:v',
      'punctuation:;',
      'string:"s"',
      'variable:$v',
      'number:3',
      'punctuation:}',
    ]);
  });
});
