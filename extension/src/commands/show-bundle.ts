/** "Show compiled bundle": the set's PolicyBundle JSON in a read-only-by-convention untitled editor. */
import * as vscode from 'vscode';
import { compiledBundle } from '../core/compiled-bundle.js';
import type { PolicyWorkspace } from '../core/policy-workspace.js';
import { commandTarget, NO_POLICY_MESSAGE } from '../command-target.js';

export function registerShowBundle(context: vscode.ExtensionContext, workspace: PolicyWorkspace, output: vscode.OutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('smartPolicy.showBundle', async (...args: unknown[]) => {
      const target = commandTarget(args);
      if (target === undefined) return void vscode.window.showWarningMessage(NO_POLICY_MESSAGE);
      const entry = workspace.entryFor(target.path);
      const result = compiledBundle(workspace.serviceFor(entry), entry);
      if (!result.ok) {
        output.appendLine(`The policy set of ${entry} does not compile:`);
        for (const e of result.errors) output.appendLine(`  ${e}`);
        output.show(true);
        void vscode.window.showErrorMessage(`The policy set does not compile (${result.errors.length} error(s)); see the Problems panel.`);
        return;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: result.json });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}
