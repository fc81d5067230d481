/**
 * Source positions. Lines and columns are 1-based (what people and compilers print);
 * `offset` is the 0-based UTF-16 index into the text (what JavaScript strings use).
 * The language server converts to LSP's 0-based positions at its boundary.
 */

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units. */
  readonly column: number;
  /** 0-based UTF-16 offset from the start of the text. */
  readonly offset: number;
}

/** A span of text; `end` is exclusive (the position just after the last character). */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** True when `inner` lies within `outer` (both ends inclusive of the boundary). */
export function rangeContains(outer: Range, inner: Range): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

/** The smallest range covering both. */
export function rangeUnion(a: Range, b: Range): Range {
  return {
    start: a.start.offset <= b.start.offset ? a.start : b.start,
    end: a.end.offset >= b.end.offset ? a.end : b.end,
  };
}

/** A zero-width range at a position (used for things that are missing). */
export function emptyRangeAt(p: Position): Range {
  return { start: p, end: p };
}
