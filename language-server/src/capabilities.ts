/**
 * What the server advertises. Every capability here has a handler registered in `server.ts`; a
 * protocol test sends a real request for each one.
 */
import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
    hoverProvider: true,
  };
}
