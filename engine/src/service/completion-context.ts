/**
 * Where a cursor is, for completion: the blocks around it (from the engine's lexer tokens, so
 * half-typed text that the parser cannot build still has a context), the words already on its
 * line and the partial word it is typing.
 */
import { lexPolicy } from '../language/lexer.js';

export interface CompletionContext {
  /** Block heads around the cursor, outermost first (`['test', 'token']`); `[]` at the top level. */
  readonly blocks: readonly string[];
  /** Words before the cursor on its statement line, the partial word excluded. */
  readonly lineWords: readonly string[];
  /** The text being typed up to the cursor (may be empty). */
  readonly partial: string;
  /** Offset where the partial text starts (the completion replaces from here). */
  readonly partialStart: number;
  /** The comment text up to the cursor when the cursor is in a `#` comment. */
  readonly comment?: string;
}

const PARTIAL = /[^\s,;{}"#]*$/;

export function completionContext(text: string, offset: number): CompletionContext {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const linePrefix = text.slice(lineStart, at);
  const hash = commentStart(linePrefix);
  const blocks = blocksBefore(text, lineStart);
  if (hash !== -1) {
    return { blocks, lineWords: [], partial: '', partialStart: at, comment: linePrefix.slice(hash) };
  }
  const partial = PARTIAL.exec(linePrefix)?.[0] ?? '';
  const before = linePrefix.slice(0, linePrefix.length - partial.length);
  // A statement starts after the last brace of the line (`grant a { allow` → `allow`).
  const afterBrace = before.slice(Math.max(before.lastIndexOf('{'), before.lastIndexOf('}')) + 1);
  const lineWords = afterBrace.split(/[\s,;]+/).filter((w) => w !== '');
  const openedOnLine = [...before.matchAll(/([A-Za-z_][\w-]*)[^{}]*\{/g)].map((m) => m[1] ?? '');
  return { blocks: [...blocks, ...openedOnLine], lineWords, partial, partialStart: at - partial.length };
}

/** Index of a `#` that starts a comment in the line prefix (not inside a string), or -1. */
function commentStart(linePrefix: string): number {
  let inString = false;
  for (let i = 0; i < linePrefix.length; i++) {
    const c = linePrefix[i];
    if (c === '\\' && inString) i++;
    else if (c === '"') inString = !inString;
    else if (c === '#' && !inString) return i;
  }
  return -1;
}

/** The heads of the blocks still open at `end`: the first word of each `{`'s statement. */
function blocksBefore(text: string, end: number): string[] {
  const stack: string[] = [];
  let head: string | undefined;
  let lastLine = -1;
  for (const token of lexPolicy(text.slice(0, end)).tokens) {
    const name = token.tokenType.name;
    const line = token.startLine ?? 0;
    if (name === 'LBrace') {
      stack.push(head ?? '');
      head = undefined;
    } else if (name === 'RBrace') {
      stack.pop();
      head = undefined;
    } else if (head === undefined || line !== lastLine) {
      if (name !== 'Comma' && name !== 'Semicolon') head = token.image;
    }
    lastLine = token.endLine ?? line;
  }
  return stack.slice(0, 64);
}
