import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiateLocale, parseAcceptLanguage, resolveLocale } from '../../src/explain/index.js';

const choice = { available: ['en', 'es'], defaultLocale: 'en' };

describe('Accept-Language negotiation', () => {
  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['es-419,es;q=0.9,en;q=0.8', 'es'],
    ['fr-CA, fr;q=0.9, es;q=0.5', 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['EN-gb', 'en'],
    ['es;q=0.5, en;q=0.9', 'en'],
    ['en;q=0.5, es;q=0.5', 'en'],
    ['es;q=0.5, en;q=0.5', 'es'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header, choice)).toBe(expected);
  });

  it('`*` accepts anything: the default first, otherwise any locale not excluded', () => {
    expect(negotiateLocale('*', choice)).toBe('en');
    expect(negotiateLocale('fr, *;q=0.1', choice)).toBe('en');
    expect(negotiateLocale('en;q=0, *', choice)).toBe('es');
    expect(negotiateLocale('fr, *', { available: ['es', 'en'], defaultLocale: 'es' })).toBe('es');
  });

  it('q=0 excludes a range and its regional variants', () => {
    expect(negotiateLocale('es;q=0, es-MX', choice)).toBe('en');
    expect(negotiateLocale('es-MX;q=0, es;q=0.5', choice)).toBe('es');
    expect(negotiateLocale('en;q=0, es;q=0.1', choice)).toBe('es');
    // Everything excluded: the default, never an error.
    expect(negotiateLocale('en;q=0, es;q=0', choice)).toBe('en');
    expect(negotiateLocale('*;q=0', choice)).toBe('en');
  });

  it('unknown tags and malformed headers give the default, never an error', () => {
    for (const header of [
      '',
      ' ',
      ',,,',
      'zz',
      'x-klingon',
      'fr',
      'de-DE,de;q=0.9',
      'es;q=2',
      'es;q=abc',
      'es;q=',
      ';q=0.5',
      '!!!',
      'es;;;q=0.5',
      'en-US;q=0.5;q=0.1',
      '12345',
      'es_MX',
      '\u0000',
      'é',
      'a'.repeat(5000),
    ]) {
      expect(() => negotiateLocale(header, choice)).not.toThrow();
    }
    expect(negotiateLocale('', choice)).toBe('en');
    expect(negotiateLocale('zz', choice)).toBe('en');
    expect(negotiateLocale('es;q=2', choice)).toBe('en');
    expect(negotiateLocale('es;q=abc, en', choice)).toBe('en');
    expect(negotiateLocale('!!!, es', choice)).toBe('es');
    expect(negotiateLocale(undefined, choice)).toBe('en');
    expect(negotiateLocale(42, choice)).toBe('en');
    expect(negotiateLocale('a'.repeat(5000), { available: ['en', 'es'], defaultLocale: 'es' })).toBe('es');
  });

  it('a policy default other than English is honoured', () => {
    expect(negotiateLocale('fr', { available: ['en', 'es'], defaultLocale: 'es' })).toBe('es');
  });

  it('a request for a language matches a regional locale the policy declares', () => {
    expect(negotiateLocale('es', { available: ['en', 'es-MX'], defaultLocale: 'en' })).toBe('es-MX');
    expect(negotiateLocale('es-ES', { available: ['en', 'es-MX'], defaultLocale: 'en' })).toBe('es-MX');
  });

  it('parses q-values and keeps header order for ties', () => {
    expect(parseAcceptLanguage('da, en-gb;q=0.8, en;q=0.7')).toEqual([
      { tag: 'da', q: 1 },
      { tag: 'en-GB', q: 0.8 },
      { tag: 'en', q: 0.7 },
    ]);
    expect(parseAcceptLanguage('es;q=0.500, en;q=1.000')).toEqual([
      { tag: 'en', q: 1 },
      { tag: 'es', q: 0.5 },
    ]);
  });

  it('resolves explicit locales the same way', () => {
    expect(resolveLocale('es-MX', choice)).toBe('es');
    expect(resolveLocale('fr', choice)).toBe('en');
    expect(resolveLocale('not a tag', choice)).toBe('en');
    expect(resolveLocale(undefined, choice)).toBe('en');
  });

  it('always answers an available locale, for any header', () => {
    const tag = fc.constantFrom('en', 'es', 'es-MX', 'EN-us', 'fr', 'de-CH', '*', 'zz', 'x-y', 'es_ES', '', ' ');
    const q = fc.oneof(
      fc.constant(''),
      fc.constantFrom(';q=0', ';q=1', ';q=0.5', ';q=0.001', ';q=1.5', ';q=-1', ';q=', ';Q=0.3', ';level=1'),
    );
    const member = fc.tuple(tag, q).map(([t, v]) => `${t}${v}`);
    const header = fc.oneof(
      fc.array(member, { maxLength: 6 }).map((m) => m.join(',')),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(header, fc.constantFrom('en', 'es'), (h, defaultLocale) => {
        const chosen = negotiateLocale(h, { available: ['en', 'es'], defaultLocale });
        expect(['en', 'es']).toContain(chosen);
      }),
      { numRuns: 500, seed: 4 },
    );
  });
});
