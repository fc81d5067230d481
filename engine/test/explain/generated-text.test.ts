/**
 * The renderer's own output meets the consent lints it enforces on policies: no jargon, short
 * forms that fit the consent screen, long forms of at most two sentences, and English long
 * forms that read at grade 8 on average (a few sentences carry long nouns such as "measurements").
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findJargon, fleschKincaidGrade, sentences } from '../../src/explain/lint/index.js';

interface GoldenCase {
  readonly scope: string;
  readonly short: string;
  readonly long: string;
  readonly warnings?: readonly string[];
}

function golden(locale: string): GoldenCase[] {
  return JSON.parse(readFileSync(new URL(`./golden/scopes.${locale}.json`, import.meta.url), 'utf8')) as GoldenCase[];
}

/** Cases whose text quotes something raw (a scope string, an unknown type's name). */
function quotesRawText(c: GoldenCase): boolean {
  return (c.warnings ?? []).some((w) => ['explain.scope.invalid', 'explain.type.unknown', 'explain.scope.extension'].includes(w));
}

describe.each(['en', 'es'])('generated %s consent text', (locale) => {
  const cases = golden(locale).filter((c) => c.short !== '' && !quotesRawText(c));

  it('uses no jargon', () => {
    const found = cases.flatMap((c) => [...findJargon(c.short, locale), ...findJargon(c.long, locale)].map((t) => `${c.scope}: ${t}`));
    expect(found).toEqual([]);
  });

  it('keeps long forms to two sentences', () => {
    expect(cases.filter((c) => sentences(c.long).length > 2).map((c) => c.scope)).toEqual([]);
  });
});

describe('English reading level of generated long forms', () => {
  it('averages grade 8 or below', () => {
    const grades = golden('en')
      .filter((c) => c.long !== '' && !quotesRawText(c))
      .map((c) => fleschKincaidGrade(c.long));
    const mean = grades.reduce((a, b) => a + b, 0) / grades.length;
    expect(mean).toBeLessThanOrEqual(8);
  });
});
