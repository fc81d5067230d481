/**
 * String literals: `"…"` on one line with escapes `\"` `\\` `\n` `\t` `\$` and `\u{hex}`.
 */

/** A bad escape inside a string, as an index into the raw text (quotes included). */
export interface EscapeProblem {
  readonly index: number;
  readonly length: number;
  readonly escape: string;
  readonly message: string;
}

export interface DecodedString {
  readonly value: string;
  readonly terminated: boolean;
  readonly problems: readonly EscapeProblem[];
}

const simpleEscapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t', $: '$' };

/** Decodes a raw string token (with its quotes). Never throws; bad escapes are kept verbatim. */
export function decodeString(raw: string): DecodedString {
  const terminated = raw.length >= 2 && raw.endsWith('"') && !endsWithOddBackslashes(raw.slice(0, -1));
  const body = terminated ? raw.slice(1, -1) : raw.slice(1);
  const problems: EscapeProblem[] = [];
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      problems.push({
        index: i + 1,
        length: 1,
        escape: '\\',
        message: 'A backslash must be followed by an escape: \\" \\\\ \\n \\t \\$ or \\u{…}.',
      });
      out += '\\';
      continue;
    }
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (next === 'u') {
      const m = /^\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(i + 2, i + 11));
      const code = m?.[1] === undefined ? NaN : parseInt(m[1], 16);
      if (m !== null && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
        out += String.fromCodePoint(code);
        i += 1 + m[0].length;
        continue;
      }
      const len = m !== null ? 2 + m[0].length : 2;
      problems.push({
        index: i + 1,
        length: len,
        escape: body.slice(i, i + len),
        message:
          'Write a Unicode escape as \\u{…} with 1 to 6 hex digits naming a code point up to 10FFFF (not a surrogate), e.g. \\u{E9}.',
      });
      out += body.slice(i, i + len);
      i += len - 1;
      continue;
    }
    problems.push({
      index: i + 1,
      length: 2,
      escape: `\\${next}`,
      message: `Unknown escape \\${next}: use \\" \\\\ \\n \\t \\$ or \\u{…}; write \\\\ for a backslash.`,
    });
    out += `\\${next}`;
    i++;
  }
  return { value: out, terminated, problems };
}

function endsWithOddBackslashes(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Quotes a value as a string literal using the language's escapes. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r' || ch < ' ' || ch === '\u2028' || ch === '\u2029')
      out += `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `$name` occurrences in a raw string that are not escaped as `\$`. */
export function findVariables(raw: string): { name: string; index: number }[] {
  const found: { name: string; index: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1, i + 200));
      if (m !== null) {
        found.push({ name: m[0], index: i });
        i += m[0].length;
      }
    }
  }
  return found;
}
