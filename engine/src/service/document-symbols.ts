/**
 * The outline of a document (one symbol per block, grant rules and `where` texts nested) and the
 * workspace's named things for "go to symbol in workspace".
 */
import type { Declaration, PolicyFile } from '../language/ast.js';
import type { Range } from '../language/range.js';
import { list, textOf } from '../model/safe.js';
import type { LinkedSet } from './service-types.js';
import type { SymbolKind } from './reference-index.js';

export type OutlineKind =
  | 'policy'
  | 'app'
  | 'grant'
  | 'rule'
  | 'context'
  | 'refresh'
  | 'registration'
  | 'explain'
  | 'where'
  | 'phrasebook'
  | 'test'
  | 'option';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  /** The whole block. */
  readonly range: Range;
  /** The part to highlight: the block's name. */
  readonly selectionRange: Range;
  readonly children: readonly OutlineSymbol[];
}

export function documentSymbols(file: PolicyFile): OutlineSymbol[] {
  return list(file.declarations)
    .map(declarationSymbol)
    .filter((s): s is OutlineSymbol => s !== undefined);
}

function sym(
  kind: OutlineKind,
  name: string,
  range: Range,
  selectionRange: Range | undefined,
  children: OutlineSymbol[] = [],
  detail?: string,
): OutlineSymbol {
  return {
    kind,
    name: name === '' ? `(${kind})` : name,
    range,
    selectionRange: selectionRange ?? range,
    children,
    ...(detail ? { detail } : {}),
  };
}

function declarationSymbol(d: Declaration): OutlineSymbol | undefined {
  if (!d || typeof d !== 'object') return undefined;
  switch (d.kind) {
    case 'policy':
      return sym(
        'policy',
        `policy ${d.title?.raw ?? ''}`,
        d.range,
        d.title?.range,
        list(d.statements)
          .filter((s) => s.kind === 'policy.option')
          .map((s) => sym('option', `option ${textOf(s.name) ?? ''}`, s.range, s.name?.range)),
      );
    case 'app':
      return sym('app', `app ${textOf(d.name) ?? ''}`, d.range, d.name?.range, [], d.title?.value);
    case 'grant':
      return sym(
        'grant',
        `grant ${textOf(d.app) ?? ''}`,
        d.range,
        d.app?.range,
        list(d.rules).map((r) => {
          const scopes = list(r.scopes).map((s) => s.text);
          const name = textOf(r.name);
          return sym(
            'rule',
            `${r.effect}${name ? ` as ${name}` : ''} ${scopes[0] ?? ''}${scopes.length > 1 ? ` +${scopes.length - 1}` : ''}`,
            r.range,
            r.name?.range,
          );
        }),
      );
    case 'context':
      return sym('context', `context${d.app ? ` for ${textOf(d.app) ?? ''}` : ''}`, d.range, d.app?.range);
    case 'refresh':
      return sym('refresh', `refresh ${textOf(d.app) ?? ''}`, d.range, d.app?.range);
    case 'registration':
      return sym('registration', `registration ${textOf(d.app) ?? ''}`, d.range, d.app?.range);
    case 'explain':
      return sym(
        'explain',
        `explain ${textOf(d.target) ?? ''}`,
        d.range,
        d.target?.range,
        list(d.statements)
          .filter((s) => s.kind === 'explain.where')
          .map((w) => sym('where', `where ${textOf(w.param) ?? ''} = ${w.value?.text ?? ''}`, w.range, w.param?.range)),
      );
    case 'phrasebook':
      return sym('phrasebook', `phrasebook ${textOf(d.locale) ?? ''}`, d.range, d.locale?.range);
    case 'test':
      return sym('test', `test ${d.name?.raw ?? ''}`, d.range, d.name?.range);
    default:
      return undefined;
  }
}

/** A named thing of the workspace, for "go to symbol in workspace". */
export interface WorkspaceSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  readonly uri: string;
  readonly range: Range;
}

/** Named things (app classes, grant rules, tests, locales) of the sets, matching `query` (subsequence, case-insensitive). */
export function workspaceSymbols(sets: readonly LinkedSet[], query: string, limit = 500): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const seen = new Set<string>();
  const q = query.toLowerCase();
  for (const set of sets) {
    for (const symbol of set.references.symbols) {
      if (symbol.kind === 'file' || symbol.kind === 'column') continue;
      if (!isSubsequence(q, symbol.name.toLowerCase())) continue;
      for (const d of symbol.definitions) {
        const id = `${symbol.kind}\u0000${d.uri}\u0000${d.range.start.offset}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ name: symbol.name, kind: symbol.kind, uri: d.uri, range: d.range });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

function isSubsequence(query: string, name: string): boolean {
  let i = 0;
  for (const c of name) if (i < query.length && c === query[i]) i++;
  return i === query.length;
}
