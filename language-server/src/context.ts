/** What every feature handler gets: the connection, the open documents and the workspace. */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyWorkspace } from './workspace.js';
import type { ServerSettings } from './settings.js';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly workspace: PolicyWorkspace;
  settings(): ServerSettings;
}

/** A document the client has open, with its service key and the entry of its policy set. */
export interface OpenPolicy {
  readonly document: TextDocument;
  readonly key: string;
  readonly entry: string;
  readonly text: string;
}

/** Looks up an open document; undefined for one the client never opened. */
export function openPolicy(context: ServerContext, uri: string): OpenPolicy | undefined {
  const document = context.documents.get(uri);
  if (!document) return undefined;
  const key = context.workspace.keyOf(uri);
  return { document, key, entry: context.workspace.entryOf(key), text: document.getText() };
}

/**
 * Runs a request handler so that a bug in one feature answers "nothing here" (and is logged
 * without the document's text) instead of taking the server down.
 */
export function guarded<P, R>(context: ServerContext, feature: string, handler: (params: P) => R): (params: P) => R | null {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      context.connection.console.error(`${feature} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
      return null;
    }
  };
}
