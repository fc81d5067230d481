/**
 * Where a JSON text stops being JSON, without quoting it. `JSON.parse` messages quote the input
 * around the error (`Unexpected token 'e', "eyJhbGciOi"... is not valid JSON`), which leaks
 * tokens and file contents into logs and `error_description`; this scanner finds the same
 * first error and says only what kind of error it is and at which line and column.
 */

export interface JsonSyntaxError {
  /** 0-based UTF-16 offset of the first character that is not valid JSON (the text length at end). */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  /** What is wrong, in words; never quotes the text. */
  readonly what: string;
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The first syntax error of `text` read as one JSON value, or `undefined` when it is valid.
 * Iterative (no recursion), linear time; never throws.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  const at = (offset: number, what: string): JsonSyntaxError => ({ offset, ...lineColumn(text, offset), what });

  while (i < n) {
    const c = text.charCodeAt(i);
    if (WS.has(c)) {
      i++;
      continue;
    }
    const ch = text[i] as string;
    switch (expect) {
      case 'end':
        return at(i, 'unexpected text after the JSON value');
      case 'colon':
        if (ch !== ':') return at(i, "expected ':' after an object key");
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const top = stack[stack.length - 1];
        if (ch === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
          continue;
        }
        if ((ch === '}' && top === '{') || (ch === ']' && top === '[')) {
          stack.pop();
          i++;
          expect = stack.length === 0 ? 'end' : 'comma-or-close';
          continue;
        }
        return at(i, top === '{' ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array");
      }
      case 'key':
      case 'key-or-close':
        if (ch === '}' && expect === 'key-or-close') {
          stack.pop();
          i++;
          expect = stack.length === 0 ? 'end' : 'comma-or-close';
          continue;
        }
        if (ch !== '"')
          return at(
            i,
            expect === 'key' ? 'expected a quoted object key (no trailing commas in JSON)' : "expected a quoted object key or '}'",
          );
        {
          const end = scanString(text, i);
          if (typeof end !== 'number') return at(end.offset, end.what);
          i = end;
        }
        expect = 'colon';
        continue;
      case 'value':
      case 'value-or-close': {
        if (ch === ']' && expect === 'value-or-close') {
          stack.pop();
          i++;
          expect = stack.length === 0 ? 'end' : 'comma-or-close';
          continue;
        }
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          expect = ch === '{' ? 'key-or-close' : 'value-or-close';
          continue;
        }
        let end: number | { offset: number; what: string };
        if (ch === '"') end = scanString(text, i);
        else if (ch === '-' || (c >= 0x30 && c <= 0x39)) end = scanNumber(text, i);
        else if (text.startsWith('true', i)) end = i + 4;
        else if (text.startsWith('false', i)) end = i + 5;
        else if (text.startsWith('null', i)) end = i + 4;
        else
          return at(
            i,
            expect === 'value' && stack.length > 0 && text[i] === ']'
              ? 'expected a value (no trailing commas in JSON)'
              : 'expected a JSON value',
          );
        if (typeof end !== 'number') return at(end.offset, end.what);
        i = end;
        expect = stack.length === 0 ? 'end' : 'comma-or-close';
        continue;
      }
    }
  }
  if (expect === 'end') return undefined;
  return at(n, n === 0 || (stack.length === 0 && expect === 'value') ? 'the input is empty' : 'unexpected end of input');
}

/** Scans a string starting at its opening quote; returns the offset after the closing quote. */
function scanString(text: string, start: number): number | { offset: number; what: string } {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, what: 'a control character (such as a line break) inside a string' };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, what: 'a \\u escape without four hex digits' };
        i += 6;
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) return { offset: i, what: 'an unknown escape in a string' };
      i += 2;
      continue;
    }
    i++;
  }
  return { offset: text.length, what: 'a string that is not closed' };
}

function scanNumber(text: string, start: number): number | { offset: number; what: string } {
  const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(start, start + 400));
  if (!match || match[0] === '-' || match[0] === '') return { offset: start, what: 'a malformed number' };
  const end = start + match[0].length;
  const next = text[end];
  if (next !== undefined && /[0-9.eE+-]/.test(next)) return { offset: end, what: 'a malformed number' };
  return end;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** "invalid JSON at line 3, column 7: expected ',' or '}' in an object". */
export function describeJsonError(text: string): string {
  const error = findJsonSyntaxError(text);
  if (error === undefined) return 'invalid JSON';
  return `invalid JSON at line ${error.line}, column ${error.column}: ${error.what}`;
}

/** Parses JSON, or says where it is invalid without quoting it. Never throws. */
export function parseJsonQuietly(
  text: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: describeJsonError(text) };
  }
}
