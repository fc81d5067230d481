/**
 * Ranges of chevrotain tokens. Tokens inserted by error recovery have no position (`NaN`);
 * callers treat them as missing.
 */
import type { IToken } from 'chevrotain';
import type { Position, Range } from './range.js';

/** True for a token that exists in the text (not inserted by recovery). */
export function isReal(t: IToken | undefined): t is IToken {
  return t !== undefined && t.isInsertedInRecovery !== true && Number.isFinite(t.startOffset);
}

export function tokenStart(t: IToken): Position {
  return { line: t.startLine ?? 1, column: t.startColumn ?? 1, offset: t.startOffset };
}

export function tokenEnd(t: IToken): Position {
  const endOffset = t.endOffset ?? t.startOffset + t.image.length - 1;
  return { line: t.endLine ?? t.startLine ?? 1, column: (t.endColumn ?? t.startColumn ?? 0) + 1, offset: endOffset + 1 };
}

export function tokenRange(t: IToken): Range {
  return { start: tokenStart(t), end: tokenEnd(t) };
}

/** Position just after the last character of `text`. */
export function endOfText(text: string): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: text.length - lineStart + 1, offset: text.length };
}

/** A position `delta` UTF-16 units to the right of `p` on the same line. */
export function shift(p: Position, delta: number): Position {
  return { line: p.line, column: p.column + delta, offset: p.offset + delta };
}
