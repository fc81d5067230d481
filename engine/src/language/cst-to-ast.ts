/**
 * CST → AST. Works on any CST chevrotain's recovery produced: absent parts become `missing`
 * leaves or are left out, never exceptions. Reports the syntax problems the grammar cannot
 * see: unknown words of closed sets, option names and values, string escapes, table shapes,
 * variables, JSON duplicates, and statements nobody recognised (`badStatement`).
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { makeDiagnostic } from './diagnostic.js';
import type { Diagnostic } from './diagnostic.js';
import { isReal, shift, tokenEnd, tokenRange, tokenStart } from './positions.js';
import type { Position, Range } from './range.js';
import { emptyRangeAt } from './range.js';
import { decodeString, findVariables } from './strings.js';
import { closest } from './suggest.js';
import * as V from './vocabulary.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

function tok(node: CstNode | undefined, key: string, i = 0): IToken | undefined {
  const e = node?.children[key]?.[i];
  return e !== undefined && isToken(e) && isReal(e) ? e : undefined;
}

function toks(node: CstNode | undefined, key: string): IToken[] {
  const list = node?.children[key];
  if (list === undefined) return [];
  const out: IToken[] = [];
  for (const e of list) if (isToken(e) && isReal(e)) out.push(e);
  return out;
}

function sub(node: CstNode | undefined, key: string, i = 0): CstNode | undefined {
  const e = node?.children[key]?.[i];
  return e !== undefined && !isToken(e) ? e : undefined;
}

function subs(node: CstNode | undefined, key: string): CstNode[] {
  const list = node?.children[key];
  if (list === undefined) return [];
  const out: CstNode[] = [];
  for (const e of list) if (!isToken(e)) out.push(e);
  return out;
}

/** First and last real token of a CST node (recursive). */
function tokenBounds(node: CstNode): { first?: IToken; last?: IToken } {
  let first: IToken | undefined;
  let last: IToken | undefined;
  const visit = (n: CstNode): void => {
    for (const list of Object.values(n.children)) {
      for (const e of list) {
        if (isToken(e)) {
          if (!isReal(e)) continue;
          if (first === undefined || e.startOffset < first.startOffset) first = e;
          if (last === undefined || e.startOffset > last.startOffset) last = e;
        } else visit(e);
      }
    }
  };
  visit(node);
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
}

/** Every real token of a CST node, in source order. */
function allTokens(node: CstNode): IToken[] {
  const out: IToken[] = [];
  const visit = (n: CstNode): void => {
    for (const list of Object.values(n.children)) {
      for (const e of list) {
        if (isToken(e)) {
          if (isReal(e)) out.push(e);
        } else visit(e);
      }
    }
  };
  visit(node);
  return out.sort((a, b) => a.startOffset - b.startOffset);
}

/** Human words for the statements each block accepts (messages and `data.expected`). */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  file: ['import', 'policy', 'app', 'grant', 'context', 'refresh', 'registration', 'explain', 'test'],
  policy: ['fhir', 'locales', 'default locale', 'option'],
  app: ['client', 'auth', 'registration', 'client_id', 'software_id', 'user', 'launch'],
  grant: ['allow', 'deny'],
  context: ['<scope pattern> requires', 'token carries', 'introspection echoes'],
  refresh: ['offline_access', 'online_access', 'lifetime', 'idle', 'rotate', 'on reuse', 'bind', 'grace', 'remind'],
  registration: ['software_id', 'initial_token', 'algorithms', 'instance lifetime', 'instances per user'],
  explain: ['<locale> "text"', 'where'],
  where: ['<locale> "text"'],
  test: ['token', 'access', 'expect'],
  token: ['app', 'client_id', 'grant', 'launch', 'user', 'scope', 'previous scope', 'context', 'bound by'],
  access: ['scope', 'context', 'request', 'resource'],
};

const BLOCK_WORDS: Readonly<Record<string, string>> = {
  file: 'At the top level a file holds',
  policy: 'A policy block holds',
  app: 'An app block holds',
  grant: 'A grant block holds',
  context: 'A context block holds',
  refresh: 'A refresh block holds',
  registration: 'A registration block holds',
  explain: 'An explain block holds',
  where: 'A where block holds',
  test: 'A test holds',
  token: 'A token request holds',
  access: 'An access request holds',
};

export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** Column names while inside a `test … with rows` body; undefined elsewhere. */
  private columns: ReadonlySet<string> | undefined;

  constructor(
    private readonly uri: string | undefined,
    private readonly eof: Position,
  ) {}

  // ─── diagnostics and ranges ──────────────────────────────────────────────────────────────

  private report(code: string, message: string, range: Range, data?: Record<string, unknown>, severity: Diagnostic['severity'] = 'error'): void {
    this.diagnostics.push(makeDiagnostic(code, severity, message, range, { uri: this.uri, data }));
  }

  private rangeOf(node: CstNode | undefined, fallback: Position): Range {
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
  private missing(after: IToken | undefined, what: string, example: string, fallback: Position): Position {
    const at = after !== undefined ? tokenEnd(after) : fallback;
    this.report('syntax.missing-value', `${what} is missing here; write it on the same line, e.g. \`${example}\`.`, emptyRangeAt(at), {
      expected: what,
      example,
    });
    return at;
  }

  // ─── leaves ──────────────────────────────────────────────────────────────────────────────

  private checkVariableToken(t: IToken): boolean {
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
      this.report('syntax.variable.unknown', `\`${t.image}\` names no column of the table; columns are ${[...this.columns].map((c) => `\`${c}\``).join(', ')}.`, tokenRange(t), {
        name,
        columns: [...this.columns],
      });
    }
    return true;
  }

  private name(t: IToken | undefined, at: Position): A.Name {
    if (t === undefined) return { kind: 'name', text: '', missing: true, range: emptyRangeAt(at) };
    this.checkVariableToken(t);
    return { kind: 'name', text: t.image, range: tokenRange(t) };
  }

  private str(t: IToken | undefined, at: Position): A.StringLiteral {
    if (t === undefined) return { kind: 'string', value: '', raw: '', missing: true, range: emptyRangeAt(at) };
    const d = decodeString(t.image);
    const start = tokenStart(t);
    if (!d.terminated) {
      this.report('syntax.string.unterminated', 'This string is not closed: add `"` before the end of the line (strings are one line; write \\n for a line break).', tokenRange(t));
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

  private textValue(t: IToken | undefined, at: Position): A.TextValue {
    if (t === undefined) return { kind: 'text', text: '', quoted: false, missing: true, range: emptyRangeAt(at) };
    if (t.image.startsWith('"')) {
      const s = this.str(t, at);
      return { kind: 'text', text: s.value, quoted: true, range: s.range };
    }
    this.checkVariableToken(t);
    return { kind: 'text', text: t.image, quoted: false, range: tokenRange(t) };
  }

  private scopeFromItem(item: CstNode, at: Position): A.ScopeRef {
    const t = tok(item, 'ScopeTok') ?? tok(item, 'StringLit') ?? tok(item, 'Word');
    if (t === undefined) return { kind: 'scope', text: '', quoted: false, missing: true, range: emptyRangeAt(at) };
    if (t.image.startsWith('"')) {
      const s = this.str(t, at);
      return { kind: 'scope', text: s.value, quoted: true, range: s.range };
    }
    this.checkVariableToken(t);
    return { kind: 'scope', text: t.image, quoted: false, range: tokenRange(t) };
  }

  private choice<T extends string>(t: IToken | undefined, allowed: readonly T[], what: string, at: Position): A.Choice<T> {
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

  private choices<T extends string>(list: CstNode | undefined, allowed: readonly T[], what: string, at: Position): A.Choice<T>[] {
    return this.wordTokens(list).map((t) => this.choice(t, allowed, what, at));
  }

  private wordTokens(list: CstNode | undefined): IToken[] {
    if (list === undefined) return [];
    return [...toks(list, 'first'), ...toks(list, 'Word')].sort((a, b) => a.startOffset - b.startOffset);
  }

  private duration(t: IToken | undefined, at: Position): A.Duration {
    const m = t === undefined ? null : /^(\d+)([smhd])$/.exec(t.image);
    if (t === undefined || m === null) {
      return { kind: 'duration', text: t?.image ?? '', amount: 0, unit: 's', seconds: 0, missing: true, range: t ? tokenRange(t) : emptyRangeAt(at) };
    }
    const amount = Number(m[1]);
    const unit = m[2] as A.DurationUnit;
    const factor = { s: 1, m: 60, h: 3600, d: 86400 }[unit];
    if (!Number.isSafeInteger(amount * factor)) {
      this.report('syntax.number.invalid', `\`${t.image}\` is too large; durations must fit in ${Number.MAX_SAFE_INTEGER} seconds.`, tokenRange(t), { text: t.image });
    }
    return { kind: 'duration', text: t.image, amount, unit, seconds: amount * factor, range: tokenRange(t) };
  }

  private integer(t: IToken | undefined, at: Position): A.IntegerLiteral {
    if (t === undefined) return { kind: 'integer', value: 0, text: '', missing: true, range: emptyRangeAt(at) };
    const ok = /^\d+$/.test(t.image) && Number.isSafeInteger(Number(t.image));
    if (!ok) this.report('syntax.number.invalid', `\`${t.image}\` must be a whole number such as 5.`, tokenRange(t), { text: t.image });
    return { kind: 'integer', value: ok ? Number(t.image) : 0, text: t.image, range: tokenRange(t) };
  }

  // ─── bad statements ──────────────────────────────────────────────────────────────────────

  private bad(node: CstNode, block: string): void {
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
        this.report('syntax.token.invalid', `\`${found}\` cannot appear here; remove it (quote text that contains it).`, tokenRange(first), { text: found });
        return;
      case 'UnterminatedString':
        this.report('syntax.string.unterminated', 'This string is not closed: add `"` before the end of the line (strings are one line; write \\n for a line break).', tokenRange(first));
        return;
      case 'RBrace':
        this.report('syntax.unexpected-token', 'Unexpected `}`: no block is open here; remove it.', tokenRange(first), { found, expected: [...expected] });
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
  private statements<S>(stmts: CstNode[], block: string, build: (inner: CstNode, name: string) => S | undefined): S[] {
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

  // ─── file ────────────────────────────────────────────────────────────────────────────────

  buildFile(cst: CstNode, comments: readonly A.Comment[], ignores: readonly A.IgnoreDirective[], text: string): A.PolicyFile {
    const imports: A.ImportStatement[] = [];
    const declarations: A.Declaration[] = [];
    for (const item of subs(cst, 'topItem')) {
      const topBad = sub(item, 'topBad');
      if (topBad !== undefined) {
        this.bad(topBad, 'file');
        continue;
      }
      for (const [key, list] of Object.entries(item.children)) {
        for (const e of list) {
          if (isToken(e)) continue;
          if (key === 'importDecl') imports.push(this.importDecl(e));
          else {
            const d = this.declaration(e, key);
            if (d !== undefined) declarations.push(d);
          }
        }
      }
    }
    const start: Position = { line: 1, column: 1, offset: 0 };
    const file: Mutable<A.PolicyFile> = {
      kind: 'file',
      imports,
      declarations,
      comments,
      ignores,
      range: { start, end: text.length === 0 ? start : this.eof },
    };
    if (this.uri !== undefined) file.uri = this.uri;
    return file;
  }

  private importDecl(n: CstNode): A.ImportStatement {
    const range = this.rangeOf(n, this.eof);
    return { kind: 'import', path: this.str(tok(n, 'StringLit'), range.end), range };
  }

  private declaration(n: CstNode, key: string): A.Declaration | undefined {
    switch (key) {
      case 'policyBlock':
        return this.policyBlock(n);
      case 'appBlock':
        return this.appBlock(n);
      case 'grantBlock':
        return this.grantBlock(n);
      case 'contextBlock':
        return this.contextBlock(n);
      case 'refreshBlock':
        return this.refreshBlock(n);
      case 'registrationBlock':
        return this.registrationBlock(n);
      case 'explainBlock':
        return this.explainBlock(n);
      case 'testBlock':
        return this.testBlock(n);
      default:
        return undefined;
    }
  }

  // ─── policy ──────────────────────────────────────────────────────────────────────────────

  private policyBlock(n: CstNode): A.PolicyBlock {
    const range = this.rangeOf(n, this.eof);
    const kw = tok(n, 'Kw_policy');
    const title = this.str(tok(n, 'StringLit'), kw ? tokenEnd(kw) : range.start);
    const statements = this.statements(subs(n, 'policyStatement'), 'policy', (s, key) => this.policyStatement(s, key));
    return { kind: 'policy', title, statements, range };
  }

  private policyStatement(n: CstNode, key: string): A.PolicyStatement | undefined {
    const range = this.rangeOf(n, this.eof);
    switch (key) {
      case 'fhirStmt': {
        const w = tok(n, 'Word');
        const at = w ? range.end : this.missing(tok(n, 'Kw_fhir'), 'The FHIR version', 'fhir R4', range.end);
        return { kind: 'policy.fhir', version: this.name(w, at), range };
      }
      case 'localesStmt': {
        const list = sub(n, 'wordList');
        if (list === undefined) this.missing(tok(n, 'Kw_locales'), 'A locale list', 'locales en, es', range.end);
        return { kind: 'policy.locales', locales: this.wordTokens(list).map((t) => this.name(t, range.end)), range };
      }
      case 'defaultLocaleStmt': {
        const w = tok(n, 'Word');
        if (w === undefined) this.missing(tok(n, 'Kw_locale'), 'The default locale', 'default locale en', range.end);
        return { kind: 'policy.default-locale', locale: this.name(w, range.end), range };
      }
      case 'optionStmt':
        return this.optionStmt(n, range);
      default:
        return undefined;
    }
  }

  private optionStmt(n: CstNode, range: Range): A.OptionStatement {
    const nameTok = tok(n, 'name');
    if (nameTok === undefined) this.missing(tok(n, 'Kw_option'), 'The option name', 'option search.query_restricted narrow', range.end);
    const name = this.name(nameTok, range.end);
    const valueToks = subs(n, 'optionValue')
      .map((v) => Object.values(v.children).flat()[0])
      .filter((e): e is IToken => e !== undefined && isToken(e) && isReal(e));
    const values = valueToks.map((t) => this.textValue(t, range.end));
    if (nameTok === undefined) return { kind: 'policy.option', name, values, known: false, range };
    const spec = V.findOption(nameTok.image);
    if (spec === undefined) {
      const names = V.POLICY_OPTIONS.map((o) => o.name);
      const suggestion = closest(nameTok.image, names);
      this.report(
        'syntax.option.unknown',
        `There is no option \`${nameTok.image}\`${suggestion !== undefined ? ` (did you mean \`${suggestion}\`?)` : ''}; options are listed in docs/language.md.`,
        name.range,
        { found: nameTok.image, expected: names, ...(suggestion !== undefined ? { suggestion } : {}) },
      );
      return { kind: 'policy.option', name, values, known: false, range };
    }
    if (values.length !== spec.values.length) {
      const example = spec.values.map((v) => ('free' in v ? v.free : v.join('|'))).join(' ');
      this.report('syntax.option.arity', `\`option ${spec.name}\` takes ${spec.values.length} value${spec.values.length === 1 ? '' : 's'}: ${example}.`, values.length > spec.values.length ? (values[spec.values.length]?.range ?? range) : emptyRangeAt(range.end), {
        option: spec.name,
        expected: spec.values.length,
        found: values.length,
      });
    }
    spec.values.forEach((allowed, i) => {
      const v = values[i];
      if (v === undefined) return;
      const ok = 'free' in allowed ? allowed.pattern.test(v.text) : allowed.includes(v.text);
      if (!ok) {
        const expected = 'free' in allowed ? allowed.free : allowed.map((a) => `\`${a}\``).join(' or ');
        this.report('syntax.option.value', `\`${v.text}\` is not a value of \`option ${spec.name}\`; use ${expected}.`, v.range, {
          option: spec.name,
          found: v.text,
          expected: 'free' in allowed ? allowed.free : [...allowed],
        });
      }
    });
    return { kind: 'policy.option', name, values, known: true, range };
  }

  // ─── app ─────────────────────────────────────────────────────────────────────────────────

  private blockHeader(n: CstNode, keyword: string, range: Range): { name: A.Name; title?: A.StringLiteral } {
    const kw = tok(n, keyword);
    const at = kw ? tokenEnd(kw) : range.start;
    const name = this.name(tok(n, 'name'), at);
    const titleTok = tok(n, 'title');
    return titleTok !== undefined ? { name, title: this.str(titleTok, at) } : { name };
  }

  private appBlock(n: CstNode): A.AppBlock {
    const range = this.rangeOf(n, this.eof);
    const header = this.blockHeader(n, 'Kw_app', range);
    const statements = this.statements(subs(n, 'appStatement'), 'app', (s, key) => this.appStatement(s, key));
    return { kind: 'app', ...header, statements, range };
  }

  private appStatement(n: CstNode, key: string): A.AppStatement | undefined {
    const range = this.rangeOf(n, this.eof);
    const kw = tok(n, 'keyword');
    if (kw === undefined) return undefined;
    if (key === 'appStringsStmt') {
      const list = sub(n, 'stringList');
      if (list === undefined) this.missing(kw, 'A quoted value', `${kw.image} "my-app"`, range.end);
      const values = toks(list, 'StringLit').map((t) => this.str(t, range.end));
      return kw.image === 'client_id' ? { kind: 'app.client-id', values, range } : { kind: 'app.software-id', values, range };
    }
    const list = sub(n, 'wordList');
    const example: Record<string, string> = {
      client: 'client public',
      auth: 'auth private_key_jwt',
      registration: 'registration static',
      user: 'user patient',
      launch: 'launch ehr',
    };
    if (list === undefined) this.missing(kw, 'A value list', example[kw.image] ?? kw.image, range.end);
    switch (kw.image) {
      case 'client':
        return { kind: 'app.client', values: this.choices(list, V.CLIENT_TYPES, 'a client type', range.end), range };
      case 'auth':
        return { kind: 'app.auth', values: this.choices(list, V.AUTH_METHODS, 'an authentication method', range.end), range };
      case 'registration':
        return { kind: 'app.registration', values: this.choices(list, V.REGISTRATION_KINDS, 'a registration kind', range.end), range };
      case 'user':
        return { kind: 'app.user', values: this.choices(list, V.USER_TYPES, 'a user type', range.end), range };
      case 'launch':
        return { kind: 'app.launch', values: this.choices(list, V.LAUNCH_MODES, 'a launch mode', range.end), range };
      default:
        return undefined;
    }
  }

  // ─── grant ───────────────────────────────────────────────────────────────────────────────

  private grantBlock(n: CstNode): A.GrantBlock {
    const range = this.rangeOf(n, this.eof);
    const { name, title } = this.blockHeader(n, 'Kw_grant', range);
    const rules = this.statements(subs(n, 'grantStatement'), 'grant', (s) => this.grantRule(s));
    return { kind: 'grant', app: name, ...(title ? { title } : {}), rules, range };
  }

  private grantRule(n: CstNode): A.GrantRule | undefined {
    const effect = tok(n, 'effect');
    if (effect === undefined) return undefined;
    const range = this.rangeOf(n, this.eof);
    const list = sub(n, 'scopeList');
    if (list === undefined) this.missing(effect, 'A scope list', `${effect.image} patient/*.rs`, range.end);
    const scopes = subs(list, 'scopeItem').map((i) => this.scopeFromItem(i, range.end));
    const rule: Mutable<A.GrantRule> = { kind: 'grant.rule', effect: effect.image === 'deny' ? 'deny' : 'allow', scopes, range };
    const condNode = sub(n, 'condition');
    if (condNode !== undefined) {
      const c = this.condition(condNode);
      if (c !== undefined) rule.condition = c;
    }
    const because = tok(n, 'Kw_because');
    if (because !== undefined) rule.because = this.str(tok(n, 'StringLit'), tokenEnd(because));
    return rule;
  }

  private condition(n: CstNode): A.Condition | undefined {
    const operands = subs(n, 'andCondition')
      .map((a) => this.andCondition(a))
      .filter((c): c is A.Condition => c !== undefined)
      .flatMap((c) => (c.kind === 'cond.or' ? c.operands : [c]));
    if (operands.length <= 1) return operands[0];
    return { kind: 'cond.or', operands, range: this.rangeOf(n, this.eof) };
  }

  private andCondition(n: CstNode): A.Condition | undefined {
    const operands = subs(n, 'notCondition')
      .map((a) => this.notCondition(a))
      .filter((c): c is A.Condition => c !== undefined)
      .flatMap((c) => (c.kind === 'cond.and' ? c.operands : [c]));
    if (operands.length <= 1) return operands[0];
    return { kind: 'cond.and', operands, range: this.rangeOf(n, this.eof) };
  }

  private notCondition(n: CstNode): A.Condition | undefined {
    if (tok(n, 'Kw_not') !== undefined) {
      const inner = sub(n, 'notCondition');
      const operand = inner ? this.notCondition(inner) : undefined;
      return operand === undefined ? undefined : { kind: 'cond.not', operand, range: this.rangeOf(n, this.eof) };
    }
    const paren = sub(n, 'condition');
    if (paren !== undefined) return this.condition(paren);
    const is = sub(n, 'isCondition');
    return is === undefined ? undefined : this.isCondition(is);
  }

  private isCondition(n: CstNode): A.IsCondition | undefined {
    const subject = tok(n, 'subject');
    if (subject === undefined) return undefined;
    const range = this.rangeOf(n, this.eof);
    const list = sub(n, 'wordList');
    if (list === undefined) {
      const examples: Record<string, string> = {
        launch: 'launch is ehr',
        user: 'user is patient',
        client: 'client is public',
        grant: 'grant is authorization_code',
        bound: 'bound by dpop',
      };
      this.missing(tok(n, 'Kw_is') ?? tok(n, 'Kw_by'), 'A value', examples[subject.image] ?? subject.image, range.end);
    }
    const at = range.end;
    switch (subject.image) {
      case 'launch':
        return { kind: 'cond.is', subject: 'launch', values: this.choices(list, V.LAUNCH_MODES, 'a launch mode', at), range };
      case 'user':
        return { kind: 'cond.is', subject: 'user', values: this.choices(list, V.USER_TYPES, 'a user type', at), range };
      case 'client':
        return { kind: 'cond.is', subject: 'client', values: this.choices(list, V.CLIENT_TYPES, 'a client type', at), range };
      case 'grant':
        return { kind: 'cond.is', subject: 'grant', values: this.choices(list, V.GRANT_TYPES, 'a grant type', at), range };
      case 'bound':
        return { kind: 'cond.is', subject: 'bound', values: this.choices(list, V.BINDINGS, 'a binding', at), range };
      default:
        return undefined;
    }
  }

  // ─── context ─────────────────────────────────────────────────────────────────────────────

  private contextBlock(n: CstNode): A.ContextBlock {
    const range = this.rangeOf(n, this.eof);
    const nameTok = tok(n, 'name');
    const statements = this.statements(subs(n, 'contextStatement'), 'context', (s, key) => this.contextStatement(s, key));
    return { kind: 'context', ...(nameTok ? { app: this.name(nameTok, range.start) } : {}), statements, range };
  }

  private contextStatement(n: CstNode, key: string): A.ContextStatement | undefined {
    const range = this.rangeOf(n, this.eof);
    switch (key) {
      case 'tokenCarriesStmt':
      case 'introspectionStmt': {
        const list = sub(n, 'wordList');
        const carries = key === 'tokenCarriesStmt';
        if (list === undefined) {
          this.missing(tok(n, carries ? 'Kw_carries' : 'Kw_echoes'), 'A field list', carries ? 'token carries patient, encounter' : 'introspection echoes patient', range.end);
        }
        const fields = this.wordTokens(list).map((t) => this.name(t, range.end));
        return carries ? { kind: 'context.token-carries', fields, range } : { kind: 'context.introspection-echoes', fields, range };
      }
      case 'requiresStmt': {
        const patternNode = sub(n, 'pattern');
        const pattern = patternNode ? this.scopeFromItem(patternNode, range.start) : this.scopeFromItem({ name: 'scopeItem', children: {} }, range.start);
        const items = subs(n, 'contextItem');
        if (items.length === 0) this.missing(tok(n, 'Kw_requires'), 'A context requirement', 'patient/* requires patient', range.end);
        return { kind: 'context.requires', pattern, requirements: items.map((i) => this.contextItem(i)), range };
      }
      default:
        return undefined;
    }
  }

  private contextItem(n: CstNode): A.ContextItem {
    const range = this.rangeOf(n, this.eof);
    const p = tok(n, 'parameter');
    const parameter = this.choice(p, V.CONTEXT_PARAMETERS, 'a launch context parameter', range.start);
    const item: Mutable<A.ContextItem> = { kind: 'context.item', parameter, range };
    if (p?.image === 'fhirContext') {
      const rt = tok(n, 'resourceType');
      if (rt === undefined) this.missing(p, 'The fhirContext resource type', 'fhirContext ImagingStudy', range.end);
      item.resourceType = this.textValue(rt, range.end);
    }
    const role = tok(n, 'role');
    if (role !== undefined) item.role = this.str(role, range.end);
    return item;
  }

  // ─── refresh ─────────────────────────────────────────────────────────────────────────────

  private refreshBlock(n: CstNode): A.RefreshBlock {
    const range = this.rangeOf(n, this.eof);
    const { name } = this.blockHeader(n, 'Kw_refresh', range);
    const statements = this.statements(subs(n, 'refreshStatement'), 'refresh', (s, key) => this.refreshStatement(s, key));
    return { kind: 'refresh', app: name, statements, range };
  }

  private refreshStatement(n: CstNode, key: string): A.RefreshStatement | undefined {
    const range = this.rangeOf(n, this.eof);
    switch (key) {
      case 'refreshAccessStmt': {
        const mode = tok(n, 'mode')?.image === 'online_access' ? 'online' : 'offline';
        const allowed = tok(n, 'Kw_allowed') !== undefined;
        const stmt: Mutable<A.RefreshAccess> = { kind: 'refresh.access', mode, allowed, range };
        const c = sub(n, 'condition');
        if (c !== undefined) {
          const cond = this.condition(c);
          if (cond !== undefined) stmt.condition = cond;
        }
        return stmt;
      }
      case 'durationStmt': {
        const kw = tok(n, 'keyword');
        const duration = this.duration(tok(n, 'DurationTok'), range.end);
        if (kw?.image === 'idle') return { kind: 'refresh.idle', duration, range };
        if (kw?.image === 'grace') return { kind: 'refresh.grace', duration, range };
        return { kind: 'refresh.lifetime', duration, range };
      }
      case 'rotateStmt':
        return { kind: 'refresh.rotate', rotate: tok(n, 'Kw_never') !== undefined ? 'never' : 'every-use', range };
      case 'reuseStmt':
        return { kind: 'refresh.reuse', action: tok(n, 'Kw_reject') !== undefined ? 'reject' : 'revoke-grant', range };
      case 'bindStmt': {
        const list = sub(n, 'wordList');
        if (list === undefined) this.missing(tok(n, 'Kw_bind'), 'A binding', 'bind dpop required', range.end);
        return { kind: 'refresh.bind', bindings: this.choices(list, V.REFRESH_BINDINGS, 'a binding', range.end), required: tok(n, 'Kw_required') !== undefined, range };
      }
      case 'remindStmt': {
        if (tok(n, 'Kw_at') !== undefined) {
          return { kind: 'refresh.remind-cap', count: this.integer(tok(n, 'NumberTok'), range.end), per: this.duration(tok(n, 'per'), range.end), range };
        }
        return { kind: 'refresh.remind-every', duration: this.duration(tok(n, 'every'), range.end), range };
      }
      default:
        return undefined;
    }
  }

  // ─── registration ────────────────────────────────────────────────────────────────────────

  private registrationBlock(n: CstNode): A.RegistrationBlock {
    const range = this.rangeOf(n, this.eof);
    const { name } = this.blockHeader(n, 'Kw_registration', range);
    const statements = this.statements(subs(n, 'registrationStatement'), 'registration', (s, key) => this.registrationStatement(s, key));
    return { kind: 'registration', app: name, statements, range };
  }

  private registrationStatement(n: CstNode, key: string): A.RegistrationStatement | undefined {
    const range = this.rangeOf(n, this.eof);
    switch (key) {
      case 'appStringsStmt': {
        const kw = tok(n, 'keyword');
        if (kw?.image !== 'software_id') {
          this.report('syntax.unexpected-token', 'A registration block names apps by `software_id`; `client_id`s belong in the `app` block.', range, {
            found: kw?.image ?? '',
            expected: [...(EXPECTED['registration'] ?? [])],
          });
          return undefined;
        }
        const list = sub(n, 'stringList');
        if (list === undefined) this.missing(kw, 'A software id', 'software_id "com.example.app"', range.end);
        return { kind: 'registration.software-id', values: toks(list, 'StringLit').map((t) => this.str(t, range.end)), range };
      }
      case 'initialTokenStmt':
        if (tok(n, 'Kw_single') !== undefined) return { kind: 'registration.initial-token-single-use', range };
        return { kind: 'registration.initial-token-max-age', duration: this.duration(tok(n, 'DurationTok'), range.end), range };
      case 'algorithmsStmt': {
        const list = sub(n, 'wordList');
        if (list === undefined) this.missing(tok(n, 'Kw_algorithms'), 'An algorithm list', 'algorithms ES384, RS384', range.end);
        return { kind: 'registration.algorithms', values: this.wordTokens(list).map((t) => this.name(t, range.end)), range };
      }
      case 'instanceStmt':
        return { kind: 'registration.instance-lifetime', duration: this.duration(tok(n, 'DurationTok'), range.end), range };
      case 'instancesStmt':
        return { kind: 'registration.instances-per-user', count: this.integer(tok(n, 'NumberTok'), range.end), range };
      default:
        return undefined;
    }
  }

  // ─── explain ─────────────────────────────────────────────────────────────────────────────

  private explainBlock(n: CstNode): A.ExplainBlock {
    const range = this.rangeOf(n, this.eof);
    const kw = tok(n, 'Kw_explain');
    const target = this.name(tok(n, 'target'), kw ? tokenEnd(kw) : range.start);
    const statements = this.statements(subs(n, 'explainStatement'), 'explain', (s, key) =>
      key === 'whereStmt' ? this.whereStmt(s) : key === 'explainText' ? this.explainText(s) : undefined,
    );
    return { kind: 'explain', target, statements, range };
  }

  private whereStmt(n: CstNode): A.ExplainWhere {
    const range = this.rangeOf(n, this.eof);
    const param = this.name(tok(n, 'param'), range.start);
    const value = this.textValue(tok(n, 'value'), param.range.end);
    const texts = this.statements(subs(n, 'whereStatement'), 'where', (s, key) => (key === 'explainText' ? this.explainText(s) : undefined));
    return { kind: 'explain.where', param, value, texts, range };
  }

  private explainText(n: CstNode): A.ExplainText {
    const range = this.rangeOf(n, this.eof);
    const locale = this.name(tok(n, 'locale'), range.start);
    const text = this.str(tok(n, 'StringLit'), locale.range.end);
    const t: Mutable<A.ExplainText> = { kind: 'explain.text', locale, text, range };
    const form = tok(n, 'form');
    if (form !== undefined) t.form = this.choice(form, V.TEXT_FORMS, 'a text form', range.end);
    const gender = tok(n, 'gender');
    if (gender !== undefined) t.gender = this.choice(gender, V.GENDERS, 'a gender', range.end);
    const number = tok(n, 'number');
    if (number !== undefined) t.number = this.choice(number, V.GRAMMATICAL_NUMBERS, 'a grammatical number', range.end);
    return t;
  }

  // ─── test ────────────────────────────────────────────────────────────────────────────────

  private testBlock(n: CstNode): A.TestBlock {
    const range = this.rangeOf(n, this.eof);
    const kw = tok(n, 'Kw_test');
    const name = this.str(tok(n, 'StringLit'), kw ? tokenEnd(kw) : range.start);
    const tableNode = sub(n, 'table');
    const table = tableNode ? this.table(tableNode) : undefined;
    this.columns = table ? new Set(table.columns.map((c) => c.text)) : undefined;
    try {
      const statements = this.statements(subs(n, 'testStatement'), 'test', (s, key) => this.testStatement(s, key));
      return { kind: 'test', name, ...(table ? { table } : {}), statements, range };
    } finally {
      this.columns = undefined;
    }
  }

  private cellToken(cell: CstNode): IToken | undefined {
    for (const list of Object.values(cell.children)) {
      const e = list[0];
      if (e !== undefined && isToken(e) && isReal(e)) return e;
    }
    return undefined;
  }

  private table(n: CstNode): A.TestTable {
    const range = this.rangeOf(n, this.eof);
    const rowNodes = subs(n, 'tableRow');
    const columns: A.Name[] = [];
    const rows: A.TestRow[] = [];
    rowNodes.forEach((rowNode, i) => {
      const rowRange = this.rangeOf(rowNode, range.end);
      const cellToks = subs(rowNode, 'tableCell')
        .map((c) => this.cellToken(c))
        .filter((t): t is IToken => t !== undefined);
      if (i === 0) {
        for (const t of cellToks) {
          const text = t.image.startsWith('"') ? decodeString(t.image).value : t.image;
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
            this.report('syntax.table.column', `Column names are plain names (letters, digits, _) so that \`$name\` can refer to them; \`${text}\` is not.`, tokenRange(t), { found: text });
          } else if (columns.some((c) => c.text === text)) {
            this.report('syntax.table.column', `Column \`${text}\` is named twice; give each column its own name.`, tokenRange(t), { found: text });
          }
          columns.push({ kind: 'name', text, range: tokenRange(t) });
        }
        return;
      }
      const cells = cellToks.map((t) => this.textValue(t, rowRange.end));
      if (cells.length !== columns.length) {
        this.report('syntax.table.row-width', `This row has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header has ${columns.length}; add or remove cells (use "" for an empty one).`, rowRange, {
          expected: columns.length,
          found: cells.length,
        });
      }
      rows.push({ kind: 'test.row', cells, range: rowRange });
    });
    if (rowNodes.length === 0) {
      this.report('syntax.table.row-width', 'The table is empty: write a header row `| name | … |` and at least one row of values.', range, { expected: 1, found: 0 });
    }
    return { kind: 'test.table', columns, rows, range };
  }

  private testStatement(n: CstNode, key: string): A.TestStatement | undefined {
    const range = this.rangeOf(n, this.eof);
    switch (key) {
      case 'tokenBlock':
        return { kind: 'test.token', statements: this.statements(subs(n, 'tokenField'), 'token', (s, k) => this.tokenField(s, k)), range };
      case 'accessBlock':
        return { kind: 'test.access', statements: this.statements(subs(n, 'accessField'), 'access', (s, k) => this.accessField(s, k)), range };
      case 'expectStmt':
        return this.expectStmt(n, range);
      default:
        return undefined;
    }
  }

  private tokenField(n: CstNode, key: string): A.TokenField | undefined {
    const range = this.rangeOf(n, this.eof);
    switch (key) {
      case 'tokenWordField': {
        const kw = tok(n, 'keyword');
        const v = tok(n, 'value');
        if (kw === undefined) return undefined;
        const examples: Record<string, string> = { app: 'app portal', grant: 'grant authorization_code', launch: 'launch ehr', user: 'user patient' };
        if (v === undefined) this.missing(kw, 'A value', examples[kw.image] ?? kw.image, range.end);
        switch (kw.image) {
          case 'app':
            return { kind: 'token.app', app: this.name(v, range.end), range };
          case 'grant':
            return { kind: 'token.grant', grant: this.choice(v, V.GRANT_TYPES, 'a grant type', range.end), range };
          case 'launch':
            return { kind: 'token.launch', mode: this.choice(v, V.LAUNCH_MODES, 'a launch mode', range.end), range };
          default:
            return { kind: 'token.user', user: this.choice(v, V.USER_TYPES, 'a user type', range.end), range };
        }
      }
      case 'tokenStringField': {
        const kw = tok(n, 'keyword');
        const value = this.str(tok(n, 'StringLit'), range.end);
        return kw?.image === 'client_id' ? { kind: 'token.client-id', value, range } : { kind: 'token.scope', value, range };
      }
      case 'previousScopeField':
        return { kind: 'token.previous-scope', value: this.str(tok(n, 'StringLit'), range.end), range };
      case 'contextField':
        return this.contextField(n, range);
      case 'boundField': {
        const v = tok(n, 'value');
        if (v === undefined) this.missing(tok(n, 'Kw_by'), 'A binding', 'bound by dpop', range.end);
        return { kind: 'token.bound', binding: this.choice(v, V.BINDINGS, 'a binding', range.end), range };
      }
      default:
        return undefined;
    }
  }

  private contextField(n: CstNode, range: Range): A.TestContext {
    const p = tok(n, 'parameter');
    if (p === undefined) this.missing(tok(n, 'Kw_context'), 'The context parameter', 'context patient "123"', range.end);
    const parameter = this.choice(p, V.CONTEXT_PARAMETERS, 'a launch context parameter', range.end);
    const value = this.str(tok(n, 'value'), parameter.range.end);
    const role = tok(n, 'role');
    return { kind: 'test.context', parameter, value, ...(role ? { role: this.str(role, range.end) } : {}), range };
  }

  private accessField(n: CstNode, key: string): A.AccessField | undefined {
    const range = this.rangeOf(n, this.eof);
    switch (key) {
      case 'tokenStringField': {
        const kw = tok(n, 'keyword');
        if (kw?.image !== 'scope') {
          this.report('syntax.unexpected-token', 'An access request holds the token\'s `scope`, `context`, `request` and `resource`; `client_id` belongs in a `token` request.', range, {
            found: kw?.image ?? '',
            expected: [...(EXPECTED['access'] ?? [])],
          });
          return undefined;
        }
        return { kind: 'access.scope', value: this.str(tok(n, 'StringLit'), range.end), range };
      }
      case 'contextField':
        return this.contextField(n, range);
      case 'requestField': {
        const m = tok(n, 'method');
        if (m === undefined) this.missing(tok(n, 'Kw_request'), 'The HTTP method', 'request GET "Observation/1"', range.end);
        const method = this.name(m, range.end);
        const path = this.str(tok(n, 'path'), method.range.end);
        const q = tok(n, 'query');
        return { kind: 'access.request', method, path, ...(q ? { query: this.str(q, range.end) } : {}), range };
      }
      case 'resourceField': {
        const obj = sub(n, 'jsonObject');
        if (obj !== undefined) return { kind: 'access.resource', json: this.jsonObject(obj), range };
        return { kind: 'access.resource-file', path: this.str(tok(n, 'StringLit'), range.end), range };
      }
      default:
        return undefined;
    }
  }

  private expectStmt(n: CstNode, range: Range): A.Expectation | undefined {
    const what = tok(n, 'what');
    if (what === undefined) return undefined;
    switch (what.image) {
      case 'granted':
        return { kind: 'expect.granted', value: this.str(tok(n, 'StringLit'), tokenEnd(what)), range };
      case 'dropped': {
        const list = sub(n, 'scopeList');
        if (list === undefined) this.missing(what, 'A scope list', 'expect dropped patient/*.cud', range.end);
        return { kind: 'expect.dropped', scopes: subs(list, 'scopeItem').map((i) => this.scopeFromItem(i, range.end)), range };
      }
      case 'allow':
      case 'deny':
        return { kind: 'expect.decision', decision: this.choice(what, V.DECISIONS, 'a decision', range.end), range };
      case 'decision': {
        const v = tok(n, 'value');
        if (v === undefined) this.missing(what, 'The decision', 'expect decision allow', range.end);
        return { kind: 'expect.decision', decision: this.choice(v, V.DECISIONS, 'a decision', range.end), range };
      }
      case 'error': {
        const v = tok(n, 'value');
        if (v === undefined) this.missing(what, 'The OAuth error', 'expect error invalid_scope', range.end);
        return { kind: 'expect.error', error: this.name(v, range.end), range };
      }
      case 'reason':
        return { kind: 'expect.reason', rule: this.str(tok(n, 'StringLit'), tokenEnd(what)), range };
      case 'refresh': {
        const v = tok(n, 'value');
        if (v === undefined) this.missing(what, '`issued` or `none`', 'expect refresh issued', range.end);
        const value = this.choice(v, ['issued', 'none'] as const, 'a refresh expectation', range.end);
        return { kind: 'expect.refresh', issued: value.value === 'issued', value, range };
      }
      default:
        return undefined;
    }
  }

  // ─── JSON ────────────────────────────────────────────────────────────────────────────────

  private jsonObject(n: CstNode): A.JsonObject {
    const range = this.rangeOf(n, this.eof);
    const seen = new Set<string>();
    const members: A.JsonMember[] = [];
    for (const m of subs(n, 'jsonMember')) {
      const mRange = this.rangeOf(m, range.end);
      const key = this.str(tok(m, 'StringLit'), mRange.start);
      if (seen.has(key.value)) {
        this.report('syntax.json.duplicate-key', `The key "${key.value}" appears twice in this object; keep one.`, key.range, { key: key.value });
      }
      seen.add(key.value);
      const valueNode = sub(m, 'jsonValue');
      const value = valueNode ? this.jsonValue(valueNode) : undefined;
      if (value !== undefined) members.push({ kind: 'json.member', key, value, range: mRange });
    }
    return { kind: 'json.object', members, range };
  }

  private jsonValue(n: CstNode): A.JsonNode | undefined {
    const obj = sub(n, 'jsonObject');
    if (obj !== undefined) return this.jsonObject(obj);
    const arr = sub(n, 'jsonArray');
    if (arr !== undefined) {
      const items = subs(arr, 'jsonValue')
        .map((v) => this.jsonValue(v))
        .filter((v): v is A.JsonNode => v !== undefined);
      return { kind: 'json.array', items, range: this.rangeOf(arr, this.eof) };
    }
    const s = tok(n, 'StringLit');
    if (s !== undefined) {
      const lit = this.str(s, tokenStart(s));
      return { kind: 'json.string', value: lit.value, raw: lit.raw, range: lit.range };
    }
    const num = tok(n, 'NumberTok');
    if (num !== undefined) return { kind: 'json.number', value: Number(num.image), text: num.image, range: tokenRange(num) };
    const w = tok(n, 'Word');
    if (w === undefined) return undefined;
    if (w.image === 'true' || w.image === 'false') return { kind: 'json.boolean', value: w.image === 'true', range: tokenRange(w) };
    if (w.image === 'null') return { kind: 'json.null', range: tokenRange(w) };
    this.report('syntax.value.unknown', `\`${w.image}\` is not JSON; quote text as "${w.image}", or use true, false or null.`, tokenRange(w), {
      found: w.image,
      expected: ['true', 'false', 'null'],
    });
    return { kind: 'json.string', value: w.image, raw: JSON.stringify(w.image), range: tokenRange(w) };
  }
}
