import { describe, expect, it } from 'vitest';
import { checkValueShape, splitUnescaped } from '../../src/check/fhir/search-value-shape.js';
import { lookupSearchParameter, searchParameterCodes } from '../../src/fhir/search-parameters.js';
import { suggest } from '../../src/model/finding.js';

describe('search value shapes', () => {
  it.each([
    ['token', 'http://loinc.org|8867-4'],
    ['token', '8867-4'],
    ['token', '|8867-4'],
    ['token', 'http://loinc.org|'],
    ['token', 'a\\|b'],
    ['token', 'http://x.org|a,http://x.org|b'],
    ['reference', 'Patient/123'],
    ['reference', '123'],
    ['reference', 'https://example.org/fhir/Patient/1'],
    ['reference', 'Patient/1/_history/2'],
    ['date', '2024'],
    ['date', 'ge2024-01-01'],
    ['date', 'lt2024-01-01T10:00:00Z'],
    ['date', '2024-01-01T10:00+02:00'],
    ['number', 'gt5'],
    ['number', '-0.5e3'],
    ['quantity', 'gt5.4|http://unitsofmeasure.org|mg'],
    ['quantity', '5.4'],
    ['composite', 'http://loinc.org|8480-6$gt100'],
    ['string', 'anything at all'],
    ['uri', 'http://example.org/profile'],
  ] as const)('accepts %s %s', (type, value) => {
    expect(checkValueShape(type, value)).toBeUndefined();
  });

  it.each([
    ['token', 'laboratory|http://terminology.hl7.org/CodeSystem/observation-category', 0],
    ['token', 'http://x.org|a|b', 14],
    ['token', '|', 0],
    ['reference', 'Patient/', 8],
    ['reference', 'Foo/1', 0],
    ['reference', 'Patient/1/x', 8],
    ['date', '2024-13-01', 0],
    ['date', 'yesterday', 0],
    ['number', 'five', 0],
    ['quantity', '5|mg', 0],
    ['composite', 'abc', 0],
    ['uri', 'has space', 0],
    ['token', 'http://x.org|a,', 15],
  ] as const)('rejects %s %s at offset %i', (type, value, offset) => {
    const problem = checkValueShape(type, value);
    expect(problem).toBeDefined();
    expect(problem?.offset).toBe(offset);
    expect(problem?.example).not.toBe('');
  });

  it('checks reference targets', () => {
    expect(checkValueShape('reference', 'Group/1', { targets: ['Patient'] })?.message).toMatch(/refers to Patient/);
    expect(checkValueShape('reference', 'Patient/1', { targets: ['Patient', 'Group'] })).toBeUndefined();
  });

  it('only judges :missing and URI modifiers', () => {
    expect(checkValueShape('token', 'maybe', { modifier: 'missing' })).toBeDefined();
    expect(checkValueShape('token', 'true', { modifier: 'missing' })).toBeUndefined();
    expect(checkValueShape('token', 'free text', { modifier: 'text' })).toBeUndefined();
  });

  it('splits on unescaped separators only', () => {
    expect(splitUnescaped('a\\,b,c', ',')).toEqual(['a\\,b', 'c']);
  });
});

describe('search parameter lookup', () => {
  it('finds own, common and DomainResource parameters', () => {
    expect(lookupSearchParameter('Observation', 'category')).toMatchObject({ kind: 'search', definition: { type: 'token' } });
    expect(lookupSearchParameter('Observation', '_lastUpdated')).toMatchObject({ kind: 'search', definition: { type: 'date' } });
    expect(lookupSearchParameter('Observation', '_text').kind).toBe('search');
    expect(lookupSearchParameter('Bundle', '_text').kind).toBe('unknown');
    expect(lookupSearchParameter('*', '_security').kind).toBe('search');
    expect(lookupSearchParameter('*', 'category').kind).toBe('unknown');
  });

  it('calls result parameters what they are and suggests close names', () => {
    expect(lookupSearchParameter('Observation', '_count').kind).toBe('result');
    // The lookup says "unknown"; the checker suggests among the type's codes.
    for (const typo of ['categroy', 'Category']) {
      expect(lookupSearchParameter('Observation', typo)).toEqual({ kind: 'unknown' });
      expect(suggest(typo, searchParameterCodes('Observation'))).toBe('category');
    }
  });
});
