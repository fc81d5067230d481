/** Selection ranges: expand selection through the AST nodes around each cursor. */
import type { SelectionRange, SelectionRangeParams } from 'vscode-languageserver';
import { guarded, openPolicy, type ServerContext } from '../context.js';
import { offsetAt, toLspRange } from '../positions.js';

export function selectionRanges(context: ServerContext, params: SelectionRangeParams): SelectionRange[] | null {
  const doc = openPolicy(context, params.textDocument.uri);
  if (!doc) return null;
  return params.positions.slice(0, 1000).map((position) => {
    const ranges = context.workspace.service.selectionRanges(doc.key, offsetAt(doc.text, position));
    let parent: SelectionRange | undefined;
    for (let i = ranges.length - 1; i >= 0; i--) {
      const range = ranges[i];
      if (range) parent = { range: toLspRange(range), ...(parent ? { parent } : {}) };
    }
    return parent ?? { range: { start: position, end: position } };
  });
}

export function registerSelectionRanges(context: ServerContext): void {
  context.connection.onSelectionRanges(guarded(context, 'selection ranges', (p: SelectionRangeParams) => selectionRanges(context, p)));
}
