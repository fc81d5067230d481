/** Leaves and shared machinery of the CST → AST conversion. */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { allTokens, isToken, sub, tok, tokenBounds, toks } from './cst-access.js';
import { makeDiagnostic } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { shift, tokenEnd, tokenRange, tokenStart } from './positions.js';
import type { Position, Range } from './range.js';
import { emptyRangeAt } from './range.js';
import { BLOCK_WORDS, EXPECTED } from './statement-keywords.js';
import { decodeString, findVariables } from './strings.js';
import { closest } from './suggest.js';

/** Writable view of a readonly AST node, for building optional fields in place. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The shared part of CST → AST: diagnostics, ranges, leaves (names, strings, scopes, choices,
 * durations, numbers), unknown statements and statement lists. The per-block builders
 * (`build-*.ts`) are functions of a LeafBuilder.
 */
export class LeafBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** Column names while inside a `test … with rows` body; undefined elsewhere. */
  columns: ReadonlySet<string> | undefined;

  constructor(
    readonly uri: string | undefined,
    readonly eof: Position,
  ) {}

  // ─── diagnostics and ranges ──────────────────────────────────────────────────────────────

  report(code: string, message: string, range: Range, data?: Record<string, unknown>, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push(makeDiagnostic(code, severity, message, range, { uri: this.uri, data }));
  }

  rangeOf(node: CstNode | undefined, fallback: Position): Range {
    if (node === undefined) return emptyRangeAt(fallback);
    const loc = node.location;
    // Chevrotain tracks node locations; they are NaN around tokens inserted by recovery.
    if (
      loc !== undefined &&
      Number.isFinite(loc.startOffset) &&
      Number.isFinite(loc.endOffset) &&
      Number.isFinite(loc.startLine) &&
      Number.isFinite(loc.endLine) &&
      node.recoveredNode !== true
    ) {
      return {
        start: { line: loc.startLine as number, column: loc.startColumn as number, offset: loc.startOffset },
        end: { line: loc.endLine as number, column: (loc.endColumn as number) + 1, offset: (loc.endOffset as number) + 1 },
      };
    }
    const { first, last } = tokenBounds(node);
    if (first === undefined || last === undefined) return emptyRangeAt(fallback);
    return { start: tokenStart(first), end: tokenEnd(last) };
  }

  /** Reports a value missing after a keyword (the grammar makes these optional to stop at line ends). */
  missing(after: IToken | undefined, what: string, example: string, fallback: Position): Position {
    const at = after !== undefined ? tokenEnd(after) : fallback;
    this.report('syntax.missing-value', `${what} is missing here; write it on the same line, e.g. \`${example}\`.`, emptyRangeAt(at), {
      expected: what,
      example,
    });
    return at;
  }

  // ─── leaves ──────────────────────────────────────────────────────────────────────────────

  checkVariableToken(t: IToken): boolean {
    if (!t.image.startsWith('$')) return false;
    const name = t.image.slice(1);
    if (this.columns === undefined) {
      this.report(
        'syntax.variable.outside-table',
        `\`${t.image}\` is a table variable, but this is not the body of a \`test … with rows\` block; write the value itself.`,
        tokenRange(t),
        { name },
      );
    } else if (!this.columns.has(name)) {
      this.report(
        'syntax.variable.unknown',
        `\`${t.image}\` names no column of the table; columns are ${[...this.columns].map((c) => `\`${c}\``).join(', ')}.`,
        tokenRange(t),
        {
          name,
          columns: [...this.columns],
        },
      );
    }
    return true;
  }

  name(t: IToken | undefined, at: Position): A.Name {
    if (t === undefined) return { kind: 'name', text: '', missing: true, range: emptyRangeAt(at) };
    this.checkVariableToken(t);
    return { kind: 'name', text: t.image, range: tokenRange(t) };
  }

  str(t: IToken | undefined, at: Position): A.StringLiteral {
    if (t === undefined) return { kind: 'string', value: '', raw: '', missing: true, range: emptyRangeAt(at) };
    const d = decodeString(t.image);
    const start = tokenStart(t);
    if (!d.terminated) {
      this.report(
        'syntax.string.unterminated',
        'This string is not closed: add `"` before the end of the line (strings are one line; write \\n for a line break).',
        tokenRange(t),
      );
    }
    for (const p of d.problems) {
      const s = shift(start, p.index);
      this.report('syntax.string.escape', p.message, { start: s, end: shift(s, p.length) }, { escape: p.escape });
    }
    if (this.columns !== undefined) {
      for (const v of findVariables(t.image)) {
        if (!this.columns.has(v.name)) {
          const s = shift(start, v.index);
          this.report(
            'syntax.variable.unknown',
            `\`$${v.name}\` names no column of the table (columns: ${[...this.columns].join(', ')}); write \\$ for a literal dollar sign.`,
            { start: s, end: shift(s, v.name.length + 1) },
            { name: v.name, columns: [...this.columns] },
          );
        }
      }
    }
    return { kind: 'string', value: d.value, raw: t.image, range: tokenRange(t) };
  }

  textValue(t: IToken | undefined, at: Position): A.TextValue {
    if (t === undefined) return { kind: 'text', text: '', quoted: false, missing: true, range: emptyRangeAt(at) };
    if (t.image.startsWith('"')) {
      const s = this.str(t, at);
      return { kind: 'text', text: s.value, quoted: true, range: s.range };
    }
    this.checkVariableToken(t);
    return { kind: 'text', text: t.image, quoted: false, range: tokenRange(t) };
  }

  /** The scopes of a `scopeList` node, in order. */
  scopeList(list: CstNode | undefined, at: Position): A.ScopeRef[] {
    return toks(list, 'item').map((t) => this.scopeFromToken(t, at));
  }

  scopeFromItem(item: CstNode, at: Position): A.ScopeRef {
    return this.scopeFromToken(tok(item, 'ScopeTok') ?? tok(item, 'UriTok') ?? tok(item, 'StringLit') ?? tok(item, 'Word'), at);
  }

  scopeFromToken(t: IToken | undefined, at: Position): A.ScopeRef {
    if (t === undefined) return { kind: 'scope', text: '', quoted: false, missing: true, range: emptyRangeAt(at) };
    if (t.image.startsWith('"')) {
      const s = this.str(t, at);
      return { kind: 'scope', text: s.value, quoted: true, range: s.range };
    }
    this.checkVariableToken(t);
    return { kind: 'scope', text: t.image, quoted: false, range: tokenRange(t) };
  }

  choice<T extends string>(t: IToken | undefined, allowed: readonly T[], what: string, at: Position): A.Choice<T> {
    if (t === undefined) return { kind: 'choice', text: '', value: undefined, missing: true, range: emptyRangeAt(at) };
    const range = tokenRange(t);
    if (this.checkVariableToken(t)) return { kind: 'choice', text: t.image, value: undefined, range };
    const value = allowed.find((a) => a === t.image);
    if (value === undefined) {
      const suggestion = closest(t.image, allowed);
      this.report(
        'syntax.value.unknown',
        `\`${t.image}\` is not ${what}; use ${allowed.map((a) => `\`${a}\``).join(', ')}${suggestion !== undefined ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
        range,
        { found: t.image, expected: [...allowed], ...(suggestion !== undefined ? { suggestion } : {}) },
      );
    }
    return { kind: 'choice', text: t.image, value, range };
  }

  choices<T extends string>(list: CstNode | undefined, allowed: readonly T[], what: string, at: Position): A.Choice<T>[] {
    return this.wordTokens(list).map((t) => this.choice(t, allowed, what, at));
  }

  wordTokens(list: CstNode | undefined): IToken[] {
    if (list === undefined) return [];
    return [...toks(list, 'first'), ...toks(list, 'Word')].sort((a, b) => a.startOffset - b.startOffset);
  }

  duration(t: IToken | undefined, at: Position): A.Duration {
    const m = t === undefined ? null : /^(\d+)([smhd])$/.exec(t.image);
    if (t === undefined || m === null) {
      return {
        kind: 'duration',
        text: t?.image ?? '',
        amount: 0,
        unit: 's',
        seconds: 0,
        missing: true,
        range: t ? tokenRange(t) : emptyRangeAt(at),
      };
    }
    const amount = Number(m[1]);
    const unit = m[2] as A.DurationUnit;
    const factor = { s: 1, m: 60, h: 3600, d: 86400 }[unit];
    if (!Number.isSafeInteger(amount * factor)) {
      this.report(
        'syntax.number.invalid',
        `\`${t.image}\` is too large; durations must fit in ${Number.MAX_SAFE_INTEGER} seconds.`,
        tokenRange(t),
        { text: t.image },
      );
    }
    return { kind: 'duration', text: t.image, amount, unit, seconds: amount * factor, range: tokenRange(t) };
  }

  integer(t: IToken | undefined, at: Position): A.IntegerLiteral {
    if (t === undefined) return { kind: 'integer', value: 0, text: '', missing: true, range: emptyRangeAt(at) };
    const ok = /^\d+$/.test(t.image) && Number.isSafeInteger(Number(t.image));
    if (!ok) this.report('syntax.number.invalid', `\`${t.image}\` must be a whole number such as 5.`, tokenRange(t), { text: t.image });
    return { kind: 'integer', value: ok ? Number(t.image) : 0, text: t.image, range: tokenRange(t) };
  }

  // ─── bad statements ──────────────────────────────────────────────────────────────────────

  bad(node: CstNode, block: string): void {
    const all = allTokens(node);
    const first = all[0];
    if (first === undefined) return;
    // The range stops at the end of the first line: a squiggle, not a flood.
    const last = all.filter((t) => t.startLine === first.startLine).pop() ?? first;
    const expected = EXPECTED[block] ?? [];
    const found = first.image;
    const range = { start: tokenStart(first), end: tokenEnd(last) };
    switch (first.tokenType.name) {
      case 'Invalid':
        this.report(
          'syntax.token.invalid',
          `\`${found}\` cannot appear here; remove it (quote text that contains it).`,
          tokenRange(first),
          { text: found },
        );
        return;
      case 'UnterminatedString':
        this.report(
          'syntax.string.unterminated',
          'This string is not closed: add `"` before the end of the line (strings are one line; write \\n for a line break).',
          tokenRange(first),
        );
        return;
      case 'RBrace':
        this.report('syntax.unexpected-token', 'Unexpected `}`: no block is open here; remove it.', tokenRange(first), {
          found,
          expected: [...expected],
        });
        return;
      default:
        break;
    }
    const keywords = expected.map((e) => e.split(' ')[0] ?? e).filter((e) => !e.startsWith('<'));
    const suggestion = closest(found, keywords);
    this.report(
      'syntax.unexpected-token',
      `Unexpected \`${found}\`. ${BLOCK_WORDS[block] ?? 'This block holds'} ${expected.map((e) => `\`${e}\``).join(', ')}${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : '.'}`,
      range,
      { found, expected: [...expected], ...(suggestion !== undefined ? { suggestion } : {}) },
    );
  }

  /** Runs `build` for every statement node of a block, skipping `;` and reporting bad ones. */
  statements<S>(stmts: CstNode[], block: string, build: (inner: CstNode, name: string) => S | undefined): S[] {
    const out: S[] = [];
    for (const s of stmts) {
      const badNode = sub(s, 'badStatement');
      if (badNode !== undefined) {
        this.bad(badNode, block);
        continue;
      }
      // A statement wrapper has one child: the statement's own rule (or a `;` token).
      for (const key in s.children) {
        const list = s.children[key];
        if (list === undefined) continue;
        for (const e of list) {
          if (isToken(e)) continue; // `;`
          const built = build(e, key);
          if (built !== undefined) out.push(built);
        }
      }
    }
    return out;
  }

  // ─── block headers ───────────────────────────────────────────────────────────────────────

  blockHeader(n: CstNode, keyword: string, range: Range): { name: A.Name; title?: A.StringLiteral } {
    const kw = tok(n, keyword);
    const at = kw ? tokenEnd(kw) : range.start;
    const name = this.name(tok(n, 'name'), at);
    const titleTok = tok(n, 'title');
    return titleTok !== undefined ? { name, title: this.str(titleTok, at) } : { name };
  }
}
