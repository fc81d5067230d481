/**
 * Node-at-offset lookup: the chain of AST nodes whose range holds an offset, outermost (the
 * file) first, innermost last. Generic over the AST (every node has `kind` and `range`), so a
 * new node kind needs no change here. Tolerant of recovered ASTs; never throws.
 */
import type { NodeBase, PolicyFile } from '../language/ast.js';

/** Any AST node: what every node has in common. */
export type AstNode = NodeBase;

function isNode(value: unknown): value is AstNode {
  if (value === null || typeof value !== 'object') return false;
  const { kind, range } = value as Partial<NodeBase>;
  return typeof kind === 'string' && typeof range?.start?.offset === 'number' && typeof range.end?.offset === 'number';
}

/** The direct child nodes of a node, in property order (arrays flattened). */
export function childNodes(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'range') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/**
 * Does `range` hold `offset`? End-exclusive, except that a cursor right after a token (at its
 * end) still names it, as editors expect for hover and go-to-definition.
 */
function holds(node: AstNode, offset: number): boolean {
  return node.range.start.offset <= offset && offset <= node.range.end.offset;
}

/** The nodes holding `offset`, file first; `[]` when the offset is outside the file. */
export function nodePathAt(file: PolicyFile, offset: number): AstNode[] {
  if (!isNode(file) || !Number.isFinite(offset)) return [];
  const path: AstNode[] = [file];
  // Iterative descent: the innermost child that holds the offset (the narrowest when several do).
  for (let node: AstNode = file; ; ) {
    let next: AstNode | undefined;
    for (const child of childNodes(node)) {
      if (!holds(child, offset) || child === node) continue;
      if (next === undefined || width(child) < width(next)) next = child;
    }
    if (next === undefined || path.includes(next)) return path;
    path.push(next);
    node = next;
  }
}

function width(node: AstNode): number {
  return node.range.end.offset - node.range.start.offset;
}

/** The innermost node at `offset`, or undefined outside the file. */
export function nodeAt(file: PolicyFile, offset: number): AstNode | undefined {
  const path = nodePathAt(file, offset);
  return path[path.length - 1];
}
