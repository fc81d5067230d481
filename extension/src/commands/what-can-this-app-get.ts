/** "What can this app get?": an app class's grantable scopes with their explanations, as Markdown. */
import * as vscode from 'vscode';
import { appGrantsMarkdown } from '../core/app-grants.js';
import { policyCatalog } from '../core/policy-catalog.js';
import type { PolicyWorkspace } from '../core/policy-workspace.js';
import { commandTarget, NO_POLICY_MESSAGE } from '../command-target.js';
import { pickAppClass, pickLocale } from '../pick.js';

export function registerWhatCanThisAppGet(context: vscode.ExtensionContext, workspace: PolicyWorkspace): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('smartPolicy.whatCanThisAppGet', async (...args: unknown[]) => {
      const target = commandTarget(args);
      if (target === undefined) return void vscode.window.showWarningMessage(NO_POLICY_MESSAGE);
      const entry = workspace.entryFor(target.path);
      const catalog = policyCatalog(workspace.serviceFor(entry), entry);
      const appClass = await pickAppClass(catalog, target.name);
      if (appClass === undefined) return;
      const locale = await pickLocale(catalog, target.locale);
      if (locale === undefined) return;
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: appGrantsMarkdown(catalog, { appClass, locale }),
      });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}
