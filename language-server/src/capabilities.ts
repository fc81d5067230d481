/**
 * What the server advertises. Every capability here has a handler registered in `server.ts`; a
 * protocol test sends a real request for each one.
 */
import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { COMPLETION_TRIGGERS } from './features/completion.js';
import { SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens.js';

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
    hoverProvider: true,
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
    inlayHintProvider: true,
    codeLensProvider: { resolveProvider: false },
    foldingRangeProvider: true,
    selectionRangeProvider: true,
  };
}
