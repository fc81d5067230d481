/**
 * Hover: the engine's hover at the cursor (scope, app class, option, lint code in an ignore
 * comment); on a diagnostic's range with nothing else to say, the rule's documentation.
 */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { ruleHover } from 'smart-policy';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt, toLspRange } from '../positions.js';

export function hover(context: ServerContext, params: HoverParams): Hover | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const offset = offsetAt(doc.text, params.position);
  const found =
    context.workspace.service.hover(doc.key, offset, doc.entry) ??
    context.workspace
      .diagnosticsOf(doc.key)
      .filter((d) => d.range.start.offset <= offset && offset <= d.range.end.offset)
      .map((d) => ruleHover(d.code, d.range))
      .find((h) => h !== undefined);
  if (!found) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: toLspRange(found.range) };
}

export function registerHover(context: ServerContext): void {
  context.connection.onHover(guarded(context, 'hover', (params: HoverParams) => hover(context, params)));
}
