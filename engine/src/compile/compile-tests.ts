/**
 * Policy `test` blocks to bundle test cases. A test with a table becomes one case per row, with
 * `$column` replaced by the row's cell in strings, words and scopes, so the bundle holds plain
 * requests and the runner needs no parser.
 */
import type {
  AccessRequestBlock,
  Expectation,
  JsonNode,
  StringLiteral,
  TestBlock,
  TestContext,
  TokenRequest as AstTokenRequest,
} from '../language/ast.js';
import { findVariables } from '../language/strings.js';
import type {
  BundleTestCase,
  JsonObject,
  JsonValue,
  TestAccessRequest,
  TestContextValues,
  TestExpectations,
  TestTokenRequest,
} from './bundle-types.js';
import { spanOf } from './source-span.js';
import { appendAll } from '../util/append-all.js';

type Row = ReadonlyMap<string, string>;

const VARIABLE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Replaces `$name` by the row's value (words, scopes: their text may be a variable). */
function substWord(text: string, row: Row): string {
  if (row.size === 0 || !text.includes('$')) return text;
  return text.replace(VARIABLE, (whole, name: string) => row.get(name) ?? whole);
}

/** Strings: only the variables the raw text really has (`\$` is a literal dollar sign). */
function substString(lit: StringLiteral, row: Row): string {
  if (row.size === 0) return lit.value;
  const names = new Set(findVariables(lit.raw).map((v) => v.name));
  if (names.size === 0) return lit.value;
  return lit.value.replace(VARIABLE, (whole, name: string) => (names.has(name) ? (row.get(name) ?? whole) : whole));
}

function jsonOf(node: JsonNode): JsonValue {
  switch (node.kind) {
    case 'json.object':
      return Object.fromEntries(node.members.map((m) => [m.key.value, jsonOf(m.value)]));
    case 'json.array':
      return node.items.map(jsonOf);
    case 'json.string':
    case 'json.number':
    case 'json.boolean':
      return node.value;
    case 'json.null':
      return null;
  }
}

function addContext(
  target: { patient?: string; encounter?: string; fhirContext?: { reference: string; role?: string }[] },
  c: TestContext,
  row: Row,
): void {
  const parameter = c.parameter.value ?? substWord(c.parameter.text, row);
  const value = substString(c.value, row);
  if (parameter === 'patient') target.patient = value;
  else if (parameter === 'encounter') target.encounter = value;
  else if (parameter === 'fhirContext') {
    (target.fhirContext ??= []).push({ reference: value, ...(c.role !== undefined ? { role: substString(c.role, row) } : {}) });
  }
}

function tokenRequest(block: AstTokenRequest, row: Row): TestTokenRequest {
  const out: { -readonly [K in keyof TestTokenRequest]: TestTokenRequest[K] } = {};
  const context: { patient?: string; encounter?: string; fhirContext?: { reference: string; role?: string }[] } = {};
  const bound: string[] = [];
  for (const f of block.statements) {
    switch (f.kind) {
      case 'token.app':
        out.app = substWord(f.app.text, row);
        break;
      case 'token.client-id':
        out.clientId = substString(f.value, row);
        break;
      case 'token.grant':
        out.grant = substWord(f.grant.text, row);
        break;
      case 'token.launch':
        out.launch = substWord(f.mode.text, row);
        break;
      case 'token.user':
        out.user = substWord(f.user.text, row);
        break;
      case 'token.scope':
        out.scope = substString(f.value, row);
        break;
      case 'token.previous-scope':
        out.previousScope = substString(f.value, row);
        break;
      case 'test.context':
        addContext(context, f, row);
        break;
      case 'token.bound':
        bound.push(substWord(f.binding.text, row));
        break;
    }
  }
  if (Object.keys(context).length > 0) out.context = context as TestContextValues;
  if (bound.length > 0) out.bound = bound;
  return out;
}

function accessRequest(block: AccessRequestBlock, row: Row, resolve: (path: string) => string): TestAccessRequest {
  let scope = '';
  let request: TestAccessRequest['request'] = { method: 'GET', path: '' };
  let resource: JsonObject | undefined;
  let resourceFile: string | undefined;
  const context: { patient?: string; encounter?: string; fhirContext?: { reference: string; role?: string }[] } = {};
  for (const f of block.statements) {
    switch (f.kind) {
      case 'access.scope':
        scope = substString(f.value, row);
        break;
      case 'test.context':
        addContext(context, f, row);
        break;
      case 'access.request':
        request = {
          method: substWord(f.method.text, row).toUpperCase(),
          path: substString(f.path, row),
          ...(f.query !== undefined ? { query: substString(f.query, row) } : {}),
        };
        break;
      case 'access.resource':
        // The parser takes only a JSON object after `resource`.
        resource = jsonOf(f.json) as JsonObject;
        break;
      case 'access.resource-file':
        resourceFile = resolve(substString(f.path, row));
        break;
    }
  }
  return {
    scope,
    ...(Object.keys(context).length > 0 ? { context: context as TestContextValues } : {}),
    request,
    ...(resource !== undefined ? { resource } : {}),
    ...(resourceFile !== undefined ? { resourceFile } : {}),
  };
}

function expectations(statements: readonly Expectation[], row: Row): TestExpectations {
  const out: {
    decision?: 'allow' | 'deny';
    granted?: string;
    dropped?: string[];
    error?: string;
    reasons?: string[];
    refresh?: 'issued' | 'none';
  } = {};
  for (const e of statements) {
    switch (e.kind) {
      case 'expect.granted':
        out.granted = substString(e.value, row);
        break;
      case 'expect.dropped':
        appendAll(
          (out.dropped ??= []),
          e.scopes.map((s) => substWord(s.text, row)),
        );
        break;
      case 'expect.decision': {
        const d = e.decision.value ?? substWord(e.decision.text, row);
        if (d === 'allow' || d === 'deny') out.decision = d;
        break;
      }
      case 'expect.error':
        out.error = substWord(e.error.text, row);
        break;
      case 'expect.reason':
        (out.reasons ??= []).push(substString(e.rule, row));
        break;
      case 'expect.refresh':
        out.refresh = e.issued ? 'issued' : 'none';
        break;
    }
  }
  return out;
}

/** One test block → its cases (one per table row, or one). Tests without a request yield none. */
export function compileTest(test: TestBlock, uri: string, resolve: (path: string) => string): BundleTestCase[] {
  const name = test.name.value;
  const rows: { row: Row; index?: number; span: ReturnType<typeof spanOf> }[] = [];
  if (test.table === undefined) rows.push({ row: new Map(), span: spanOf(uri, test.range) });
  else {
    const columns = test.table.columns.map((c) => c.text);
    test.table.rows.forEach((r, i) => {
      const row = new Map<string, string>();
      for (const [j, c] of columns.entries()) row.set(c, r.cells[j]?.text ?? '');
      rows.push({ row, index: i + 1, span: spanOf(uri, r.range) });
    });
  }
  const tokenBlock = test.statements.find((s): s is AstTokenRequest => s.kind === 'test.token');
  const accessBlock = test.statements.find((s): s is AccessRequestBlock => s.kind === 'test.access');
  const expects = test.statements.filter((s): s is Expectation => s.kind.startsWith('expect.'));
  if (tokenBlock === undefined && accessBlock === undefined) return [];
  return rows.map(({ row, index, span }) => ({
    id: index === undefined ? `test:${name}` : `test:${name}#${index}`,
    name,
    ...(index !== undefined ? { row: index } : {}),
    kind: tokenBlock !== undefined ? ('token' as const) : ('access' as const),
    ...(tokenBlock !== undefined ? { token: tokenRequest(tokenBlock, row) } : {}),
    ...(tokenBlock === undefined && accessBlock !== undefined ? { access: accessRequest(accessBlock, row, resolve) } : {}),
    expect: expectations(expects, row),
    span,
  }));
}
