/** A scope's query is URL-encoded FHIR search syntax: a malformed escape is a scope error with its offset. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScope } from '../../src/smart/parse-scope.js';

function errorOf(text: string) {
  const r = parseScope(text);
  return r.ok ? undefined : r.error;
}

describe('percent-encoding in scope queries', () => {
  it.each([
    ['patient/Observation.rs?code=%ZZ', 28],
    ['patient/Observation.rs?code=%', 28],
    ['patient/Observation.rs?code=ab%4', 30],
    ['patient/Observation.rs?category=a|b&code=x%E0%A4%A', 42],
    ['patient/Observation.rs?code=%FF', 28], // not UTF-8
    ['patient/Observation.rs?code=%C0%AF', 28], // overlong '/'
    ['patient/Observation.rs?code=%ED%A0%80', 28], // a surrogate
    ['patient/Observation.rs?co%2=x', 25], // names too
  ])('%s is an error at %i', (text, offset) => {
    const e = errorOf(text);
    expect(e).toMatchObject({ code: 'scope.query.encoding', offset });
    expect(e?.message).not.toContain(text.slice(text.indexOf('?') + 1)); // says what and where, not the value
  });

  it.each([
    'patient/Observation.rs?code=%25',
    'user/Observation.rs?code=a%7Cb',
    'user/Observation.rs?code=%C3%BC',
    'user/Observation.rs?code=%F0%9F%98%80',
  ])('accepts well-formed escapes: %s', (text) => expect(parseScope(text).ok).toBe(true));

  it('accepts exactly the queries decodeURIComponent can decode', () => {
    const piece = fc.oneof(
      fc.constantFrom('a', 'Z', '1', '|', ',', '-', '%', '%2', '%zz'),
      fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).padStart(2, '0')),
      fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const value = pieces.join('');
        let decodable = true;
        try {
          decodeURIComponent(value);
        } catch {
          decodable = false;
        }
        const r = parseScope(`user/Observation.rs?code=${value}`);
        expect(r.ok, value).toBe(decodable);
        if (!r.ok) expect(r.error.code).toBe('scope.query.encoding');
      }),
      { numRuns: 3000 },
    );
  });
});
