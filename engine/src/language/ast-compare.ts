/**
 * Structural comparison of ASTs, ignoring where things are: ranges, comment placement
 * (`trailing`), the line an ignore directive lands on, and trailing spaces of comments.
 * The formatter uses it to prove its output means what its input meant.
 */

const IGNORED_KEYS = new Set(['range', 'trailing', 'uri']);

/** A position-free copy of an AST (or any part of it), suitable for deep comparison. */
export function normalizeAst(node: unknown, parentKey = ''): unknown {
  if (Array.isArray(node)) return node.map((n) => normalizeAst(n, parentKey));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (IGNORED_KEYS.has(key)) continue;
    if (parentKey === 'ignores' && key === 'line') continue;
    const value = (node as Record<string, unknown>)[key];
    if (parentKey === 'comments' && key === 'text' && typeof value === 'string') {
      out[key] = value.trimEnd();
      continue;
    }
    out[key] = normalizeAst(value, key);
  }
  return out;
}

/** The JSON-ish path of the first difference between two normalized values, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of [...keys].sort()) {
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** True when the two ASTs are the same apart from positions. */
export function astEquivalent(a: unknown, b: unknown): boolean {
  return firstDifference(normalizeAst(a), normalizeAst(b)) === undefined;
}
