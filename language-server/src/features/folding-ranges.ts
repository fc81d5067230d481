/** Folding ranges: blocks over several lines (their closing brace stays visible) and comment runs. */
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';

export function foldingRanges(context: ServerContext, params: FoldingRangeParams): FoldingRange[] | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  const out: FoldingRange[] = [];
  for (const r of context.workspace.service.foldingRanges(doc.key)) {
    const startLine = r.startLine - 1;
    const endLine = r.kind === 'region' ? r.endLine - 2 : r.endLine - 1;
    if (endLine > startLine)
      out.push({ startLine, endLine, kind: r.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region });
  }
  return out;
}

export function registerFoldingRanges(context: ServerContext): void {
  context.connection.onFoldingRanges(guarded(context, 'folding ranges', (p: FoldingRangeParams) => foldingRanges(context, p)));
}
