/**
 * Lexical helpers of FHIR search syntax: query strings, percent-decoding, `,` (OR) and `|`
 * (system|code) separators with `\` escapes, modifiers and prefixes.
 */
import type { QueryPair } from '../smart/scope-types.js';

/** Percent-decodes; returns undefined on a malformed escape instead of throwing. */
export function percentDecode(s: string, plusIsSpace = false): string | undefined {
  if (s.indexOf('%') < 0) return plusIsSpace && s.indexOf('+') >= 0 ? s.replace(/\+/g, ' ') : s;
  try {
    return decodeURIComponent(plusIsSpace ? s.replace(/\+/g, ' ') : s);
  } catch {
    return undefined;
  }
}

/** Result of parsing a query string: the pairs, or the first malformed part and its 1-based position. */
export type ParsedQuery =
  | { readonly ok: true; readonly pairs: readonly QueryPair[] }
  | { readonly ok: false; readonly message: string; readonly part: string; readonly index: number };

const NO_PAIRS: ParsedQuery = Object.freeze({ ok: true, pairs: Object.freeze([]) }) as ParsedQuery;

/**
 * Parses `a=1&b=2` into decoded pairs. Empty parts are skipped; a part without `=` is a
 * parameter with an empty value. `plusIsSpace` is for form bodies (`POST _search`).
 */
export function parseQueryString(query: string, plusIsSpace = false): ParsedQuery {
  if (query.length === 0) return NO_PAIRS;
  const pairs: QueryPair[] = [];
  let start = 0;
  let index = 0;
  const n = query.length;
  while (start <= n) {
    let end = query.indexOf('&', start);
    if (end < 0) end = n;
    if (end > start) {
      index += 1;
      const eq = query.indexOf('=', start);
      const hasEq = eq >= 0 && eq < end;
      const rawName = query.slice(start, hasEq ? eq : end);
      const rawValue = hasEq ? query.slice(eq + 1, end) : '';
      const name = percentDecode(rawName, plusIsSpace);
      const value = percentDecode(rawValue, plusIsSpace);
      if (name === undefined || value === undefined) {
        return { ok: false, message: 'malformed percent-encoding', part: query.slice(start, end), index };
      }
      pairs.push({ name, value });
    }
    start = end + 1;
  }
  return { ok: true, pairs };
}

/** Splits a search value at unescaped `sep` (`,` for OR, `|` for system|code), unescaping `\x`. */
export function splitEscaped(value: string, sep: string): string[] {
  if (value.indexOf('\\') < 0) return value.split(sep);
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && i + 1 < value.length) {
      cur += value[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Splits `system|code` at the first unescaped `|`; `code` alone gives system undefined. */
export function splitToken(value: string): { system: string | undefined; code: string } {
  if (value.indexOf('\\') < 0) {
    const bar = value.indexOf('|');
    if (bar < 0) return { system: undefined, code: value };
    return { system: value.slice(0, bar), code: value.slice(bar + 1) };
  }
  const parts = splitEscaped(value, '|');
  if (parts.length === 1) return { system: undefined, code: parts[0] as string };
  return { system: parts[0] as string, code: parts.slice(1).join('|') };
}

/** `name:modifier` → parts; chains (`a.b`) are reported by the caller from `name`. */
export function splitModifier(name: string): { base: string; modifier: string | undefined } {
  const colon = name.indexOf(':');
  if (colon < 0) return { base: name, modifier: undefined };
  return { base: name.slice(0, colon), modifier: name.slice(colon + 1) };
}

/** Comparison prefixes of number, date and quantity parameters. */
export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
const PREFIXES: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']);

/** Splits an optional two-letter prefix off a number/date/quantity value. */
export function splitPrefix(value: string): { prefix: Prefix; rest: string } {
  if (value.length > 2) {
    const p = value.slice(0, 2);
    if (PREFIXES.has(p)) return { prefix: p as Prefix, rest: value.slice(2) };
  }
  return { prefix: 'eq', rest: value };
}
