/** CST → AST for `test` blocks: tables, token and access requests, expectations, inline JSON. */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { isToken, sub, subs, tok } from './cst-access.js';
import { isReal, tokenEnd, tokenRange, tokenStart } from './positions.js';
import type { Range } from './range.js';
import { EXPECTED } from './statement-keywords.js';
import { decodeString } from './strings.js';
import * as V from './vocabulary.js';
import type { LeafBuilder } from './build-leaves.js';

// ─── test ────────────────────────────────────────────────────────────────────────────────

/** CST `testBlock` → AST. */
export function testBlock(b: LeafBuilder, n: CstNode): A.TestBlock {
  const range = b.rangeOf(n, b.eof);
  const kw = tok(n, 'Kw_test');
  const name = b.str(tok(n, 'StringLit'), kw ? tokenEnd(kw) : range.start);
  const tableNode = sub(n, 'table');
  const table = tableNode ? testTable(b, tableNode) : undefined;
  b.columns = table ? new Set(table.columns.map((c) => c.text)) : undefined;
  try {
    const statements = b.statements(subs(n, 'testStatement'), 'test', (s, key) => testStatement(b, s, key));
    return { kind: 'test', name, ...(table ? { table } : {}), statements, range };
  } finally {
    b.columns = undefined;
  }
}

/** CST `cellToken` → AST. */
export function cellToken(_b: LeafBuilder, cell: CstNode): IToken | undefined {
  for (const list of Object.values(cell.children)) {
    const e = list[0];
    if (e !== undefined && isToken(e) && isReal(e)) return e;
  }
  return undefined;
}

/** CST `testTable` → AST. */
export function testTable(b: LeafBuilder, n: CstNode): A.TestTable {
  const range = b.rangeOf(n, b.eof);
  const rowNodes = subs(n, 'tableRow');
  const columns: A.Name[] = [];
  const rows: A.TestRow[] = [];
  rowNodes.forEach((rowNode, i) => {
    const rowRange = b.rangeOf(rowNode, range.end);
    const cellToks = subs(rowNode, 'tableCell')
      .map((c) => cellToken(b, c))
      .filter((t): t is IToken => t !== undefined);
    if (i === 0) {
      for (const t of cellToks) {
        const text = t.image.startsWith('"') ? decodeString(t.image).value : t.image;
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
          b.report(
            'syntax.table.column',
            `Column names are plain names (letters, digits, _) so that \`$name\` can refer to them; \`${text}\` is not.`,
            tokenRange(t),
            { found: text },
          );
        } else if (columns.some((c) => c.text === text)) {
          b.report('syntax.table.column', `Column \`${text}\` is named twice; give each column its own name.`, tokenRange(t), {
            found: text,
          });
        }
        columns.push({ kind: 'name', text, range: tokenRange(t) });
      }
      return;
    }
    const cells = cellToks.map((t) => b.textValue(t, rowRange.end));
    if (cells.length !== columns.length) {
      b.report(
        'syntax.table.row-width',
        `This row has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header has ${columns.length}; add or remove cells (use "" for an empty one).`,
        rowRange,
        {
          expected: columns.length,
          found: cells.length,
        },
      );
    }
    rows.push({ kind: 'test.row', cells, range: rowRange });
  });
  if (rowNodes.length === 0) {
    b.report('syntax.table.row-width', 'The table is empty: write a header row `| name | … |` and at least one row of values.', range, {
      expected: 1,
      found: 0,
    });
  }
  return { kind: 'test.table', columns, rows, range };
}

/** CST `testStatement` → AST. */
export function testStatement(b: LeafBuilder, n: CstNode, key: string): A.TestStatement | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'tokenBlock':
      return { kind: 'test.token', statements: b.statements(subs(n, 'tokenField'), 'token', (s, k) => tokenField(b, s, k)), range };
    case 'accessBlock':
      return { kind: 'test.access', statements: b.statements(subs(n, 'accessField'), 'access', (s, k) => accessField(b, s, k)), range };
    case 'expectStmt':
      return expectStmt(b, n, range);
    default:
      return undefined;
  }
}

/** CST `tokenField` → AST. */
export function tokenField(b: LeafBuilder, n: CstNode, key: string): A.TokenField | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'tokenWordField': {
      const kw = tok(n, 'keyword');
      const v = tok(n, 'value');
      if (kw === undefined) return undefined;
      const examples: Record<string, string> = {
        app: 'app portal',
        grant: 'grant authorization_code',
        launch: 'launch ehr',
        user: 'user patient',
      };
      if (v === undefined) b.missing(kw, 'A value', examples[kw.image] ?? kw.image, range.end);
      switch (kw.image) {
        case 'app':
          return { kind: 'token.app', app: b.name(v, range.end), range };
        case 'grant':
          return { kind: 'token.grant', grant: b.choice(v, V.GRANT_TYPES, 'a grant type', range.end), range };
        case 'launch':
          return { kind: 'token.launch', mode: b.choice(v, V.LAUNCH_MODES, 'a launch mode', range.end), range };
        default:
          return { kind: 'token.user', user: b.choice(v, V.USER_TYPES, 'a user type', range.end), range };
      }
    }
    case 'tokenStringField': {
      const kw = tok(n, 'keyword');
      const value = b.str(tok(n, 'StringLit'), range.end);
      return kw?.image === 'client_id' ? { kind: 'token.client-id', value, range } : { kind: 'token.scope', value, range };
    }
    case 'previousScopeField':
      return { kind: 'token.previous-scope', value: b.str(tok(n, 'StringLit'), range.end), range };
    case 'contextField':
      return contextField(b, n, range);
    case 'boundField': {
      const v = tok(n, 'value');
      if (v === undefined) b.missing(tok(n, 'Kw_by'), 'A binding', 'bound by dpop', range.end);
      return { kind: 'token.bound', binding: b.choice(v, V.BINDINGS, 'a binding', range.end), range };
    }
    default:
      return undefined;
  }
}

/** CST `contextField` → AST. */
export function contextField(b: LeafBuilder, n: CstNode, range: Range): A.TestContext {
  const p = tok(n, 'parameter');
  if (p === undefined) b.missing(tok(n, 'Kw_context'), 'The context parameter', 'context patient "123"', range.end);
  const parameter = b.choice(p, V.CONTEXT_PARAMETERS, 'a launch context parameter', range.end);
  const value = b.str(tok(n, 'value'), parameter.range.end);
  const role = tok(n, 'role');
  return { kind: 'test.context', parameter, value, ...(role ? { role: b.str(role, range.end) } : {}), range };
}

/** CST `accessField` → AST. */
export function accessField(b: LeafBuilder, n: CstNode, key: string): A.AccessField | undefined {
  const range = b.rangeOf(n, b.eof);
  switch (key) {
    case 'tokenStringField': {
      const kw = tok(n, 'keyword');
      if (kw?.image !== 'scope') {
        b.report(
          'syntax.unexpected-token',
          "An access request holds the token's `scope`, `context`, `request` and `resource`; `client_id` belongs in a `token` request.",
          range,
          {
            found: kw?.image ?? '',
            expected: [...(EXPECTED['access'] ?? [])],
          },
        );
        return undefined;
      }
      return { kind: 'access.scope', value: b.str(tok(n, 'StringLit'), range.end), range };
    }
    case 'contextField':
      return contextField(b, n, range);
    case 'requestField': {
      const m = tok(n, 'method');
      if (m === undefined) b.missing(tok(n, 'Kw_request'), 'The HTTP method', 'request GET "Observation/1"', range.end);
      const method = b.name(m, range.end);
      const path = b.str(tok(n, 'path'), method.range.end);
      const q = tok(n, 'query');
      return { kind: 'access.request', method, path, ...(q ? { query: b.str(q, range.end) } : {}), range };
    }
    case 'resourceField': {
      const obj = sub(n, 'jsonObject');
      if (obj !== undefined) return { kind: 'access.resource', json: jsonObject(b, obj), range };
      return { kind: 'access.resource-file', path: b.str(tok(n, 'StringLit'), range.end), range };
    }
    default:
      return undefined;
  }
}

/** CST `expectStmt` → AST. */
export function expectStmt(b: LeafBuilder, n: CstNode, range: Range): A.Expectation | undefined {
  const what = tok(n, 'what');
  if (what === undefined) return undefined;
  switch (what.image) {
    case 'granted':
      return { kind: 'expect.granted', value: b.str(tok(n, 'StringLit'), tokenEnd(what)), range };
    case 'dropped': {
      const list = sub(n, 'scopeList');
      if (list === undefined) b.missing(what, 'A scope list', 'expect dropped patient/*.cud', range.end);
      return { kind: 'expect.dropped', scopes: b.scopeList(list, range.end), range };
    }
    case 'allow':
    case 'deny':
      return { kind: 'expect.decision', decision: b.choice(what, V.DECISIONS, 'a decision', range.end), range };
    case 'decision': {
      const v = tok(n, 'value');
      if (v === undefined) b.missing(what, 'The decision', 'expect decision allow', range.end);
      return { kind: 'expect.decision', decision: b.choice(v, V.DECISIONS, 'a decision', range.end), range };
    }
    case 'error': {
      const v = tok(n, 'value');
      if (v === undefined) b.missing(what, 'The OAuth error', 'expect error invalid_scope', range.end);
      return { kind: 'expect.error', error: b.name(v, range.end), range };
    }
    case 'reason':
      return { kind: 'expect.reason', rule: b.str(tok(n, 'StringLit'), tokenEnd(what)), range };
    case 'refresh': {
      const v = tok(n, 'value');
      if (v === undefined) b.missing(what, '`issued` or `none`', 'expect refresh issued', range.end);
      const value = b.choice(v, ['issued', 'none'] as const, 'a refresh expectation', range.end);
      return { kind: 'expect.refresh', issued: value.value === 'issued', value, range };
    }
    default:
      return undefined;
  }
}

// ─── JSON ────────────────────────────────────────────────────────────────────────────────

/** CST `jsonObject` → AST. */
export function jsonObject(b: LeafBuilder, n: CstNode): A.JsonObject {
  const range = b.rangeOf(n, b.eof);
  const seen = new Set<string>();
  const members: A.JsonMember[] = [];
  for (const m of subs(n, 'jsonMember')) {
    const mRange = b.rangeOf(m, range.end);
    const key = b.str(tok(m, 'StringLit'), mRange.start);
    if (seen.has(key.value)) {
      b.report('syntax.json.duplicate-key', `The key "${key.value}" appears twice in this object; keep one.`, key.range, {
        key: key.value,
      });
    }
    seen.add(key.value);
    const valueNode = sub(m, 'jsonValue');
    const value = valueNode ? jsonValue(b, valueNode) : undefined;
    if (value !== undefined) members.push({ kind: 'json.member', key, value, range: mRange });
  }
  return { kind: 'json.object', members, range };
}

/** CST `jsonValue` → AST. */
export function jsonValue(b: LeafBuilder, n: CstNode): A.JsonNode | undefined {
  const obj = sub(n, 'jsonObject');
  if (obj !== undefined) return jsonObject(b, obj);
  const arr = sub(n, 'jsonArray');
  if (arr !== undefined) {
    const items = subs(arr, 'jsonValue')
      .map((v) => jsonValue(b, v))
      .filter((v): v is A.JsonNode => v !== undefined);
    return { kind: 'json.array', items, range: b.rangeOf(arr, b.eof) };
  }
  const s = tok(n, 'StringLit');
  if (s !== undefined) {
    const lit = b.str(s, tokenStart(s));
    return { kind: 'json.string', value: lit.value, raw: lit.raw, range: lit.range };
  }
  const num = tok(n, 'NumberTok');
  if (num !== undefined) return { kind: 'json.number', value: Number(num.image), text: num.image, range: tokenRange(num) };
  const w = tok(n, 'Word');
  if (w === undefined) return undefined;
  if (w.image === 'true' || w.image === 'false') return { kind: 'json.boolean', value: w.image === 'true', range: tokenRange(w) };
  if (w.image === 'null') return { kind: 'json.null', range: tokenRange(w) };
  b.report('syntax.value.unknown', `\`${w.image}\` is not JSON; quote text as "${w.image}", or use true, false or null.`, tokenRange(w), {
    found: w.image,
    expected: ['true', 'false', 'null'],
  });
  return { kind: 'json.string', value: w.image, raw: JSON.stringify(w.image), range: tokenRange(w) };
}
