/** "What can this app get?": an app class's grantable scopes with their explanations, as Markdown. */
import * as vscode from 'vscode';
import { appGrantsMarkdown } from '../core/app-grants.js';
import type { PolicyWorkspace } from '../core/policy-workspace.js';
import { pickAppView } from '../pick.js';

export function registerWhatCanThisAppGet(context: vscode.ExtensionContext, workspace: PolicyWorkspace): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('smartPolicy.whatCanThisAppGet', async (...args: unknown[]) => {
      const view = await pickAppView(workspace, args);
      if (view === undefined) return;
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: appGrantsMarkdown(view.catalog, { appClass: view.appClass, locale: view.locale }),
      });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}
