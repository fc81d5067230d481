/** Error recovery: one bad line yields one error, the rest of the file is still parsed, an AST always comes out. */
import { describe, expect, it } from 'vitest';
import type * as A from '../../src/language/ast.js';
import { parsePolicy } from '../../src/language/parse-policy.js';
import { fixture } from './helpers.js';

const complete = fixture('complete.smartpolicy');
const baseline = parsePolicy(complete);

/** Statement counts per declaration: the shape the rest of the file must keep. */
function shape(ast: A.PolicyFile): number[] {
  return ast.declarations.map((d) => {
    switch (d.kind) {
      case 'grant':
        return d.rules.length;
      default:
        return d.statements.length;
    }
  });
}

/** Line indexes (0-based) where a new statement may be inserted: right after `{` and right before `}`. */
function statementBoundaries(text: string): number[] {
  const lines = text.split('\n');
  const out: number[] = [];
  let inJsonOrTable = 0;
  lines.forEach((line, i) => {
    const t = line.trim();
    if (/with rows \{$/.test(t) || /^resource \{/.test(t)) inJsonOrTable++;
    if (inJsonOrTable > 0) {
      if (/^\} \{$/.test(t) || (t === '}' && /^ {4}\}/.test(line))) inJsonOrTable--;
      return;
    }
    if (t.endsWith('{') && !t.startsWith('#')) out.push(i + 1);
    if (t === '}') out.push(i);
  });
  return [...new Set(out)].sort((a, b) => a - b);
}

const BAD_LINES = [
  'alow patient/*.rs',
  '@@@ nonsense here',
  'lifetime',
  'fhir',
  '"an unterminated string',
  'allow patient/*.rs when',
  'option',
  'expect',
  'deny patient/*.cud because',
  'remind at most x per 3d',
  'rotate on',
  '$var',
  'client public,',
  'allow patient/*.rs,',
  'token carries patient,',
  'expect dropped a,',
];

describe('one bad line, one error', () => {
  it('the baseline is clean', () => {
    expect(baseline.diagnostics).toEqual([]);
  });

  const boundaries = statementBoundaries(complete);
  it('finds insertion points in every block kind', () => {
    expect(boundaries.length).toBeGreaterThan(25);
  });

  for (const bad of BAD_LINES) {
    it(`inserting ${JSON.stringify(bad)} anywhere gives one error on that line and keeps the rest`, () => {
      const base = shape(baseline.ast);
      for (const at of boundaries) {
        const lines = complete.split('\n');
        // Indented like the line it is inserted before (or one level inside a block it opens).
        const next = lines[at] ?? '';
        const indent = /^\s*/.exec(next)?.[0] ?? '';
        lines.splice(at, 0, `${next.trim() === '}' ? `${indent}  ` : indent}${bad}`);
        const r = parsePolicy(lines.join('\n'));
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        const where = `inserted at line ${at + 1}: ${errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.code} ${e.message}`).join(' | ')}`;
        expect(errors.length, where).toBe(1);
        expect(errors[0]?.range.start.line, where).toBe(at + 1);
        const got = shape(r.ast);
        expect(got.length, where).toBe(base.length);
        for (const [i, n] of got.entries()) expect(n - (base[i] ?? 0), where).toBeGreaterThanOrEqual(0);
        expect(got.reduce((a, b) => a + b, 0) - base.reduce((a, b) => a + b, 0), where).toBeLessThanOrEqual(1);
      }
    });
  }
});

describe('braces', () => {
  it('a missing } before the next block costs one error and the next blocks parse', () => {
    const r = parsePolicy('grant a {\n  allow x\n\ngrant b {\n  allow y\n}\napp c { user none }\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.block.unclosed', 2]]);
    expect(r.diagnostics[0]?.message).toContain('grant block is not closed');
    expect(r.ast.declarations.map((d) => d.kind)).toEqual(['grant', 'grant', 'app']);
  });

  it('a missing } of a token request costs one error', () => {
    const r = parsePolicy('test "t" {\n  token {\n    app a\n  expect allow\n}\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.block.unclosed', 3]]);
    const t = r.ast.declarations[0] as A.TestBlock;
    expect(t.statements.map((s) => s.kind)).toEqual(['test.token', 'expect.decision']);
  });

  it('many unclosed blocks are each reported, and every block is still read', () => {
    const r = parsePolicy('grant a {\n  allow x\n'.repeat(500));
    expect(r.ast.declarations).toHaveLength(500);
    expect(r.diagnostics.every((d) => d.code === 'syntax.block.unclosed')).toBe(true);
    expect(r.diagnostics).toHaveLength(500);
  });

  it('a missing } at the end of the file is reported', () => {
    const r = parsePolicy('policy "p" {\n  fhir R4\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['syntax.block.unclosed']);
    expect((r.ast.declarations[0] as A.PolicyBlock).statements).toHaveLength(1);
  });

  it('a stray } costs one error and later blocks parse', () => {
    const r = parsePolicy('grant a {\n  allow x\n}\n}\napp b { user none }\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.unexpected-token', 4]]);
    expect(r.ast.declarations.map((d) => d.kind)).toEqual(['grant', 'app']);
  });

  it('statements orphaned by an early } cost one error', () => {
    const r = parsePolicy('grant a {\n  allow x\n}\n  allow y\n  deny z\n}\napp b { user none }\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.unexpected-token', 4]]);
    expect(r.ast.declarations.map((d) => d.kind)).toEqual(['grant', 'app']);
  });

  it('an unknown block is skipped whole', () => {
    const r = parsePolicy('widget w {\n  a b c\n  d { e }\n}\napp b { user none }\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.unexpected-token', 1]]);
    expect(r.ast.declarations.map((d) => d.kind)).toEqual(['app']);
  });
});

describe('partial statements still produce nodes', () => {
  it('a block without a name has a missing name', () => {
    const r = parsePolicy('app {\n  user none\n}\n');
    expect(r.diagnostics).toHaveLength(1);
    const app = r.ast.declarations[0] as A.AppBlock;
    expect(app.name).toMatchObject({ text: '', missing: true });
    expect(app.statements).toHaveLength(1);
  });

  it('a statement missing its value is kept and reported at the end of its line', () => {
    const r = parsePolicy('refresh a {\n  lifetime\n  idle 30d\n}\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([['syntax.unexpected-token', 2, 11]]);
    const block = r.ast.declarations[0] as A.RefreshBlock;
    expect(block.statements.map((s) => s.kind)).toEqual(['refresh.lifetime', 'refresh.idle']);
    expect((block.statements[0] as A.RefreshLifetime).duration.missing).toBe(true);
  });

  it('an argument on the next line is not taken from the next statement', () => {
    const r = parsePolicy('app a {\n  user\n  launch ehr\n}\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.missing-value', 2]]);
    const app = r.ast.declarations[0] as A.AppBlock;
    expect(app.statements.map((s) => s.kind)).toEqual(['app.user', 'app.launch']);
  });

  it('a list continues after a comma on the next line, but not into the next statement', () => {
    const ok = parsePolicy('grant a {\n  allow openid,\n    offline_access,\n    launch\n}\napp b {\n  user patient,\n    none\n}\n');
    expect(ok.diagnostics).toEqual([]);
    expect((ok.ast.declarations[0] as A.GrantBlock).rules[0]?.scopes.map((s) => s.text)).toEqual(['openid', 'offline_access', 'launch']);
    const typo = parsePolicy('app a {\n  client public,\n  user none\n}\n');
    expect(typo.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.unexpected-token', 2]]);
    expect((typo.ast.declarations[0] as A.AppBlock).statements.map((s) => s.kind)).toEqual(['app.client', 'app.user']);
  });

  it('garbage at the top level costs one error', () => {
    const r = parsePolicy('app a { user none }\nthis is not a block\napp b { user none }\n');
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['syntax.unexpected-token', 2]]);
    expect(r.ast.declarations).toHaveLength(2);
  });

  it('suggests the keyword that was probably meant', () => {
    const r = parsePolicy('grant a {\n  alow x\n}\n');
    expect(r.diagnostics[0]).toMatchObject({ code: 'syntax.unexpected-token', data: { found: 'alow', suggestion: 'allow' } });
    expect(r.diagnostics[0]?.message).toContain('did you mean `allow`');
  });

  it('very deep nesting is cut off instead of overflowing the stack', () => {
    const deep = `grant a { allow x when ${'('.repeat(5000)}user is patient${')'.repeat(5000)} }\napp b { user none }`;
    const r = parsePolicy(deep);
    expect(r.diagnostics.some((d) => d.code === 'syntax.nesting.too-deep')).toBe(true);
    expect(r.ast.declarations.map((d) => d.kind)).toContain('app');
    const nots = parsePolicy(`grant a { allow x when ${'not '.repeat(10000)}user is patient }`);
    expect(nots.ast.declarations).toHaveLength(1);
  });
});
