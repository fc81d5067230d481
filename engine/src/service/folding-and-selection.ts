/**
 * Folding ranges (every block over several lines, runs of comment lines) and selection ranges
 * (the chain of AST nodes around a position, innermost first), both from the AST.
 */
import type { PolicyFile } from '../language/ast.js';
import type { Range } from '../language/range.js';
import { list } from '../model/safe.js';
import { childNodes, nodePathAt, type AstNode } from './node-at-offset.js';

/** A foldable span, by 1-based lines (the end line's text stays visible). */
export interface FoldingRange {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: 'region' | 'comment';
}

const FOLDABLE =
  /^(policy|app|grant|context|refresh|registration|explain|explain\.where|phrasebook|test|test\.token|test\.access|test\.table|json\.object|json\.array)$/;

export function foldingRanges(file: PolicyFile, limit = 5000): FoldingRange[] {
  const out: FoldingRange[] = [];
  const stack: AstNode[] = [file];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop() as AstNode;
    if (FOLDABLE.test(node.kind) && node.range.end.line > node.range.start.line) {
      out.push({ startLine: node.range.start.line, endLine: node.range.end.line, kind: 'region' });
    }
    for (const child of childNodes(node)) stack.push(child);
  }
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: 'comment' });
  };
  for (const comment of list(file.comments)) {
    if (comment.trailing) continue;
    const line = comment.range.start.line;
    if (run && line === run.end + 1) run.end = line;
    else {
      flush();
      run = { start: line, end: line };
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine);
}

/** The ranges around `offset`, innermost first, each strictly larger than the one before. */
export function selectionRanges(file: PolicyFile, offset: number): Range[] {
  const path = nodePathAt(file, offset);
  const out: Range[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const range = (path[i] as AstNode).range;
    const last = out[out.length - 1];
    if (last && range.start.offset === last.start.offset && range.end.offset === last.end.offset) continue;
    out.push(range);
  }
  return out;
}
