/** Go to symbol in workspace: the named things of every policy set an open document belongs to. */
import { SymbolKind, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver';
import type { SymbolKind as PolicySymbolKind } from 'smart-policy';
import { guarded, type ServerContext } from '../context.js';
import { toLspRange } from '../positions.js';

const KIND: Readonly<Record<PolicySymbolKind, SymbolKind>> = {
  app: SymbolKind.Class,
  rule: SymbolKind.Method,
  locale: SymbolKind.EnumMember,
  test: SymbolKind.Function,
  column: SymbolKind.Variable,
  file: SymbolKind.File,
};

export function workspaceSymbols(context: ServerContext, params: WorkspaceSymbolParams): SymbolInformation[] {
  const entries = new Set<string>();
  for (const key of context.workspace.openKeys()) for (const entry of context.workspace.entriesOf(key)) entries.add(entry);
  return context.workspace.service.workspaceSymbols([...entries], params.query.slice(0, 200)).map((s) => ({
    name: s.name,
    kind: KIND[s.kind],
    location: { uri: context.workspace.uriOf(s.uri), range: toLspRange(s.range) },
  }));
}

export function registerWorkspaceSymbols(context: ServerContext): void {
  context.connection.onWorkspaceSymbol(guarded(context, 'workspace symbols', (p: WorkspaceSymbolParams) => workspaceSymbols(context, p)));
}
