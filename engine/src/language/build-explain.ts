/** CST → AST for `explain` blocks. */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { subs, tok, toks } from './cst-access.js';
import { isReal, tokenEnd } from './positions.js';
import * as V from './vocabulary.js';
import type { LeafBuilder, Mutable } from './build-leaves.js';

// ─── explain ─────────────────────────────────────────────────────────────────────────────

/** CST `explainBlock` → AST. */
export function explainBlock(b: LeafBuilder, n: CstNode): A.ExplainBlock {
  const range = b.rangeOf(n, b.eof);
  const kw = tok(n, 'Kw_explain');
  const target = b.name(tok(n, 'target'), kw ? tokenEnd(kw) : range.start);
  const statements = b.statements(subs(n, 'explainStatement'), 'explain', (s, key) =>
    key === 'whereStmt' ? whereStmt(b, s) : key === 'explainText' ? explainText(b, s) : undefined,
  );
  const block: Mutable<A.ExplainBlock> = { kind: 'explain', target, statements, range };
  if (isMarked(tok(n, 'Kw_sensitive'))) block.sensitive = true;
  return block;
}

/** CST `whereStmt` → AST. */
export function whereStmt(b: LeafBuilder, n: CstNode): A.ExplainWhere {
  const range = b.rangeOf(n, b.eof);
  const param = b.name(tok(n, 'param'), range.start);
  const value = b.textValue(tok(n, 'value'), param.range.end);
  const texts = b.statements(subs(n, 'whereStatement'), 'where', (s, key) => (key === 'explainText' ? explainText(b, s) : undefined));
  const where: Mutable<A.ExplainWhere> = { kind: 'explain.where', param, value, texts, range };
  if (isMarked(tok(n, 'Kw_sensitive'))) where.sensitive = true;
  return where;
}

/** A keyword the parser really read (not one inserted by error recovery). */
function isMarked(t: IToken | undefined): boolean {
  return t !== undefined && isReal(t);
}

/** CST `explainText` → AST. */
export function explainText(b: LeafBuilder, n: CstNode): A.ExplainText {
  const range = b.rangeOf(n, b.eof);
  const locale = b.name(tok(n, 'locale'), range.start);
  const text = b.str(tok(n, 'StringLit'), locale.range.end);
  const t: Mutable<A.ExplainText> = { kind: 'explain.text', locale, text, range };
  const form = tok(n, 'form');
  if (form !== undefined) t.form = b.choice(form, V.TEXT_FORMS, 'a text form', range.end);
  const gender = tok(n, 'gender');
  if (gender !== undefined) t.gender = b.choice(gender, V.GENDERS, 'a gender', range.end);
  const number = tok(n, 'number');
  if (number !== undefined) t.number = b.choice(number, V.GRAMMATICAL_NUMBERS, 'a grammatical number', range.end);
  const audiences = toks(n, 'audience');
  if (audiences.length > 0) t.audiences = audiences.map((a) => b.choice(a, V.TEXT_AUDIENCES, 'an audience', range.end));
  return t;
}
