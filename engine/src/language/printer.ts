/**
 * Canonical text of an AST (the `fmt` layout), with the source's comments put back:
 * a comment on its own line stays before the statement that follows it, a comment at the end
 * of a line stays at the end of that statement's (last) line, and a comment inside a statement
 * that gets re-wrapped moves just above it. Blank lines between statements are kept (at most one).
 */
import type * as A from './ast.js';
import { quoteString } from './strings.js';

/** Lines longer than this are wrapped where the language allows it. */
export const MAX_WIDTH = 100;
const INDENT = '  ';

interface Ranged {
  readonly range: A.Range;
}

/** Prints a whole file. `text` is the source the AST came from (for blank lines). */
export function printPolicy(file: A.PolicyFile, text: string): string {
  return new Printer(file, text).print();
}

class Printer {
  private readonly out: string[] = [];
  private readonly comments: readonly A.Comment[];
  private ci = 0;
  /** End offset of the last printed element (statement or comment), for blank-line detection. */
  private lastEnd = 0;

  constructor(
    private readonly file: A.PolicyFile,
    private readonly text: string,
  ) {
    this.comments = [...file.comments].sort((a, b) => a.range.start.offset - b.range.start.offset);
  }

  print(): string {
    const items: (A.ImportStatement | A.Declaration)[] = [...this.file.imports, ...this.file.declarations].sort(
      (a, b) => a.range.start.offset - b.range.start.offset,
    );
    items.forEach((item, i) => {
      const prev = items[i - 1];
      // Blocks are separated by one blank line; consecutive imports keep the source's spacing.
      const separate = prev !== undefined && !(prev.kind === 'import' && item.kind === 'import');
      this.leadingComments(item.range.start.offset, 0, separate ? 'force' : 'keep');
      this.topItem(item, items[i + 1]?.range.start.offset ?? Infinity);
    });
    this.leadingComments(Infinity, 0, 'keep');
    while (this.out.length > 0 && this.out[this.out.length - 1] === '') this.out.pop();
    return this.out.length === 0 ? '' : `${this.out.join('\n')}\n`;
  }

  // ─── output and comments ─────────────────────────────────────────────────────────────────

  private lastLine(): string | undefined {
    return this.out[this.out.length - 1];
  }

  private emit(indent: number, s: string): void {
    this.out.push(INDENT.repeat(indent) + s);
  }

  private hasBlankLine(from: number, to: number): boolean {
    if (!Number.isFinite(to)) to = this.text.length;
    if (to <= from) return false;
    return /\n[ \t\r\f\v]*\r?\n/.test(this.text.slice(from, to));
  }

  /** Adds one blank line, never two, never at the top or right after `{`. */
  private blank(): void {
    const last = this.lastLine();
    if (last === undefined || last === '' || last.endsWith('{')) return;
    this.out.push('');
  }

  /**
   * Emits, as own-line comments at `indent`, every pending comment that starts before `before`,
   * then leaves the output ready for the element at `before`. Blank lines: `force` puts one
   * before the first thing emitted, `keep` copies the source's (at most one), `none` adds none.
   */
  private leadingComments(before: number, indent: number, mode: 'keep' | 'force' | 'none'): void {
    let first = true;
    const wantBlank = (to: number): boolean => {
      if (mode === 'none') return false;
      if (first && mode === 'force') return true;
      return this.hasBlankLine(this.lastEnd, to);
    };
    for (;;) {
      const c = this.comments[this.ci];
      if (c === undefined || c.range.start.offset >= before) break;
      if (wantBlank(c.range.start.offset)) this.blank();
      this.emit(indent, `#${c.text.trimEnd()}`);
      this.lastEnd = c.range.end.offset;
      this.ci++;
      first = false;
    }
    if (Number.isFinite(before) && wantBlank(before)) this.blank();
  }

  /** Appends comments that sit at the end of `line`, before `nextStart`, to the last output line. */
  private trailingComments(line: number, nextStart: number): void {
    for (;;) {
      const c = this.comments[this.ci];
      if (c === undefined || !c.trailing || c.range.start.line !== line || c.range.start.offset >= nextStart) break;
      this.out[this.out.length - 1] = `${this.lastLine() ?? ''} #${c.text.trimEnd()}`;
      this.lastEnd = c.range.end.offset;
      this.ci++;
    }
  }

  /** A statement printed as lines: comments inside it go above, trailing ones after. */
  private statement(node: Ranged, indent: number, lines: readonly string[], nextStart: number): void {
    this.leadingComments(node.range.end.offset, indent, 'none');
    for (const l of lines) this.emit(indent, l);
    this.lastEnd = node.range.end.offset;
    this.trailingComments(node.range.end.line, nextStart);
  }

  /**
   * A block: header line(s) ending in `{`, children, `}`.
   * `children` print themselves; each gets the start offset of its next sibling.
   */
  private block<C extends Ranged>(
    node: Ranged,
    indent: number,
    header: readonly string[],
    children: readonly C[],
    printChild: (c: C, indent: number, nextStart: number) => void,
    nextStart: number,
  ): void {
    for (const h of header) this.emit(indent, h);
    this.lastEnd = node.range.start.offset;
    const bodyStart = children[0]?.range.start.offset ?? node.range.end.offset - 1;
    // Comments on the header's first line stay there.
    const headerLine = this.out.length - header.length;
    for (;;) {
      const c = this.comments[this.ci];
      if (c === undefined || !c.trailing || c.range.start.line !== node.range.start.line || c.range.start.offset >= bodyStart) break;
      this.out[headerLine] = `${this.out[headerLine] ?? ''} #${c.text.trimEnd()}`;
      this.lastEnd = c.range.end.offset;
      this.ci++;
    }
    children.forEach((child, i) => {
      this.leadingComments(child.range.start.offset, indent + 1, i === 0 ? 'none' : 'keep');
      const next = children[i + 1]?.range.start.offset ?? node.range.end.offset - 1;
      printChild(child, indent + 1, next);
    });
    this.leadingComments(node.range.end.offset - 1, indent + 1, children.length === 0 ? 'none' : 'keep');
    if (this.lastLine() === '') this.out.pop();
    this.emit(indent, '}');
    this.lastEnd = node.range.end.offset;
    this.trailingComments(node.range.end.line, nextStart);
  }

  // ─── top level ───────────────────────────────────────────────────────────────────────────

  private topItem(item: A.ImportStatement | A.Declaration, nextStart: number): void {
    switch (item.kind) {
      case 'import':
        this.statement(item, 0, [`import ${str(item.path)}`], nextStart);
        return;
      case 'policy':
        this.block(
          item,
          0,
          [`policy ${str(item.title)} {`],
          item.statements,
          (s, i, n) => this.statement(s, i, [policyStatement(s)], n),
          nextStart,
        );
        return;
      case 'app':
        this.block(
          item,
          0,
          [`app ${item.name.text}${item.title ? ` ${str(item.title)}` : ''} {`],
          item.statements,
          (s, i, n) => this.statement(s, i, [appStatement(s)], n),
          nextStart,
        );
        return;
      case 'grant':
        this.block(
          item,
          0,
          [`grant ${item.app.text}${item.title ? ` ${str(item.title)}` : ''} {`],
          item.rules,
          (s, i, n) => this.statement(s, i, grantRule(s, i), n),
          nextStart,
        );
        return;
      case 'context':
        this.block(
          item,
          0,
          [`context ${item.app ? `${item.app.text} ` : ''}{`],
          item.statements,
          (s, i, n) => this.statement(s, i, [contextStatement(s)], n),
          nextStart,
        );
        return;
      case 'refresh':
        this.block(
          item,
          0,
          [`refresh ${item.app.text} {`],
          item.statements,
          (s, i, n) => this.statement(s, i, refreshStatement(s, i), n),
          nextStart,
        );
        return;
      case 'registration':
        this.block(
          item,
          0,
          [`registration ${item.app.text} {`],
          item.statements,
          (s, i, n) => this.statement(s, i, [registrationStatement(s)], n),
          nextStart,
        );
        return;
      case 'explain':
        this.block(
          item,
          0,
          [`explain ${item.target.text}${item.sensitive === true ? ' sensitive' : ''} {`],
          item.statements,
          (s, i, n) => this.explainStatement(s, i, n),
          nextStart,
        );
        return;
      case 'phrasebook':
        this.block(
          item,
          0,
          [`phrasebook ${item.locale.text} {`],
          item.statements,
          (s, i, n) => this.statement(s, i, [phrasebookStatement(s)], n),
          nextStart,
        );
        return;
      case 'test':
        this.block(item, 0, testHeader(item), item.statements, (s, i, n) => this.testStatement(s, i, n), nextStart);
        return;
    }
  }

  private explainStatement(s: A.ExplainStatement, indent: number, nextStart: number): void {
    if (s.kind === 'explain.text') {
      this.statement(s, indent, [explainText(s)], nextStart);
      return;
    }
    this.block(
      s,
      indent,
      [`where ${s.param.text} = ${textValue(s.value)}${s.sensitive === true ? ' sensitive' : ''} {`],
      s.texts,
      (t, i, n) => this.statement(t, i, [explainText(t)], n),
      nextStart,
    );
  }

  private testStatement(s: A.TestStatement, indent: number, nextStart: number): void {
    switch (s.kind) {
      case 'test.token':
        this.block(s, indent, ['token {'], s.statements, (f, i, n) => this.statement(f, i, [tokenField(f)], n), nextStart);
        return;
      case 'test.access':
        this.block(s, indent, ['access {'], s.statements, (f, i, n) => this.statement(f, i, accessField(f, i), n), nextStart);
        return;
      default:
        this.statement(s, indent, [expectation(s)], nextStart);
    }
  }
}

// ─── statements as text ────────────────────────────────────────────────────────────────────

function str(s: A.StringLiteral): string {
  return s.raw !== '' ? s.raw : quoteString(s.value);
}

function textValue(v: A.TextValue): string {
  return v.quoted ? quoteString(v.text) : v.text;
}

function scope(s: A.ScopeRef): string {
  return s.quoted ? quoteString(s.text) : s.text;
}

function list(items: readonly { readonly text: string }[]): string {
  return items.map((i) => i.text).join(', ');
}

function policyStatement(s: A.PolicyStatement): string {
  switch (s.kind) {
    case 'policy.fhir':
      return `fhir ${s.version.text}`;
    case 'policy.locales':
      return `locales ${list(s.locales)}`;
    case 'policy.default-locale':
      return `default locale ${s.locale.text}`;
    case 'policy.option':
      return [`option ${s.name.text}`, ...s.values.map(textValue)].join(' ');
    case 'policy.revoke-uri':
      return `revoke_uri ${str(s.uri)}`;
  }
}

function appStatement(s: A.AppStatement): string {
  switch (s.kind) {
    case 'app.client':
      return `client ${list(s.values)}`;
    case 'app.auth':
      return `auth ${list(s.values)}`;
    case 'app.registration':
      return `registration ${list(s.values)}`;
    case 'app.client-id':
      return `client_id ${s.values.map(str).join(', ')}`;
    case 'app.software-id':
      return `software_id ${s.values.map(str).join(', ')}`;
    case 'app.user':
      return `user ${list(s.values)}`;
    case 'app.launch':
      return `launch ${list(s.values)}`;
  }
}

/** Prints a condition; `and` inside `or` is parenthesised for readability, `or` inside `and` because it must be. */
export function conditionText(c: A.Condition): string {
  switch (c.kind) {
    case 'cond.or':
      return c.operands
        .map((o) => (o.kind === 'cond.and' || o.kind === 'cond.or' ? `(${conditionText(o)})` : conditionText(o)))
        .join(' or ');
    case 'cond.and':
      return c.operands
        .map((o) => (o.kind === 'cond.or' || o.kind === 'cond.and' ? `(${conditionText(o)})` : conditionText(o)))
        .join(' and ');
    case 'cond.not':
      return `not ${c.operand.kind === 'cond.and' || c.operand.kind === 'cond.or' ? `(${conditionText(c.operand)})` : conditionText(c.operand)}`;
    case 'cond.is':
      return c.subject === 'bound' ? `bound by ${list(c.values)}` : `${c.subject} is ${list(c.values)}`;
  }
}

/**
 * `allow <scopes> [when c] [because "r"]` on one line when it fits, otherwise `when` and
 * `because` move to continuation lines (indented two levels deeper).
 */
function grantRule(r: A.GrantRule, indent: number): string[] {
  const head = `${r.effect}${r.name ? ` as ${r.name.text}` : ''} ${r.scopes.map(scope).join(', ')}`;
  const when = r.condition ? `when ${conditionText(r.condition)}` : undefined;
  const because = r.because ? `because ${str(r.because)}` : undefined;
  return wrap(head, [when, because], indent);
}

function wrap(head: string, tails: readonly (string | undefined)[], indent: number): string[] {
  const parts = tails.filter((t): t is string => t !== undefined);
  const width = INDENT.length * indent;
  const oneLine = [head, ...parts].join(' ');
  if (width + oneLine.length <= MAX_WIDTH || parts.length === 0) return [oneLine];
  const continuation = INDENT.repeat(2);
  const first = parts[0];
  if (first !== undefined && width + head.length + 1 + first.length <= MAX_WIDTH) {
    return [`${head} ${first}`, ...parts.slice(1).map((p) => continuation + p)];
  }
  return [head, ...parts.map((p) => continuation + p)];
}

function contextStatement(s: A.ContextStatement): string {
  switch (s.kind) {
    case 'context.requires':
      return `${scope(s.pattern)} requires ${s.requirements.map(contextItem).join(', ')}`;
    case 'context.token-carries':
      return `token carries ${list(s.fields)}`;
    case 'context.introspection-echoes':
      return `introspection echoes ${list(s.fields)}`;
  }
}

function contextItem(i: A.ContextItem): string {
  let out = i.parameter.text;
  if (i.resourceType) out += ` ${textValue(i.resourceType)}`;
  if (i.role) out += ` role ${str(i.role)}`;
  return out;
}

function refreshStatement(s: A.RefreshStatement, indent: number): string[] {
  switch (s.kind) {
    case 'refresh.access': {
      const head = `${s.mode}_access ${s.allowed ? 'allowed' : 'denied'}`;
      return wrap(head, [s.condition ? `when ${conditionText(s.condition)}` : undefined], indent);
    }
    case 'refresh.lifetime':
      return [`lifetime ${s.duration.text}`];
    case 'refresh.idle':
      return [`idle ${s.duration.text}`];
    case 'refresh.rotate':
      return [s.rotate === 'never' ? 'rotate never' : 'rotate on every use'];
    case 'refresh.reuse':
      return [s.action === 'reject' ? 'on reuse reject' : 'on reuse revoke grant'];
    case 'refresh.bind':
      return [`bind ${list(s.bindings)}${s.required ? ' required' : ''}`];
    case 'refresh.grace':
      return [`grace ${s.duration.text}`];
    case 'refresh.remind-every':
      return [`remind every ${s.duration.text}`];
    case 'refresh.remind-cap':
      return [`remind at most ${s.count.text} per ${s.per.text}`];
  }
}

function registrationStatement(s: A.RegistrationStatement): string {
  switch (s.kind) {
    case 'registration.software-id':
      return `software_id ${s.values.map(str).join(', ')}`;
    case 'registration.initial-token-max-age':
      return `initial_token max_age ${s.duration.text}`;
    case 'registration.initial-token-single-use':
      return 'initial_token single use';
    case 'registration.algorithms':
      return `algorithms ${list(s.values)}`;
    case 'registration.instance-lifetime':
      return `instance lifetime ${s.duration.text}`;
    case 'registration.instances-per-user':
      return `instances per user ${s.count.text}`;
  }
}

function explainText(t: A.ExplainText): string {
  const audiences = t.audiences && t.audiences.length > 0 ? `for ${t.audiences.map((a) => a.text).join(', ')}` : undefined;
  return [t.locale.text, t.form?.text, str(t.text), t.gender?.text, t.number?.text, audiences].filter((p) => p !== undefined).join(' ');
}

function phrasebookStatement(s: A.PhrasebookStatement): string {
  switch (s.kind) {
    case 'phrasebook.message':
      return `message ${s.key.text} ${str(s.text)}`;
    case 'phrasebook.wildcard':
      return ['wildcard', s.form?.text, str(s.text), s.gender?.text, s.number?.text].filter((p) => p !== undefined).join(' ');
    case 'phrasebook.jargon':
      return `jargon ${s.values.map(str).join(', ')}`;
    case 'phrasebook.possessive':
      return `possessive ${s.values.map(str).join(', ')}`;
  }
}

function testHeader(t: A.TestBlock): string[] {
  if (t.table === undefined) return [`test ${str(t.name)} {`];
  const rows = [t.table.columns.map((c) => c.text), ...t.table.rows.map((r) => r.cells.map(textValue))];
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  const lines = rows.map((row) => `${INDENT}| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`);
  return [`test ${str(t.name)} with rows {`, ...lines, '} {'];
}

function tokenField(f: A.TokenField): string {
  switch (f.kind) {
    case 'token.app':
      return `app ${f.app.text}`;
    case 'token.client-id':
      return `client_id ${str(f.value)}`;
    case 'token.grant':
      return `grant ${f.grant.text}`;
    case 'token.launch':
      return `launch ${f.mode.text}`;
    case 'token.user':
      return `user ${f.user.text}`;
    case 'token.scope':
      return `scope ${str(f.value)}`;
    case 'token.previous-scope':
      return `previous scope ${str(f.value)}`;
    case 'test.context':
      return testContext(f);
    case 'token.bound':
      return `bound by ${f.binding.text}`;
  }
}

function testContext(c: A.TestContext): string {
  return `context ${c.parameter.text} ${str(c.value)}${c.role ? ` role ${str(c.role)}` : ''}`;
}

function accessField(f: A.AccessField, indent: number): string[] {
  switch (f.kind) {
    case 'access.scope':
      return [`scope ${str(f.value)}`];
    case 'test.context':
      return [testContext(f)];
    case 'access.request':
      return [`request ${f.method.text} ${str(f.path)}${f.query ? ` query ${str(f.query)}` : ''}`];
    case 'access.resource-file':
      return [`resource file ${str(f.path)}`];
    case 'access.resource': {
      const compact = `resource ${jsonCompact(f.json)}`;
      if (INDENT.length * indent + compact.length <= MAX_WIDTH) return [compact];
      return jsonMembersPerLine(f.json).map((l, i) => (i === 0 ? `resource ${l}` : l));
    }
  }
}

function expectation(e: A.Expectation): string {
  switch (e.kind) {
    case 'expect.granted':
      return `expect granted ${str(e.value)}`;
    case 'expect.dropped':
      return `expect dropped ${e.scopes.map(scope).join(', ')}`;
    case 'expect.decision':
      return e.decision.value !== undefined ? `expect ${e.decision.value}` : `expect decision ${e.decision.text}`;
    case 'expect.error':
      return `expect error ${e.error.text}`;
    case 'expect.reason':
      return `expect reason ${str(e.rule)}`;
    case 'expect.refresh':
      return `expect refresh ${e.value.text}`;
  }
}

// ─── JSON ──────────────────────────────────────────────────────────────────────────────────

function jsonScalar(v: A.JsonNode): string | undefined {
  switch (v.kind) {
    case 'json.string':
      return v.raw;
    case 'json.number':
      return v.text;
    case 'json.boolean':
      return String(v.value);
    case 'json.null':
      return 'null';
    default:
      return undefined;
  }
}

function jsonCompact(v: A.JsonNode): string {
  const s = jsonScalar(v);
  if (s !== undefined) return s;
  if (v.kind === 'json.array') return `[${v.items.map(jsonCompact).join(', ')}]`;
  if (v.kind === 'json.object')
    return v.members.length === 0 ? '{}' : `{${v.members.map((m) => `${m.key.raw}: ${jsonCompact(m.value)}`).join(', ')}}`;
  return '';
}

/**
 * An inline resource that does not fit on its line: one top-level member per line, each value
 * compact. Deeper levels are never broken (FHIR test resources are small; predictable beats pretty).
 */
function jsonMembersPerLine(v: A.JsonObject): string[] {
  const members = v.members.map((m, i) => `${INDENT}${m.key.raw}: ${jsonCompact(m.value)}${i < v.members.length - 1 ? ',' : ''}`);
  return ['{', ...members, '}'];
}
