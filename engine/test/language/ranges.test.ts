/** Source ranges (1-based line/column, 0-based offset, end exclusive) and string escapes. */
import { describe, expect, it } from 'vitest';
import type * as A from '../../src/language/ast.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { decodeString, quoteString } from '../../src/language/strings.js';
import { parseClean } from './helpers.js';

/** The source text a range covers. */
function cover(text: string, r: A.Range): string {
  return text.slice(r.start.offset, r.end.offset);
}

/** Checks that line/column agree with the offset. */
function consistent(text: string, p: A.Position): void {
  const before = text.slice(0, p.offset);
  const lines = before.split(/\r\n|\r|\n/);
  expect(p.line).toBe(lines.length);
  expect(p.column).toBe((lines[lines.length - 1] ?? '').length + 1);
}

describe('ranges', () => {
  const text = 'grant portal {\n  allow patient/*.rs, "https://x.org/a" when user is patient because "r"\n}\n';
  const ast = parseClean(text);
  const grant = ast.declarations[0] as A.GrantBlock;
  const rule = grant.rules[0] as A.GrantRule;

  it('cover exactly the node text', () => {
    expect(cover(text, grant.range)).toBe(text.trimEnd());
    expect(cover(text, grant.app.range)).toBe('portal');
    expect(cover(text, rule.range)).toBe('allow patient/*.rs, "https://x.org/a" when user is patient because "r"');
    expect(rule.scopes.map((s) => cover(text, s.range))).toEqual(['patient/*.rs', '"https://x.org/a"']);
    expect(cover(text, rule.condition?.range as A.Range)).toBe('user is patient');
    expect(cover(text, rule.because?.range as A.Range)).toBe('"r"');
  });

  it('are 1-based with exclusive ends', () => {
    expect(grant.range.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(grant.range.end).toEqual({ line: 3, column: 2, offset: text.length - 1 });
    expect(rule.scopes[0]?.range).toEqual({ start: { line: 2, column: 9, offset: 23 }, end: { line: 2, column: 21, offset: 35 } });
  });

  it('give the file range', () => {
    expect(ast.range.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(ast.range.end).toEqual({ line: 4, column: 1, offset: text.length });
  });

  it('agree with offsets everywhere, also with CRLF and astral characters', () => {
    const src = 'explain Observation {\r\n  en "😀 résultats" plural\r\n  where code = a|b {\r\n    es "x"\r\n  }\r\n}\r\n';
    const r = parseClean(src);
    const visit = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(visit);
      else if (n !== null && typeof n === 'object') {
        const node = n as { range?: A.Range };
        if (node.range !== undefined && 'start' in node.range) {
          consistent(src, node.range.start);
          consistent(src, node.range.end);
        }
        Object.values(n).forEach(visit);
      }
    };
    visit(r);
    const e = r.declarations[0] as A.ExplainBlock;
    const w = e.statements[1] as A.ExplainWhere;
    expect(w.range.start.line).toBe(3);
    expect(cover(src, w.value.range)).toBe('a|b');
  });

  it('put missing parts at a zero-width range', () => {
    const r = parsePolicy('app {\n}\n');
    const app = r.ast.declarations[0] as A.AppBlock;
    expect(app.name.missing).toBe(true);
    expect(app.name.range.start).toEqual(app.name.range.end);
  });

  it('of diagnostics point at the offending text', () => {
    const src = 'app a {\n  client pubic\n}';
    const d = parsePolicy(src).diagnostics[0];
    expect(d && cover(src, d.range)).toBe('pubic');
    expect(d?.range.start).toEqual({ line: 2, column: 10, offset: 17 });
  });
});

describe('string escapes', () => {
  it('decode \\" \\\\ \\n \\t \\$ and \\u{…}', () => {
    expect(decodeString(String.raw`"a\"b\\c\nd\te\$f\u{1F600}\u{e9}"`)).toEqual({
      value: 'a"b\\c\nd\te$f😀é',
      terminated: true,
      problems: [],
    });
  });

  it('round-trip through quoteString', () => {
    for (const s of ['plain', 'q"uote', 'back\\slash', 'line\nbreak', 'tab\t', 'ctl\u0001', 'emoji 😀', '']) {
      expect(decodeString(quoteString(s)).value).toBe(s);
    }
  });

  it('report bad escapes at their position and keep parsing', () => {
    const src = 'grant a {\n  allow x because "bad \\q and \\u{110000} and \\u{zz}"\n  deny y\n}';
    const r = parsePolicy(src);
    expect(r.diagnostics.map((d) => [d.code, cover(src, d.range), d.range.start.line, d.range.start.column])).toEqual([
      ['syntax.string.escape', '\\q', 2, 24],
      ['syntax.string.escape', '\\u{110000}', 2, 31],
      ['syntax.string.escape', '\\u', 2, 46],
    ]);
    expect((r.ast.declarations[0] as A.GrantBlock).rules).toHaveLength(2);
  });

  it('report an unterminated string and keep parsing the next line', () => {
    const r = parsePolicy('grant a {\n  allow x because "never closed\n  deny y\n}');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.string.unterminated', 2]]);
    const rules = (r.ast.declarations[0] as A.GrantBlock).rules;
    expect(rules.map((x) => [x.effect, x.because?.value])).toEqual([
      ['allow', 'never closed'],
      ['deny', undefined],
    ]);
  });

  it('keep the raw text for the formatter', () => {
    const ast = parseClean('test "a \\u{41}" { }');
    expect((ast.declarations[0] as A.TestBlock).name).toMatchObject({ value: 'a A', raw: '"a \\u{41}"' });
  });
});
