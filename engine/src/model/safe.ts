/**
 * Defensive readers for ASTs recovered from broken input: any field may be missing or of the
 * wrong shape, and the checker must never throw on them.
 */
import type { Range } from '../language/range.js';

/** The array, or an empty one when the field is missing or not an array. */
export function list<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [];
}

/** A node's non-empty text, or undefined when it is missing (`missing: true`, empty, absent). */
export function textOf(node: { readonly text?: unknown; readonly missing?: unknown } | undefined | null): string | undefined {
  if (!node || typeof node !== 'object' || node.missing === true) return undefined;
  return typeof node.text === 'string' && node.text !== '' ? node.text : undefined;
}

/** A string literal's decoded value, or undefined when missing. */
export function stringValue(node: { readonly value?: unknown; readonly missing?: unknown } | undefined | null): string | undefined {
  if (!node || typeof node !== 'object' || node.missing === true) return undefined;
  return typeof node.value === 'string' ? node.value : undefined;
}

/** True when `value` is an object with this `kind`. */
export function hasKind<K extends string>(value: unknown, kind: K): value is { readonly kind: K } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

const ORIGIN: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** A node's range when well-formed, else the start of the file (never throws). */
export function rangeOf(node: { readonly range?: unknown } | undefined | null): Range {
  const r = node?.range as Range | undefined;
  if (r && typeof r === 'object' && isPos(r.start) && isPos(r.end)) {
    return r;
  }
  return ORIGIN;
}

function isPos(p: unknown): boolean {
  if (!p || typeof p !== 'object') return false;
  const { line, column, offset } = p as { line?: unknown; column?: unknown; offset?: unknown };
  return typeof line === 'number' && typeof column === 'number' && typeof offset === 'number';
}

/**
 * A sub-range of a single-line token: `start` characters in, `length` long. Scope tokens never
 * span lines, so moving the column and the offset together is exact.
 */
export function subRange(token: Range, start: number, length: number): Range {
  const s = Math.max(0, start);
  const len = Math.max(0, length);
  return {
    start: { line: token.start.line, column: token.start.column + s, offset: token.start.offset + s },
    end: { line: token.start.line, column: token.start.column + s + len, offset: token.start.offset + s + len },
  };
}
