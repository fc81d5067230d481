/**
 * Formatting of a document and of a range: the engine's formatter (which refuses text with
 * syntax errors), sent as line edits; a range keeps only the edits that touch its lines.
 */
import type { DocumentFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { lineHunks, type LineHunk } from '../line-diff.js';

function edits(context: ServerContext, uri: string, range?: { start: { line: number }; end: { line: number } }): TextEdit[] | null {
  const doc = openPolicy(context, uri);
  if (!doc) return null;
  const result = context.workspace.service.format(doc.key);
  if (!result?.ok || !result.changed) return [];
  const hunks = lineHunks(doc.text, result.text).filter((h) => !range || touches(h, range.start.line, range.end.line));
  return hunks.map((h) => toEdit(h));
}

function touches(h: LineHunk, first: number, last: number): boolean {
  const end = h.oldStart + Math.max(h.oldCount, 1) - 1;
  return h.oldStart <= last && end >= first;
}

function toEdit(h: LineHunk): TextEdit {
  const text = h.newLines.join('');
  return { range: { start: { line: h.oldStart, character: 0 }, end: { line: h.oldStart + h.oldCount, character: 0 } }, newText: text };
}

export function registerFormatting(context: ServerContext): void {
  context.connection.onDocumentFormatting(
    guarded(context, 'formatting', (p: DocumentFormattingParams) => edits(context, p.textDocument.uri)),
  );
  context.connection.onDocumentRangeFormatting(
    guarded(context, 'range formatting', (p: DocumentRangeFormattingParams) => edits(context, p.textDocument.uri, p.range)),
  );
}
