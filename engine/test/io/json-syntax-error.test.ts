/** Locating JSON syntax errors without quoting the text: agrees with JSON.parse on validity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeJsonError, findJsonSyntaxError } from '../../src/io/json-syntax-error.js';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonSyntaxError', () => {
  it('locates errors by line and column with a description', () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n  "b" 2\n}')).toMatchObject({ line: 3, column: 7, what: "expected ':' after an object key" });
    expect(findJsonSyntaxError('[1, 2,]')).toMatchObject({ line: 1, column: 7, what: 'expected a value (no trailing commas in JSON)' });
    expect(findJsonSyntaxError('{"a": 1,}')).toMatchObject({ column: 9 });
    expect(findJsonSyntaxError('')).toMatchObject({ what: 'the input is empty' });
    expect(findJsonSyntaxError('{"a": "x')).toMatchObject({ what: 'a string that is not closed' });
    expect(findJsonSyntaxError('{"a": 1} x')).toMatchObject({ column: 10, what: 'unexpected text after the JSON value' });
    expect(findJsonSyntaxError('eyJhbGciOiJIUzI1NiJ9')).toMatchObject({ line: 1, column: 1, what: 'expected a JSON value' });
    expect(findJsonSyntaxError('[01]')).toMatchObject({ what: 'a malformed number' });
    expect(findJsonSyntaxError('"\\x"')).toMatchObject({ what: 'an unknown escape in a string' });
  });

  it('handles deep nesting without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
    expect(findJsonSyntaxError('['.repeat(200_000))).toMatchObject({ what: 'unexpected end of input' });
  });

  it('property: agrees with JSON.parse on valid JSON and on mutated JSON', () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '\n', '0', '-', 'e', '\u0001', ' '),
        (json, at, insert) => {
          expect(findJsonSyntaxError(json)).toBeUndefined();
          const i = at % (json.length + 1);
          const mutated = json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0));
          expect(findJsonSyntaxError(mutated) === undefined, JSON.stringify(mutated)).toBe(parses(mutated));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: the description never contains the text', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{16,32}$/),
        fc.constantFrom('{"a": X}', 'X', '["X",]', '{"X" 1}', '{"a": "X\u0002"}', '[1] X'),
        (secret, shape) => {
          const text = shape.replace('X', secret);
          expect(describeJsonError(text)).not.toContain(secret.slice(0, 8));
        },
      ),
      { numRuns: 300 },
    );
  });
});
