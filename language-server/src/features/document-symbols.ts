/** The outline: one symbol per block, grant rules and `where` texts nested. */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { OutlineKind, OutlineSymbol } from 'smart-policy';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { toLspRange } from '../positions.js';

const KIND: Readonly<Record<OutlineKind, SymbolKind>> = {
  policy: SymbolKind.Module,
  app: SymbolKind.Class,
  grant: SymbolKind.Namespace,
  rule: SymbolKind.Method,
  context: SymbolKind.Interface,
  refresh: SymbolKind.Event,
  registration: SymbolKind.Constructor,
  explain: SymbolKind.String,
  where: SymbolKind.Field,
  phrasebook: SymbolKind.Package,
  test: SymbolKind.Function,
  option: SymbolKind.Property,
};

function toLsp(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
    kind: KIND[s.kind],
    range: toLspRange(s.range),
    selectionRange: toLspRange(s.selectionRange),
    children: s.children.map(toLsp),
  };
}

export function documentSymbols(context: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  return context.workspace.service.documentSymbols(doc.key).map(toLsp);
}

export function registerDocumentSymbols(context: ServerContext): void {
  context.connection.onDocumentSymbol(guarded(context, 'document symbols', (p: DocumentSymbolParams) => documentSymbols(context, p)));
}
