/**
 * The reference index of a linked policy set: for every named thing, where it is defined and
 * where it is used, across the set's files. It is what go-to-definition, find-references and
 * rename read.
 *
 * Named things (`SymbolKind`):
 * - `app`     — defined by `app X`; used by `grant X`, `refresh X`, `registration X`,
 *               `context for X`, a test's `token { app X }` and the table cells of `app $col`.
 * - `rule`    — defined by `allow as N` / `deny as N` in `grant X` (key `X:N`); used by
 *               `expect reason "grant:X:N…"`.
 * - `locale`  — defined by `locales …`; used by `default locale`, `phrasebook L`, and the
 *               locale of each explanation text.
 * - `test`    — defined by `test "N"` (tests are not referenced, but named and unique).
 * - `column`  — defined by a table test's column (key `<test>#<column>`); used by `$column`
 *               anywhere in that test's body.
 * - `file`    — defined by a file of the set (its start); used by the `import`s that read it.
 */
import type { Name, PolicyFile, StringLiteral, TestBlock, TextValue } from '../language/ast.js';
import type { PolicyIndex } from '../model/policy-index.js';
import { list, textOf } from '../model/safe.js';
import type { Range } from '../language/range.js';
import { childNodes, type AstNode } from './node-at-offset.js';

export type SymbolKind = 'app' | 'rule' | 'locale' | 'test' | 'column' | 'file';

/** A place in a document. */
export interface Location {
  readonly uri: string;
  readonly range: Range;
}

/** One named thing with every definition and reference, in source order. */
export interface SymbolEntry {
  readonly kind: SymbolKind;
  /** Unique within the kind: the name, `<app>:<rule>`, `<test>#<column>`, or a file's uri. */
  readonly key: string;
  /** The name as written. */
  readonly name: string;
  readonly definitions: readonly Location[];
  readonly references: readonly Location[];
}

/** What a location names: a symbol, and whether the location is one of its definitions. */
export interface SymbolHit {
  readonly symbol: SymbolEntry;
  readonly isDefinition: boolean;
  readonly location: Location;
}

export interface ReferenceIndex {
  /** Every symbol, by kind then key order of first appearance. */
  readonly symbols: readonly SymbolEntry[];
  get(kind: SymbolKind, key: string): SymbolEntry | undefined;
  /** The symbol whose definition or reference holds `offset` in `uri` (the narrowest). */
  at(uri: string, offset: number): SymbolHit | undefined;
}

interface MutableEntry {
  kind: SymbolKind;
  key: string;
  name: string;
  definitions: Location[];
  references: Location[];
}

const VARIABLE = /\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Builds the index. `files` are the set's files (each with its `uri`); `importTarget` resolves
 * an import of a file to the uri of the file it reads (undefined when it was not loaded).
 */
export function buildReferenceIndex(
  index: PolicyIndex,
  importTarget: (fromUri: string, importPath: string) => string | undefined,
): ReferenceIndex {
  const entries = new Map<string, MutableEntry>();
  const entry = (kind: SymbolKind, key: string, name: string): MutableEntry => {
    const id = `${kind}\u0000${key}`;
    let e = entries.get(id);
    if (!e) {
      e = { kind, key, name, definitions: [], references: [] };
      entries.set(id, e);
    }
    return e;
  };
  const place = (uri: string | undefined, node: Name | TextValue | StringLiteral | undefined): Location | undefined => {
    if (uri === undefined || !node || typeof node !== 'object' || node.missing === true || !node.range) return undefined;
    return { uri, range: node.range };
  };
  const define = (kind: SymbolKind, key: string, name: string, at: Location | undefined): void => {
    if (at) entry(kind, key, name).definitions.push(at);
  };
  const use = (kind: SymbolKind, key: string, name: string, at: Location | undefined): void => {
    if (at) entry(kind, key, name).references.push(at);
  };
  const app = (uri: string | undefined, node: Name | TextValue | undefined, defining = false): void => {
    const name = textOf(node);
    if (name === undefined || name.startsWith('$')) return;
    (defining ? define : use)('app', name, name, place(uri, node));
  };

  for (const file of list<PolicyFile>(index.files)) {
    if (!file || typeof file.uri !== 'string') continue;
    const start = { line: 1, column: 1, offset: 0 };
    define('file', file.uri, file.uri, { uri: file.uri, range: { start, end: start } });
  }
  for (const file of list<PolicyFile>(index.files)) {
    if (!file || typeof file.uri !== 'string') continue;
    for (const imp of list(file.imports)) {
      if (imp?.path?.missing === true || typeof imp?.path?.value !== 'string') continue;
      const target = importTarget(file.uri, imp.path.value);
      if (target !== undefined) use('file', target, target, place(file.uri, imp.path));
    }
  }
  for (const { node, uri } of index.apps) app(uri, node.name, true);
  for (const { node, uri } of index.grants) {
    app(uri, node.app);
    const appName = textOf(node.app);
    for (const rule of list(node.rules)) {
      const ruleName = textOf(rule?.name);
      if (appName !== undefined && ruleName !== undefined) define('rule', `${appName}:${ruleName}`, ruleName, place(uri, rule.name));
    }
  }
  for (const { node, uri } of index.refreshes) app(uri, node.app);
  for (const { node, uri } of index.registrations) app(uri, node.app);
  for (const { node, uri } of index.contexts) if (node.app) app(uri, node.app);
  for (const { node, uri } of index.locales) define('locale', node.text, node.text, place(uri, node));
  if (index.defaultLocale)
    use('locale', index.defaultLocale.node.text, index.defaultLocale.node.text, place(index.defaultLocale.uri, index.defaultLocale.node));
  for (const { node, uri } of index.phrasebooks) {
    const locale = textOf(node.locale);
    if (locale !== undefined) use('locale', locale, locale, place(uri, node.locale));
  }
  for (const { node, uri } of index.explains) {
    for (const st of list(node.statements)) {
      if (st?.kind !== 'explain.text') continue;
      const locale = textOf(st.locale);
      if (locale !== undefined) use('locale', locale, locale, place(uri, st.locale));
    }
  }
  for (const { node, uri } of index.tests) indexTest(node, uri, { define, use, app, place });

  const symbols = [...entries.values()].filter((e) => e.definitions.length > 0 || e.references.length > 0);
  return {
    symbols,
    get: (kind, key) => entries.get(`${kind}\u0000${key}`),
    at(uri, offset) {
      let best: SymbolHit | undefined;
      for (const symbol of symbols) {
        for (const [locations, isDefinition] of [
          [symbol.definitions, true],
          [symbol.references, false],
        ] as const) {
          for (const location of locations) {
            if (location.uri !== uri || location.range.start.offset > offset || offset > location.range.end.offset) continue;
            if (symbol.kind === 'file' && isDefinition) continue; // a file's start is not a name under the cursor
            const width = location.range.end.offset - location.range.start.offset;
            if (!best || width < best.location.range.end.offset - best.location.range.start.offset)
              best = { symbol, isDefinition, location };
          }
        }
      }
      return best;
    },
  };
}

interface Recorders {
  define(kind: SymbolKind, key: string, name: string, at: Location | undefined): void;
  use(kind: SymbolKind, key: string, name: string, at: Location | undefined): void;
  app(uri: string | undefined, node: Name | TextValue | undefined, defining?: boolean): void;
  place(uri: string | undefined, node: Name | TextValue | StringLiteral | undefined): Location | undefined;
}

function indexTest(test: TestBlock, uri: string | undefined, r: Recorders): void {
  const testName = typeof test.name?.value === 'string' && test.name.missing !== true ? test.name.value : undefined;
  if (testName !== undefined) r.define('test', testName, testName, r.place(uri, test.name));
  const columns = test.table ? list(test.table.columns) : [];
  const columnIndex = new Map<string, number>();
  columns.forEach((c, i) => {
    const name = textOf(c);
    if (name === undefined) return;
    columnIndex.set(name, i);
    r.define('column', `${testName ?? ''}#${name}`, name, r.place(uri, c));
  });
  for (const st of list(test.statements)) {
    if (st?.kind === 'test.token') {
      for (const field of list(st.statements)) {
        if (field?.kind !== 'token.app') continue;
        r.app(uri, field.app);
        // `app $col`: each row's cell names an app class.
        const text = textOf(field.app);
        const column = text?.startsWith('$') ? columnIndex.get(text.slice(1)) : undefined;
        if (column !== undefined) for (const row of list(test.table?.rows)) r.app(uri, list(row?.cells)[column]);
      }
    }
    if (st?.kind === 'expect.reason' && st.rule?.missing !== true && typeof st.rule?.value === 'string') {
      const m = /^grant:([^:]+):([^:~@]+)/.exec(st.rule.value);
      if (m) r.use('rule', `${m[1]}:${m[2]}`, m[2] as string, r.place(uri, st.rule));
    }
  }
  // `$column` in any word, scope or string of the body (not in the table itself).
  if (columnIndex.size === 0 || uri === undefined) return;
  const stack: AstNode[] = [...list(test.statements)].filter((n): n is NonNullable<typeof n> => !!n && typeof n === 'object');
  while (stack.length > 0) {
    const node = stack.pop() as AstNode;
    const text = (node as { text?: unknown }).text ?? (node as { raw?: unknown }).raw;
    if (typeof text === 'string' && text.includes('$')) {
      for (const m of text.matchAll(VARIABLE)) {
        const name = m[1] as string;
        if (columnIndex.has(name)) r.use('column', `${testName ?? ''}#${name}`, name, { uri, range: node.range });
      }
    }
    for (const child of childNodes(node)) stack.push(child);
  }
}
