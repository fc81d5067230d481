/** The formatter: canonical layout, comments kept, idempotent, AST-stable, refuses broken input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { astEquivalent, firstDifference, normalizeAst } from '../../src/language/ast-compare.js';
import { formatPolicy } from '../../src/language/format-policy.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { fixture } from './helpers.js';
import { arbitraryPolicy } from './policy-arbitrary.js';

function fmt(text: string): string {
  const r = formatPolicy(text);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(r.ok).toBe(true);
  return r.text;
}

describe('canonical layout', () => {
  it('indents, splits statements onto lines, and separates blocks by one blank line', () => {
    const messy =
      'policy   "P"{fhir R4;locales en,es ;default locale en}\napp a "A" {client public ;user patient,related-person}\n\n\n\ngrant a{allow patient/*.rs,openid}';
    expect(fmt(messy)).toBe(
      [
        'policy "P" {',
        '  fhir R4',
        '  locales en, es',
        '  default locale en',
        '}',
        '',
        'app a "A" {',
        '  client public',
        '  user patient, related-person',
        '}',
        '',
        'grant a {',
        '  allow patient/*.rs, openid',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('lays out phrasebook blocks, strings as written', () => {
    expect(
      fmt('phrasebook fr{message verb "{letter, select, r {voir} other {}}";wildcard long  "x"\n jargon "a" ,"b";possessive "vos"}'),
    ).toBe(
      [
        'phrasebook fr {',
        '  message verb "{letter, select, r {voir} other {}}"',
        '  wildcard long "x"',
        '  jargon "a", "b"',
        '  possessive "vos"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps at most one blank line between statements', () => {
    expect(fmt('grant a {\n  allow x\n\n\n\n  allow y\n  allow z\n}\n')).toBe('grant a {\n  allow x\n\n  allow y\n  allow z\n}\n');
  });

  it('wraps long rules at when and because', () => {
    const long = `grant a { allow user/Patient.rs when user is related-person and launch is standalone because "related persons pick the patient they act for" }`;
    expect(fmt(long)).toBe(
      'grant a {\n  allow user/Patient.rs when user is related-person and launch is standalone\n      because "related persons pick the patient they act for"\n}\n',
    );
  });

  it('parenthesises conditions only where it helps', () => {
    expect(fmt('grant a { allow x when (user is patient) and (launch is ehr or not (client is public)) or bound by dpop }')).toBe(
      'grant a {\n  allow x when (user is patient and (launch is ehr or not client is public)) or bound by dpop\n}\n',
    );
  });

  it('writes `expect decision allow` as `expect allow`, but keeps variables', () => {
    expect(fmt('test "t" with rows { | d | | allow | } { expect decision allow; expect decision $d }')).toBe(
      'test "t" with rows {\n  | d     |\n  | allow |\n} {\n  expect allow\n  expect decision $d\n}\n',
    );
  });

  it('pads table columns', () => {
    expect(fmt('test "t" with rows {\n| a | bbbbbb |\n| "xxxxxxx" | y |\n} { token { scope "$a $bbbbbb" } }')).toBe(
      'test "t" with rows {\n  | a         | bbbbbb |\n  | "xxxxxxx" | y      |\n} {\n  token {\n    scope "$a $bbbbbb"\n  }\n}\n',
    );
  });

  it('prints short JSON on one line and long JSON one member per line', () => {
    expect(fmt('test "t" { access { resource { "resourceType" : "Patient" , "id":"1" } } }')).toBe(
      'test "t" {\n  access {\n    resource {"resourceType": "Patient", "id": "1"}\n  }\n}\n',
    );
    const long = fmt(
      `test "t" { access { resource { "resourceType": "Observation", "id": "o1", "note": "${'x'.repeat(80)}", "a": [1, 2] } } }`,
    );
    expect(long).toContain('    resource {\n      "resourceType": "Observation",\n      "id": "o1",\n');
    expect(long).toContain('      "a": [1, 2]\n    }\n');
  });

  it('keeps strings as written (escapes included)', () => {
    expect(fmt('test "caf\\u{E9} \\"q\\"" { }')).toBe('test "caf\\u{E9} \\"q\\"" {\n}\n');
  });
});

describe('comments', () => {
  it('keeps own-line, trailing, header and closing-brace comments in place', () => {
    const src = [
      '# file header',
      '',
      '# about the grant',
      'grant a { # header comment',
      '  # before allow',
      '  allow x # after allow',
      '',
      '  # before deny',
      '  deny y',
      '  # at the end',
      '} # after brace',
      '# trailing file comment',
      '',
    ].join('\n');
    expect(fmt(src)).toBe(src);
  });

  it('moves a comment inside a re-wrapped statement above it', () => {
    expect(fmt('grant a {\n  allow x # why\n    because "y"\n}\n')).toBe('grant a {\n  # why\n  allow x because "y"\n}\n');
  });

  it('attaches a trailing comment to the last statement of its line', () => {
    expect(fmt('grant a { allow x; allow y # c\n}')).toBe('grant a {\n  allow x\n  allow y # c\n}\n');
  });

  it('keeps every comment of the fixtures and policies, in order', () => {
    for (const text of [fixture('complete.smartpolicy'), fixture('comments.smartpolicy')]) {
      const before = parsePolicy(text).ast.comments.map((c) => c.text.trimEnd());
      const after = parsePolicy(fmt(text)).ast.comments.map((c) => c.text.trimEnd());
      expect(after).toEqual(before);
    }
  });
});

describe('safety', () => {
  it('refuses input with syntax errors and returns it unchanged', () => {
    const r = formatPolicy('grant a {\n  alow x\n}\n');
    expect(r.ok).toBe(false);
    expect(r.text).toBe('grant a {\n  alow x\n}\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['fmt.syntax-errors', 'syntax.unexpected-token']);
  });

  it('reports whether anything changed', () => {
    expect(formatPolicy('grant a {\n  allow x\n}\n')).toMatchObject({ ok: true, changed: false });
    expect(formatPolicy('grant a { allow x }')).toMatchObject({ ok: true, changed: true });
  });

  it('compares ASTs without positions and names the first difference', () => {
    const a = parsePolicy('grant a { allow x }').ast;
    const b = parsePolicy('grant a {\n\n   allow   x\n}').ast;
    const c = parsePolicy('grant a { allow y }').ast;
    expect(astEquivalent(a, b)).toBe(true);
    expect(firstDifference(normalizeAst(a), normalizeAst(c))).toBe('$.declarations[0].rules[0].scopes[0].text');
  });

  it('keeps every comment, in order, wherever comments are added to a valid file', () => {
    const bases = [fixture('complete.smartpolicy'), fixture('comments.smartpolicy')];
    const edits = fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.stringMatching(/^[a-z0-9 ]{0,12}$/)), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.constantFrom(...bases), edits, (base, adds) => {
        const lines = base.split('\n');
        adds.forEach(([at, own, text], i) => {
          const n = at % lines.length;
          if (own) lines.splice(n, 0, `# added ${i} ${text}`);
          else lines[n] = `${lines[n] ?? ''} # added ${i} ${text}`;
        });
        const text = lines.join('\n');
        const parsed = parsePolicy(text);
        expect(parsed.diagnostics).toEqual([]);
        const once = formatPolicy(text);
        expect(once.diagnostics).toEqual([]);
        expect(parsePolicy(once.text).ast.comments.map((c) => c.text.trimEnd())).toEqual(parsed.ast.comments.map((c) => c.text.trimEnd()));
        expect(formatPolicy(once.text).text).toBe(once.text);
      }),
      { numRuns: 150 },
    );
  });

  it('is idempotent and AST-stable on generated policies', () => {
    fc.assert(
      fc.property(arbitraryPolicy(), (text) => {
        const parsed = parsePolicy(text);
        if (parsed.diagnostics.some((d) => d.severity === 'error')) return; // generator may produce unknown words
        const once = formatPolicy(text);
        expect(once.diagnostics).toEqual([]);
        const twice = formatPolicy(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.changed).toBe(false);
        expect(astEquivalent(parsed.ast, parsePolicy(once.text).ast)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
