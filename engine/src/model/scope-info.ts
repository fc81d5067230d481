/**
 * A scope token of the policy text with its parse result and the range of its characters
 * (inside the quotes when quoted), so a scope parser offset maps to an exact source range.
 */
import type { ScopeRef } from '../language/ast.js';
import type { Range } from '../language/range.js';
import type { ScopeParseResult } from '../smart/scope-types.js';
import { parseScopeCached } from '../smart/parse-scope-cached.js';
import { rangeOf, subRange } from './safe.js';

/** A parsed scope token. */
export interface ScopeInfo {
  readonly ref: ScopeRef;
  readonly text: string;
  /** The range of the scope characters themselves (quotes excluded). */
  readonly textRange: Range;
  readonly parsed: ScopeParseResult;
}

/** Parses a scope reference; `undefined` when the token is missing or empty. */
export function scopeInfo(ref: ScopeRef | undefined): ScopeInfo | undefined {
  if (!ref || typeof ref !== 'object' || ref.missing === true) return undefined;
  const text = typeof ref.text === 'string' ? ref.text : '';
  if (text === '') return undefined;
  const range = rangeOf(ref);
  const textRange = ref.quoted === true ? subRange(range, 1, text.length) : subRange(range, 0, text.length);
  return { ref, text, textRange, parsed: parseScopeCached(text) };
}

/** The range of `length` characters at `offset` inside the scope text (at least one character). */
export function rangeInScope(info: ScopeInfo, offset: number, length: number): Range {
  const start = Math.min(Math.max(0, offset), info.text.length);
  const len = Math.max(1, Math.min(length, info.text.length - start));
  return subRange(info.textRange, start, start >= info.text.length ? 0 : len);
}

/** Where one `name=value` pair of a scope's query is in the scope text (0-based offsets). */
export interface QueryPairLocation {
  readonly nameOffset: number;
  readonly name: string;
  readonly valueOffset: number;
  readonly value: string;
}

/**
 * Every `name=value` pair of a scope text's query with its offsets, in order, in one pass
 * (locating pairs one by one rescanned the query for each: quadratic in its length).
 */
export function locateQueryPairs(text: string): QueryPairLocation[] {
  const q = text.indexOf('?');
  if (q < 0) return [];
  const out: QueryPairLocation[] = [];
  let start = q + 1;
  for (;;) {
    const amp = text.indexOf('&', start);
    const end = amp < 0 ? text.length : amp;
    const pair = text.slice(start, end); // `=` is looked for inside the pair only (linear overall)
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    out.push({ nameOffset: start, name, valueOffset: start + name.length + 1, value: eq < 0 ? '' : pair.slice(eq + 1) });
    if (amp < 0) return out;
    start = amp + 1;
  }
}

/** The 0-based offset of the query's `name=value` pair `index` in a scope text, with its parts. */
export function locateQueryPair(text: string, index: number): QueryPairLocation | undefined {
  return locateQueryPairs(text)[index];
}
