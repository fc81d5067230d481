/**
 * Canonical JSON: object members sorted by key (code-unit order), no insignificant whitespace,
 * `undefined` members left out. Two equal values always give the same text, which is what the
 * bundle hash is computed over.
 */

/** Receives the canonical text in pieces, in order. */
export type CanonicalSink = (piece: string) => void;

/**
 * Writes `value` canonically to `sink`, piece by piece, so that a large bundle can be hashed
 * without building its whole text. Throws on values JSON cannot represent (functions, cycles,
 * NaN, Infinity).
 */
export function writeCanonicalJson(value: unknown, sink: CanonicalSink): void {
  write(value, sink, new Set());
}

/** Serialises `value` canonically into one string. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeCanonicalJson(value, (p) => parts.push(p));
  return parts.join('');
}

function write(value: unknown, sink: CanonicalSink, seen: Set<object>): void {
  if (value === null) return sink('null');
  switch (typeof value) {
    case 'string':
      return sink(JSON.stringify(value));
    case 'boolean':
      return sink(value ? 'true' : 'false');
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${String(value)}`);
      return sink(JSON.stringify(value));
    case 'object':
      break;
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
  const obj = value as object;
  if (seen.has(obj)) throw new TypeError('canonical JSON cannot hold a cycle');
  seen.add(obj);
  if (Array.isArray(obj)) {
    sink('[');
    for (let i = 0; i < obj.length; i++) {
      if (i > 0) sink(',');
      const item: unknown = obj[i];
      if (item === undefined) sink('null');
      else write(item, sink, seen);
    }
    sink(']');
  } else {
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    sink('{');
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      if (i > 0) sink(',');
      sink(JSON.stringify(k));
      sink(':');
      write(record[k], sink, seen);
    }
    sink('}');
  }
  seen.delete(obj);
}
