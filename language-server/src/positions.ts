/**
 * The one place positions cross the boundary: the engine counts lines and columns from 1 (and
 * UTF-16 offsets from 0), LSP counts both from 0 in UTF-16 code units — so only the base moves.
 */
import type { Range as EngineRange } from 'smart-policy';
import type { Position, Range } from 'vscode-languageserver';

export function toLspRange(range: EngineRange): Range {
  return {
    start: { line: Math.max(0, range.start.line - 1), character: Math.max(0, range.start.column - 1) },
    end: { line: Math.max(0, range.end.line - 1), character: Math.max(0, range.end.column - 1) },
  };
}

/** The 0-based offset of an LSP position in `text` (clamped to the text, as editors expect). */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, position.character), end);
}

/** The LSP position of a 0-based offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: clamped - lineStart };
}
