/**
 * Reading chevrotain CST nodes: children by key, real tokens only (tokens inserted by error
 * recovery have no text and no position, so they count as absent).
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { isReal } from './positions.js';

/** True for a token (as opposed to a child node). */
export function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

/** The `i`-th real token under `key`, if any. */
export function tok(node: CstNode | undefined, key: string, i = 0): IToken | undefined {
  const e = node?.children[key]?.[i];
  return e !== undefined && isToken(e) && isReal(e) ? e : undefined;
}

/** All real tokens under `key`, in order. */
export function toks(node: CstNode | undefined, key: string): IToken[] {
  const list = node?.children[key];
  if (list === undefined) return [];
  const out: IToken[] = [];
  for (const e of list) if (isToken(e) && isReal(e)) out.push(e);
  return out;
}

/** The `i`-th child node under `key`, if any. */
export function sub(node: CstNode | undefined, key: string, i = 0): CstNode | undefined {
  const e = node?.children[key]?.[i];
  return e !== undefined && !isToken(e) ? e : undefined;
}

/** All child nodes under `key`, in order. */
export function subs(node: CstNode | undefined, key: string): CstNode[] {
  const list = node?.children[key];
  if (list === undefined) return [];
  const out: CstNode[] = [];
  for (const e of list) if (!isToken(e)) out.push(e);
  return out;
}

/** The first and last real token of a node (recursive). */
export function tokenBounds(node: CstNode): { first?: IToken; last?: IToken } {
  let first: IToken | undefined;
  let last: IToken | undefined;
  const visit = (n: CstNode): void => {
    for (const list of Object.values(n.children)) {
      for (const e of list) {
        if (isToken(e)) {
          if (!isReal(e)) continue;
          if (first === undefined || e.startOffset < first.startOffset) first = e;
          if (last === undefined || e.startOffset > last.startOffset) last = e;
        } else visit(e);
      }
    }
  };
  visit(node);
  return { ...(first ? { first } : {}), ...(last ? { last } : {}) };
}

/** Every real token of a CST node, in source order. */
export function allTokens(node: CstNode): IToken[] {
  const out: IToken[] = [];
  const visit = (n: CstNode): void => {
    for (const list of Object.values(n.children)) {
      for (const e of list) {
        if (isToken(e)) {
          if (isReal(e)) out.push(e);
        } else visit(e);
      }
    }
  };
  visit(node);
  return out.sort((a, b) => a.startOffset - b.startOffset);
}
