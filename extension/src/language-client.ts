/**
 * The thin LSP client: every language feature (diagnostics, hover, completion, formatting, code
 * actions and lenses …) comes from the bundled smart-policy language server, started over
 * Node IPC from `dist/server.js`.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const POLICY_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'smartpolicy' },
  { scheme: 'untitled', language: 'smartpolicy' },
];

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient | undefined {
  const module = context.asAbsolutePath('dist/server.js');
  if (!existsSync(module)) return undefined;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: POLICY_SELECTOR as NonNullable<LanguageClientOptions['documentSelector']>,
    synchronize: {
      configurationSection: 'smartPolicy',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.smartpolicy'),
    },
    initializationOptions: vscode.workspace.getConfiguration('smartPolicy'),
  };
  return new LanguageClient('smartPolicy', 'smart-policy language server', serverOptions, clientOptions);
}
