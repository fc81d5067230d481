/**
 * Phrasebook frames read only their declared arguments (issue 7, item 7): `{constructor}` or a
 * plural over a word must never reach a consent screen, and the checker's scanner agrees with
 * the MessageFormat parser about which arguments a frame reads.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, BUILTIN_PHRASEBOOKS, MESSAGE_KEYS } from '../../src/explain/index.js';
import type { ExplanationCatalog } from '../../src/explain/index.js';
import { argumentProblems, argumentUses } from '../../src/explain/message-arguments.js';
import { MESSAGE_ARGS } from '../../src/explain/phrasebook/message-args.js';
import { compiles } from '../../src/explain/messages.js';
import { FR_FRAMES } from './fixtures/fr-phrasebook.js';

// The parser the renderer's MessageFormat library uses, as a reference for the scanner (test only).
const requireFromCore = createRequire(createRequire(import.meta.url).resolve('@messageformat/core'));
const { parse } = requireFromCore('@messageformat/parser') as { parse: (src: string) => unknown[] };

function parserArgs(tokens: readonly unknown[], out: string[] = []): string[] {
  for (const t of tokens as { type: string; arg?: string; cases?: { tokens: unknown[] }[]; param?: unknown[] }[]) {
    if (t.arg !== undefined) out.push(t.arg);
    for (const c of t.cases ?? []) parserArgs(c.tokens, out);
    if (Array.isArray(t.param)) parserArgs(t.param, out);
  }
  return out;
}

const BAD_OUTPUT = /function|\[object|NaN|undefined/;
const HOSTILE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf'];
const SCOPES =
  'patient/Immunization.rs patient/Observation.cruds user/*.rs system/Location.r patient/Foo.r launch launch/patient launch/encounter launch/location openid fhirUser profile offline_access online_access __ext bad//scope';

describe('declared frame arguments', () => {
  it('declares arguments for every frame key', () => {
    expect(Object.keys(MESSAGE_ARGS).sort()).toEqual([...MESSAGE_KEYS].sort());
  });

  for (const book of BUILTIN_PHRASEBOOKS) {
    it(`built-in ${book.locale} frames read only declared arguments of the right type`, () => {
      for (const key of MESSAGE_KEYS) {
        const source = book.messages[key];
        expect(argumentUses(source), key).toBeDefined();
        expect(
          argumentProblems(key, source).map((p) => p.message),
          key,
        ).toEqual([]);
      }
    });
  }

  it('reports unknown names and wrong types with where they are written', () => {
    const problems = argumentProblems('includes', 'Esto incluye {constructor} y {text, plural, one {#} other {#}}.');
    expect(problems.map((p) => [p.kind, p.use.name, p.use.offset])).toEqual([
      ['unknown-argument', 'constructor', 14],
      ['wrong-type', 'text', 30],
    ]);
    expect(argumentProblems('duration', '{unit, plural, one {#} other {#}}')[0]?.kind).toBe('wrong-type');
    expect(argumentProblems('duration', '{n, select, a {x} other {y}}')[0]?.kind).toBe('wrong-type');
    expect(argumentProblems('duration', '{n, date}')[0]?.kind).toBe('wrong-type');
    expect(argumentProblems('duration', '{n, number} {unit}')).toEqual([]);
  });

  it('finds the same arguments as the MessageFormat parser (built-in and random frames)', () => {
    for (const book of BUILTIN_PHRASEBOOKS) {
      for (const key of MESSAGE_KEYS) {
        expect(
          argumentUses(book.messages[key])?.map((u) => u.name),
          key,
        ).toEqual(parserArgs(parse(book.messages[key])));
      }
    }
    fc.assert(
      fc.property(frameArb, (frame) => {
        if (!compiles('en', frame)) return;
        expect(argumentUses(frame)?.map((u) => u.name)).toEqual(parserArgs(parse(frame)));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

const nameArb = fc.oneof(
  fc.constantFrom(...HOSTILE_NAMES, 'text', 'noun', 'n', 'unit', 'audience', 'letter', 'whose', 'lifetime'),
  fc.stringMatching(/^[a-zA-Z_]\w{0,8}$/),
);
// (`{$x}` is literal text to the parser; the scanner reads it as an unknown argument, which only drops the frame.)
const leafArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('texto ', 'a’b ', ' y ', '# '),
  nameArb.map((n) => `{${n}}`),
  fc.tuple(nameArb, fc.constantFrom('number', 'date', 'time', 'spellout')).map(([n, f]) => `{${n}, ${f}}`),
);
const frameArb: fc.Arbitrary<string> = fc.letrec<{ frame: string }>((tie) => ({
  frame: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.array(leafArb, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')),
    fc.tuple(nameArb, tie('frame'), tie('frame')).map(([n, a, b]) => `{${n}, select, yes {${a}} other {${b}}}`),
    fc.tuple(nameArb, tie('frame'), tie('frame')).map(([n, a, b]) => `{${n}, plural, one {${a}} other {${b}}}`),
  ),
})).frame;

describe('frames with any argument names never print JavaScript internals', () => {
  const base: ExplanationCatalog = {
    locales: ['en', 'es', 'fr'],
    defaultLocale: 'en',
    entries: {},
    offlineAccess: { lifetimeSeconds: 86_400 * 30, idleSeconds: 3600 },
  };

  it('for any frame under any key, in a built-in and in a policy language', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MESSAGE_KEYS),
        frameArb,
        fc.constantFrom('en', 'es', 'fr'),
        fc.constantFrom('patient', 'caregiver', 'clinician'),
        (key, frame, locale, audience) => {
          const frames =
            locale === 'fr' ? { ...FR_FRAMES, messages: { ...FR_FRAMES.messages, [key]: frame } } : { messages: { [key]: frame } };
          const catalog: ExplanationCatalog = { ...base, phrasebooks: { [locale]: frames } };
          const result = explain(SCOPES, { locale, audience, catalog });
          for (const s of result.scopes) {
            expect(s.short).not.toMatch(BAD_OUTPUT);
            expect(s.long).not.toMatch(BAD_OUTPUT);
          }
          for (const line of result.summary) expect(line.text).not.toMatch(BAD_OUTPUT);
        },
      ),
      { numRuns: 250, seed: 11 },
    );
  });

  it('the two examples of the issue render nothing of the kind', () => {
    const catalog: ExplanationCatalog = {
      ...base,
      phrasebooks: { en: { messages: { includes: 'This includes {constructor}.', duration: '{unit, plural, one {#} other {# #}}' } } },
    };
    const r = explain('patient/Immunization.rs offline_access', { catalog });
    expect(r.scopes[0]?.long).toBe(
      'The app can see and search your vaccines. This includes vaccines (shots) that were given or recorded, with their dates.',
    );
    expect(r.scopes[1]?.short).toContain('30 days');
  });
});
