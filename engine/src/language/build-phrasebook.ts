/** CST → AST for `phrasebook` blocks. */
import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { sub, subs, tok, toks } from './cst-access.js';
import { tokenEnd } from './positions.js';
import * as V from './vocabulary.js';
import type { LeafBuilder, Mutable } from './build-leaves.js';

/** CST `phrasebookBlock` → AST. */
export function phrasebookBlock(b: LeafBuilder, n: CstNode): A.PhrasebookBlock {
  const range = b.rangeOf(n, b.eof);
  const kw = tok(n, 'Kw_phrasebook');
  const locale = b.name(tok(n, 'locale'), kw ? tokenEnd(kw) : range.start);
  const statements = b.statements(subs(n, 'phrasebookStatement'), 'phrasebook', (s, key) => phrasebookStatement(b, s, key));
  return { kind: 'phrasebook', locale, statements, range };
}

function phrasebookStatement(b: LeafBuilder, n: CstNode, key: string): A.PhrasebookStatement | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'messageStmt': {
      const keyTok = tok(n, 'key');
      const at = keyTok
        ? range.end
        : b.missing(
            tok(n, 'Kw_message'),
            'A message key and its text',
            'message verb "{letter, select, r {voir} other {utiliser}}"',
            range.end,
          );
      const name = b.name(keyTok, at);
      return { kind: 'phrasebook.message', key: name, text: b.str(tok(n, 'StringLit'), name.range.end), range };
    }
    case 'wildcardStmt': {
      const text = b.str(tok(n, 'StringLit'), range.end);
      const w: Mutable<A.PhrasebookWildcard> = { kind: 'phrasebook.wildcard', text, range };
      const form = tok(n, 'form');
      if (form !== undefined) w.form = b.choice(form, V.TEXT_FORMS, 'a text form', range.end);
      const gender = tok(n, 'gender');
      if (gender !== undefined) w.gender = b.choice(gender, V.GENDERS, 'a gender', range.end);
      const number = tok(n, 'number');
      if (number !== undefined) w.number = b.choice(number, V.GRAMMATICAL_NUMBERS, 'a grammatical number', range.end);
      return w;
    }
    case 'wordsStmt': {
      const kw = tok(n, 'keyword');
      if (kw === undefined) return undefined;
      const list = sub(n, 'stringList');
      if (list === undefined) b.missing(kw, 'A quoted word list', `${kw.image} "observation", "rencontre"`, range.end);
      const values = toks(list, 'StringLit').map((t) => b.str(t, range.end));
      return { kind: kw.image === 'jargon' ? 'phrasebook.jargon' : 'phrasebook.possessive', values, range };
    }
    default:
      return undefined;
  }
}
