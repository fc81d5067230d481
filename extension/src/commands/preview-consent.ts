/**
 * "Preview consent screen": a webview with the consent screen of one app class in one locale,
 * rendered by the engine's consent renderer and re-rendered as any file of the set is edited.
 */
import * as vscode from 'vscode';
import { consentPreview } from '../core/consent-preview.js';
import { policyCatalog } from '../core/policy-catalog.js';
import type { PolicyWorkspace } from '../core/policy-workspace.js';
import { pickAppView } from '../pick.js';

const RERENDER_DELAY_MS = 250;

interface Preview {
  readonly panel: vscode.WebviewPanel;
  readonly entry: string;
  readonly appClass: string;
  readonly locale: string;
}

export function registerPreviewConsent(context: vscode.ExtensionContext, workspace: PolicyWorkspace): void {
  const previews = new Map<string, Preview>();

  function render(preview: Preview): void {
    const catalog = policyCatalog(workspace.serviceFor(preview.entry), preview.entry);
    const result = consentPreview(catalog, { appClass: preview.appClass, locale: preview.locale });
    preview.panel.webview.html = result.ok ? result.html : messagePage(result.message);
  }

  let timer: NodeJS.Timeout | undefined;
  const rerenderAll = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      for (const preview of previews.values()) render(preview);
    }, RERENDER_DELAY_MS);
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'smartpolicy' && previews.size > 0) rerenderAll();
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.languageId === 'smartpolicy' && previews.size > 0) rerenderAll();
    }),
    { dispose: () => timer !== undefined && clearTimeout(timer) },
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('smartPolicy.previewConsent', async (...args: unknown[]) => {
      const view = await pickAppView(workspace, args);
      if (view === undefined) return;
      const { entry, appClass, locale } = view;
      const key = `${entry}\n${appClass}\n${locale}`;
      const existing = previews.get(key);
      if (existing !== undefined) {
        existing.panel.reveal(vscode.ViewColumn.Beside);
        render(existing);
        return;
      }
      const panel = vscode.window.createWebviewPanel(
        'smartPolicy.consentPreview',
        `Consent: ${appClass} (${locale})`,
        vscode.ViewColumn.Beside,
        {
          enableScripts: false,
          enableForms: false,
          localResourceRoots: [],
        },
      );
      const preview: Preview = { panel, entry, appClass, locale };
      previews.set(key, preview);
      panel.onDidDispose(() => previews.delete(key));
      render(preview);
    }),
  );
}

function messagePage(message: string): string {
  const escaped = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';"></head><body><p>${escaped}</p></body></html>`;
}
