/**
 * fast-check generators of syntactically valid policy files with varied layout: statements
 * separated by newlines or `;`, stray blank lines, own-line and trailing comments, continuation
 * lines. Used by the formatter and robustness properties.
 */
import fc from 'fast-check';

const word = fc.constantFrom('portal', 'a', 'backend_1', 'ehr-apps', 'x.y');
const str = fc.constantFrom('"x"', '""', '"with \\"escapes\\" and \\u{E9}"', '"tab\\t"', '"¿qué? 😀"', '"$dollar"');
const scope = fc.constantFrom(
  'patient/*.rs',
  'user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
  'openid',
  'fhirUser',
  'launch/patient',
  'launch',
  '"https://ehr.example.org/scopes/x"',
  '__ext.thing',
  'offline_access',
  'system/DynamicClient.register',
);
const duration = fc.constantFrom('10s', '5m', '12h', '90d', '0d');
const commentText = fc.stringMatching(/^[A-Za-z0-9 ,.:()-]{0,24}$/);

function list<T>(arb: fc.Arbitrary<T>, max = 3): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(arb, { minLength: 1, maxLength: max }), fc.constantFrom(', ', ',', ' , ', ',\n    '))
    .map(([xs, s]) => xs.join(s));
}

const condition: fc.Arbitrary<string> = fc.letrec<{ cond: string }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      'launch is ehr',
      'user is patient, related-person',
      'client is public',
      'grant is jwt_bearer',
      'bound by dpop, client-key',
    ),
    fc.tuple(tie('cond'), fc.constantFrom(' and ', ' or '), tie('cond')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('cond').map((c) => `not ${c}`),
    tie('cond').map((c) => `(${c})`),
  ),
})).cond;

const sep = fc.constantFrom('\n  ', '\n\n  ', '; ', ';\n  ', '\n\n\n  ', ' ;\n\n  ');

/** A statement with optional comments around it. */
function withComments(stmt: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.option(commentText, { nil: undefined }), stmt, fc.option(commentText, { nil: undefined }))
    .map(([lead, s, trail]) => `${lead !== undefined ? `# ${lead}\n  ` : ''}${s}${trail !== undefined ? ` # ${trail}\n` : ''}`);
}

function block(header: fc.Arbitrary<string>, stmt: fc.Arbitrary<string>, min = 0): fc.Arbitrary<string> {
  return fc
    .tuple(
      header,
      fc.array(fc.tuple(withComments(stmt), sep), { minLength: min, maxLength: 6 }),
      fc.option(commentText, { nil: undefined }),
    )
    .map(
      ([h, stmts, headComment]) =>
        `${h} {${headComment !== undefined ? ` # ${headComment}` : ''}\n  ${stmts.map(([s, p]) => s + p).join('')}\n}`,
    );
}

const policyStmt = fc.oneof(
  fc.constant('fhir R4'),
  list(fc.constantFrom('en', 'es', 'pt-BR')).map((l) => `locales ${l}`),
  fc.constant('default locale en'),
  fc.constantFrom(
    'option search.query_restricted narrow',
    'option capabilities deny',
    'option operation "$everything" rs',
    'option token_type bearer',
  ),
);

const appStmt = fc.oneof(
  list(fc.constantFrom('public', 'confidential-symmetric', 'confidential-asymmetric')).map((l) => `client ${l}`),
  list(fc.constantFrom('none', 'private_key_jwt')).map((l) => `auth ${l}`),
  fc.constant('registration static, trusted-dynamic'),
  list(str).map((l) => `client_id ${l}`),
  list(str, 1).map((l) => `software_id ${l}`),
  list(fc.constantFrom('patient', 'related-person', 'practitioner', 'none')).map((l) => `user ${l}`),
  list(fc.constantFrom('ehr', 'standalone')).map((l) => `launch ${l}`),
);

const grantStmt = fc
  .tuple(
    fc.constantFrom('allow', 'deny'),
    list(scope),
    fc.option(condition, { nil: undefined }),
    fc.option(str, { nil: undefined }),
    fc.boolean(),
  )
  .map(
    ([e, s, c, b, wrap]) =>
      `${e} ${s}${c !== undefined ? `${wrap ? '\n    ' : ' '}when ${c}` : ''}${b !== undefined ? `${wrap ? '\n    ' : ' '}because ${b}` : ''}`,
  );

const contextStmt = fc.oneof(
  fc.constantFrom(
    'patient/* requires patient',
    'user/Encounter requires patient, encounter',
    'launch/list requires fhirContext List role "https://x.org/r"',
    'launch/x requires fhirContext "ImagingStudy"',
  ),
  list(fc.constantFrom('patient', 'encounter', 'fhirContext')).map((l) => `token carries ${l}`),
  list(fc.constantFrom('patient', '__dark')).map((l) => `introspection echoes ${l}`),
);

const refreshStmt = fc.oneof(
  fc
    .tuple(fc.constantFrom('offline_access', 'online_access'), fc.option(condition, { nil: undefined }))
    .map(([m, c]) => `${m} allowed${c !== undefined ? ` when ${c}` : ''}`),
  fc.constantFrom(
    'offline_access denied',
    'rotate on every use',
    'rotate never',
    'on reuse revoke grant',
    'on reuse reject',
    'bind dpop, client-key required',
    'bind none',
  ),
  fc.tuple(fc.constantFrom('lifetime', 'idle', 'grace', 'remind every'), duration).map(([k, d]) => `${k} ${d}`),
  fc.tuple(fc.nat(99), duration).map(([n, d]) => `remind at most ${n} per ${d}`),
);

const registrationStmt = fc.oneof(
  list(str, 2).map((l) => `software_id ${l}`),
  duration.map((d) => `initial_token max_age ${d}`),
  fc.constantFrom('initial_token single use', 'algorithms ES384, RS384'),
  duration.map((d) => `instance lifetime ${d}`),
  fc.nat(50).map((n) => `instances per user ${n}`),
);

const explainText = fc
  .tuple(
    fc.constantFrom('en', 'es', 'is', 'or'),
    fc.constantFrom('', ' short', ' long'),
    str,
    fc.constantFrom('', ' feminine', ' masculine', ' neuter'),
    fc.constantFrom('', ' plural', ' singular'),
  )
  .map(([l, f, s, g, n]) => `${l}${f} ${s}${g}${n}`);

const explainStmt = fc.oneof(
  { weight: 3, arbitrary: explainText },
  {
    weight: 1,
    arbitrary: block(
      fc.constantFrom('where category = http://x.org/cs|laboratory', 'where code:in = "http://vs"', 'where status = final'),
      explainText,
    ),
  },
);

const phrasebookStmt = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('verb', 'resourceShort', 'message', 'data'),
      fc.constantFrom('"{verbs} {data}"', '"{letter, select, r {voir} other {}}"', '"L’app"', str),
    )
    .map(([k, v]) => `message ${k} ${v}`),
  fc
    .tuple(
      fc.constantFrom('', ' short', ' long'),
      str,
      fc.constantFrom('', ' feminine', ' masculine'),
      fc.constantFrom('', ' plural', ' singular'),
    )
    .map(([f, s, g, n]) => `wildcard${f} ${s}${g}${n}`),
  list(str, 3).map((l) => `jargon ${l}`),
  list(str, 2).map((l) => `possessive ${l}`),
);

const jsonScalar = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(1.5, -2.25e-3, 0),
  fc.boolean(),
  fc.constant(null),
  fc.stringMatching(/^[A-Za-z0-9 /|.:-]{0,30}$/),
);
const jsonValue = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    jsonScalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), tie('v'), { maxKeys: 3 }),
  ),
})).v;
const jsonObject = fc
  .tuple(fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,10}$/), jsonValue, { maxKeys: 6 }), fc.constantFrom(0, 2))
  .map(([o, indent]) => JSON.stringify({ resourceType: 'Observation', ...o }, null, indent));

const tokenField = fc.oneof(
  word.map((w) => `app ${w}`),
  str.map((s) => `client_id ${s}`),
  fc.constantFrom(
    'grant authorization_code',
    'grant refresh_token',
    'launch ehr',
    'user patient',
    'bound by dpop',
    'context patient "123"',
    'context fhirContext "List/1" role "https://x.org/r"',
  ),
  str.map((s) => `scope ${s}`),
  str.map((s) => `previous scope ${s}`),
);
const accessField = fc.oneof(
  str.map((s) => `scope ${s}`),
  fc.constantFrom(
    'context patient "123"',
    'request GET "Observation/o1"',
    'request POST "Observation" query "_id=1"',
    'resource file "fixtures/x.json"',
  ),
  jsonObject.map((j) => `resource ${j.replace(/\n/g, '\n    ')}`),
);
const expectStmt = fc.oneof(
  str.map((s) => `expect granted ${s}`),
  list(scope).map((s) => `expect dropped ${s}`),
  fc.constantFrom(
    'expect allow',
    'expect deny',
    'expect decision allow',
    'expect error invalid_scope',
    'expect refresh issued',
    'expect refresh none',
  ),
  str.map((s) => `expect reason ${s}`),
);
const testStmt = fc.oneof(block(fc.constant('token'), tokenField), block(fc.constant('access'), accessField), expectStmt);

const table = fc
  .tuple(fc.uniqueArray(fc.constantFrom('requested', 'granted', 'd', 'x1'), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
  .chain(([cols, n]) =>
    fc
      .array(fc.array(fc.constantFrom('"patient/*.rs"', 'allow', '"a b"', '12', 'x'), { minLength: cols.length, maxLength: cols.length }), {
        minLength: n,
        maxLength: n,
      })
      .map((rows) => ({ cols, rows })),
  );
const tableTest = table.chain(({ cols, rows }) =>
  block(
    fc.constant(`test "table" with rows {\n  | ${cols.join(' | ')} |\n${rows.map((r) => `  |${r.join('|')}|`).join('\n')}\n}`),
    fc.oneof(
      fc.constant(`token { scope "${cols.map((c) => `$${c}`).join(' ')}" }`),
      fc.constant(`expect decision $${cols[0] ?? 'x'}`),
      expectStmt,
    ),
  ),
);

/** One top-level item. */
export const arbitraryItem: fc.Arbitrary<string> = fc.oneof(
  str.map((s) => `import ${s}`),
  block(
    str.map((s) => `policy ${s}`),
    policyStmt,
  ),
  block(
    fc.tuple(word, fc.option(str, { nil: undefined })).map(([w, s]) => `app ${w}${s !== undefined ? ` ${s}` : ''}`),
    appStmt,
  ),
  block(
    word.map((w) => `grant ${w}`),
    grantStmt,
  ),
  block(
    fc.option(word, { nil: undefined }).map((w) => `context${w !== undefined ? ` ${w}` : ''}`),
    contextStmt,
  ),
  block(
    word.map((w) => `refresh ${w}`),
    refreshStmt,
  ),
  block(
    word.map((w) => `registration ${w}`),
    registrationStmt,
  ),
  block(fc.constantFrom('explain Observation', 'explain *', 'explain offline_access'), explainStmt),
  block(fc.constantFrom('phrasebook fr', 'phrasebook pt-BR', 'phrasebook is'), phrasebookStmt),
  block(
    str.map((s) => `test ${s}`),
    testStmt,
  ),
  tableTest,
);

/** A whole file: items separated by arbitrary blank lines and comments. */
export function arbitraryPolicy(): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.option(commentText, { nil: undefined }), arbitraryItem, fc.constantFrom('\n', '\n\n', '\n\n\n', ' # end\n')), {
      maxLength: 6,
    })
    .map((items) => items.map(([c, item, after]) => `${c !== undefined ? `# ${c}\n` : ''}${item}${after}`).join(''));
}
