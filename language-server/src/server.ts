/**
 * The smart-policy language server: a thin LSP transport over the engine's language service.
 * `startServer(connection)` wires every feature (one file each in `features/`) to a connection
 * made by the caller — stdio or IPC from the bin, or an in-process pair in tests and the
 * VS Code extension's bundle.
 */
import { TextDocuments, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { serverCapabilities } from './capabilities.js';
import type { ServerContext } from './context.js';
import { clearDiagnostics, registerDiagnostics, type DiagnosticsScheduler } from './features/diagnostics.js';
import { registerHover } from './features/hover.js';
import { registerCompletion } from './features/completion.js';
import { registerDefinition } from './features/definition.js';
import { registerReferences } from './features/references.js';
import { registerRename } from './features/rename.js';
import { registerDocumentSymbols } from './features/document-symbols.js';
import { registerWorkspaceSymbols } from './features/workspace-symbols.js';
import { registerFormatting } from './features/formatting.js';
import { registerCodeActions } from './features/code-actions.js';
import { registerSemanticTokens } from './features/semantic-tokens.js';
import { registerInlayHints } from './features/inlay-hints.js';
import { registerCodeLens } from './features/code-lens.js';
import { registerFoldingRanges } from './features/folding-ranges.js';
import { registerSelectionRanges } from './features/selection-ranges.js';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings.js';
import { PolicyWorkspace } from './workspace.js';

export { serverCapabilities } from './capabilities.js';
export { PolicyWorkspace } from './workspace.js';

/** The running server's handles (tests and benchmarks wait on `diagnostics.idle()`). */
export interface StartedServer {
  readonly context: ServerContext;
  readonly diagnostics: DiagnosticsScheduler;
}

/** Registers every feature on `connection` and starts listening. */
export function startServer(connection: Connection): StartedServer {
  const documents = new TextDocuments(TextDocument);
  const workspace = new PolicyWorkspace();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let configurationPull = false;
  const context: ServerContext = { connection, documents, workspace, settings: () => settings };

  connection.onInitialize((params): InitializeResult => {
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri ? [params.rootUri] : []);
    workspace.setRoots(folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri)));
    configurationPull = params.capabilities.workspace?.configuration === true;
    settings = readSettings(
      (params.initializationOptions as { smartPolicy?: unknown } | undefined)?.smartPolicy ?? params.initializationOptions,
    );
    workspace.setLintLevels(settings.lint);
    return { capabilities: serverCapabilities(), serverInfo: { name: 'smart-policy-language-server', version: '0.1.0' } };
  });

  const diagnostics = registerDiagnostics(context);

  const pullSettings = async (): Promise<void> => {
    if (!configurationPull) return;
    try {
      settings = readSettings(await connection.workspace.getConfiguration('smartPolicy'));
      workspace.setLintLevels(settings.lint);
    } catch {
      // A client that cannot answer keeps the settings it gave at start.
    }
  };
  connection.onInitialized(() => {
    void pullSettings().then(() => diagnostics.schedule());
  });
  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { smartPolicy?: unknown } | null)?.smartPolicy;
    if (pushed !== undefined) {
      settings = readSettings(pushed);
      workspace.setLintLevels(settings.lint);
      diagnostics.schedule();
    } else void pullSettings().then(() => diagnostics.schedule());
  });
  connection.onDidChangeWatchedFiles(() => {
    workspace.invalidateDisk();
    diagnostics.schedule();
  });

  documents.onDidOpen(({ document }) => {
    workspace.open(document.uri, document.getText());
    diagnostics.schedule(document.uri);
  });
  documents.onDidChangeContent(({ document }) => {
    workspace.open(document.uri, document.getText());
    diagnostics.schedule(document.uri);
  });
  documents.onDidClose(({ document }) => {
    workspace.close(document.uri);
    clearDiagnostics(context, document.uri);
    diagnostics.schedule();
  });

  registerHover(context);
  registerCompletion(context);
  registerDefinition(context);
  registerReferences(context);
  registerRename(context);
  registerDocumentSymbols(context);
  registerWorkspaceSymbols(context);
  registerFormatting(context);
  registerCodeActions(context);
  registerSemanticTokens(context);
  registerInlayHints(context);
  registerCodeLens(context);
  registerFoldingRanges(context);
  registerSelectionRanges(context);

  documents.listen(connection);
  connection.listen();
  return { context, diagnostics };
}
