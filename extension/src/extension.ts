/**
 * The smart-policy extension: a thin client of the bundled language server, plus the commands
 * that show a policy set the way its readers will meet it (consent screen, grantable scopes,
 * compiled bundle, policy tests). The commands call the engine's pure functions on the editor's
 * texts; they never parse or check policies themselves.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createPolicyWorkspace } from './core/policy-workspace.js';
import { createLanguageClient } from './language-client.js';
import { registerPolicyTests } from './commands/policy-test-controller.js';
import { registerPreviewConsent } from './commands/preview-consent.js';
import { registerShowBundle } from './commands/show-bundle.js';
import { registerWhatCanThisAppGet } from './commands/what-can-this-app-get.js';

let client: LanguageClient | undefined;

function openText(path: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path)?.getText();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('smart-policy');
  context.subscriptions.push(output);
  const workspace = createPolicyWorkspace(openText);
  registerPreviewConsent(context, workspace);
  registerPolicyTests(context, workspace);
  registerShowBundle(context, workspace, output);
  registerWhatCanThisAppGet(context, workspace);

  client = createLanguageClient(context);
  if (client === undefined) {
    output.appendLine('The language server is not bundled in this build: diagnostics, hover and completion are off.');
    return;
  }
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
