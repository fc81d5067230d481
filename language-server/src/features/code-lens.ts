/**
 * Code lenses: "run test" (with its result) above each policy test and "preview consent screen"
 * above each app class; the commands are the VS Code extension's (`smartPolicy.runTests`,
 * `smartPolicy.previewConsent`), with the document's uri and the test or app class name.
 */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { toLspRange } from '../positions.js';

export function codeLenses(context: ServerContext, params: CodeLensParams): CodeLens[] | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  return context.workspace.service.codeLenses(doc.key, doc.entry).map((lens) => {
    const range = toLspRange(lens.range);
    return {
      range: { start: range.start, end: range.start },
      command: { title: lens.title, command: lens.command, arguments: [params.textDocument.uri, ...lens.arguments.slice(1)] },
    };
  });
}

export function registerCodeLens(context: ServerContext): void {
  context.connection.onCodeLens(guarded(context, 'code lens', (p: CodeLensParams) => codeLenses(context, p)));
}
