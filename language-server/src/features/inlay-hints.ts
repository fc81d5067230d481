/** Inlay hints: the short explanation after each scope, in the configured locale. */
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt, positionAt } from '../positions.js';

export function inlayHints(context: ServerContext, params: InlayHintParams): InlayHint[] | null {
  const settings = context.settings();
  if (!settings.inlayHints) return [];
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const start = offsetAt(doc.text, params.range.start);
  const end = offsetAt(doc.text, params.range.end);
  const locale = settings.inlayHintLocale;
  return context.workspace.service
    .inlayHints(doc.key, start, end, { entryUri: doc.entry, ...(locale ? { locale } : {}) })
    .map((h) => ({ position: positionAt(doc.text, h.offset), label: `— ${h.label}`, paddingLeft: true, tooltip: h.tooltip }));
}

export function registerInlayHints(context: ServerContext): void {
  context.connection.languages.inlayHint.on(guarded(context, 'inlay hints', (p: InlayHintParams) => inlayHints(context, p)));
}
