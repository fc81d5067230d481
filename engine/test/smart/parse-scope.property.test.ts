import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScope, parseScopeList, toNormalized } from '../../src/smart/parse-scope.js';
import { formatScope } from '../../src/smart/format-scope.js';
import { lintScope } from '../../src/smart/lint-scope.js';
import { fromScopeUri, toScopeUri } from '../../src/smart/scope-uri.js';
import { ScopeSet } from '../../src/smart/scope-set.js';
import type { ScopeParseResult } from '../../src/smart/scope-types.js';

const validScopes = [
  'patient/Observation.rs',
  'user/*.cruds',
  'system/Encounter.cud',
  'patient/*.read',
  'user/Observation.write',
  'system/*.*',
  'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
  'patient/Observation.rs?code:in=http://x.org/vs&patient.birthdate=1990',
  'launch',
  'launch/patient',
  'launch/list?role=https://example.org/med-list-at-home',
  'openid',
  'fhirUser',
  'profile',
  'offline_access',
  'online_access',
  '__profilePhoto.manage',
  'https://ehr.example.org/scopes/x',
  'system/DynamicClient.register',
];
/** Characters that matter to the grammar, so mutations hit interesting paths. */
const interesting = [
  '/',
  '.',
  '?',
  '&',
  '=',
  ',',
  ':',
  '*',
  '_',
  ' ',
  '"',
  '\\',
  'c',
  'r',
  'u',
  'd',
  's',
  'R',
  'x',
  '|',
  '\u00e9',
  '\u0000',
  'P',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), ch: fc.constantFrom(...interesting) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), ch: fc.constantFrom(...interesting) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: readonly Mutation[]): string {
  let out = text;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    if (edit.kind === 'insert') out = out.slice(0, at) + edit.ch + out.slice(at);
    else if (edit.kind === 'delete') out = out.slice(0, at) + out.slice(at + 1);
    else if (edit.kind === 'replace') out = out.slice(0, at) + edit.ch + out.slice(at + 1);
    else if (at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
  }
  return out;
}

function checkResult(text: string, result: ScopeParseResult): void {
  expect(result.text).toBe(text);
  if (!result.ok) {
    expect(result.error.code).toMatch(/^scope\./);
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.offset).toBeGreaterThanOrEqual(0);
    if (text.length > 0) {
      expect(result.error.length).toBeGreaterThanOrEqual(1);
      expect(result.error.offset + result.error.length).toBeLessThanOrEqual(text.length);
    }
    return;
  }
  // Nothing is reinterpreted: a valid scope is exactly its own canonical string as written.
  expect(formatScope(result.scope, { syntax: 'as-written' })).toBe(text);
  const again = parseScope(formatScope(result.scope, { syntax: 'as-written' }));
  expect(again.ok && toNormalized(again.scope)).toEqual(toNormalized(result.scope));
  // Everything downstream of a valid scope works on it too.
  for (const lint of lintScope(result.scope)) expect(lint.offset + lint.length).toBeLessThanOrEqual(text.length);
  const uri = toScopeUri(result.scope);
  if (uri !== null) {
    const back = fromScopeUri(uri);
    expect(back.ok && formatScope(back.scope)).toBe(formatScope(result.scope));
  }
  expect(ScopeSet.fromScopes([result.scope]).covers(ScopeSet.of(formatScope(result.scope)))).toBe(true);
}

describe('parser robustness', () => {
  it('never throws on arbitrary strings', () =>
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => checkResult(text, parseScope(text))),
      { numRuns: 1000 },
    ));

  it('never throws on mutated valid scopes, and never reinterprets them', () =>
    fc.assert(
      fc.property(fc.constantFrom(...validScopes), fc.array(mutation, { minLength: 1, maxLength: 4 }), (scope, edits) => {
        const text = mutate(scope, edits);
        checkResult(text, parseScope(text));
      }),
      { numRuns: 3000 },
    ));

  it('parse(format(parse(x))) round-trips every valid scope', () => {
    for (const text of validScopes) {
      const first = parseScope(text);
      expect(first.ok).toBe(true);
      if (!first.ok) continue;
      expect(formatScope(first.scope, { syntax: 'as-written' })).toBe(text);
      const v2 = parseScope(formatScope(first.scope));
      expect(v2.ok && toNormalized(v2.scope)).toEqual({
        ...toNormalized(first.scope),
        ...(first.scope.type === 'resource' ? { syntax: 'v2' } : {}),
      });
    }
  });

  it('generated v2 scopes always parse and keep their parts', () =>
    fc.assert(
      fc.property(
        fc.constantFrom('patient', 'user', 'system'),
        fc.constantFrom('*', 'Observation', 'AllergyIntolerance', 'Basic'),
        fc.subarray(['c', 'r', 'u', 'd', 's'], { minLength: 1 }),
        fc.array(
          fc.tuple(
            fc.stringMatching(/^[a-z_][a-z:.-]{0,8}$/),
            fc.stringMatching(/^([!#$'-<>-[\]-~]|%[0-7][0-9A-Fa-f])([!#$'-[\]-~]|%[0-7][0-9A-Fa-f]){0,10}$/),
          ),
          { maxLength: 3 },
        ),
        (level, type, letters, pairs) => {
          const query = pairs.length === 0 ? '' : `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`;
          const text = `${level}/${type}.${letters.join('')}${query}`;
          const result = parseScope(text);
          expect(result.ok, text).toBe(true);
          if (result.ok && result.scope.type === 'resource') {
            expect(result.scope.permissions).toBe(letters.join(''));
            expect(result.scope.query).toEqual(pairs.map(([name, value]) => ({ name, value })));
          }
        },
      ),
      { numRuns: 1000 },
    ));

  it('parseScopeList never throws', () =>
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...validScopes), fc.string({ maxLength: 20 })), { maxLength: 6 }),
        fc.constantFrom(' ', '  '),
        (tokens, sep) => {
          const param = tokens.join(sep);
          const list = parseScopeList(param);
          for (const error of list.errors) expect(error.offset).toBeLessThanOrEqual(param.length);
        },
      ),
      { numRuns: 1000 },
    ));
});

describe('linear time on large input', () => {
  const MB = 1 << 20;
  it('rejects a 1 MB garbage string without throwing', () => {
    const garbage = Array.from({ length: MB }, (_, i) => String.fromCharCode(0x21 + ((i * 7919) % 90))).join('');
    const result = parseScope(garbage);
    expect(typeof result.ok).toBe('boolean');
    if (!result.ok) expect(result.error.message.length).toBeLessThan(500);
  });
  it('parses a 1 MB query scope', () => {
    const pairs = Array.from({ length: MB / 16 }, (_, i) => `code=${i.toString().padStart(10, '0')}`).join('&');
    const result = parseScope(`patient/Observation.rs?${pairs}`);
    expect(result.ok).toBe(true);
  });
  it('reports an error at the end of a 1 MB query scope', () => {
    const text = `patient/Observation.rs?${'a=b&'.repeat(MB / 4)}`;
    const result = parseScope(text);
    expect(result).toMatchObject({ ok: false, error: { code: 'scope.query.pair-empty', offset: text.length - 1 } });
    if (!result.ok) expect(result.error.message.length).toBeLessThan(500);
  });
  it('handles 1 MB of permission letters, type names and extension text', () => {
    for (const text of [
      `patient/Observation.${'r'.repeat(MB)}`,
      `patient/${'A'.repeat(MB)}.rs`,
      `__${'x'.repeat(MB)}`,
      `launch/${'a'.repeat(MB)}`,
      ' '.repeat(MB),
      `${'a'.repeat(MB)}.rs`,
    ]) {
      const result = parseScope(text);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.error.message.length).toBeLessThan(500);
    }
    expect(parseScopeList(`${'openid '.repeat(MB / 7)}openid`).ok).toBe(true);
  });
});
