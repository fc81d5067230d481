/** A deny reason that blames an option names the option that actually refused, never another one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCESS_RULES } from '../../src/access/reasons.js';
import { LAB, ctx123, decide } from './helpers.js';

const REFUSABLE = ['queryRestrictedSearch', 'patientSearchWithoutFilter'] as const;

function namedOptions(message: string): (typeof REFUSABLE)[number][] {
  return REFUSABLE.filter((o) => message.includes(o));
}

describe('search-not-limited reasons name the refusing option', () => {
  it('queryRestrictedSearch=refuse under a patient query scope names queryRestrictedSearch', () => {
    const r = decide(
      [`patient/Observation.rs?category=${LAB}`],
      { method: 'GET', path: 'Observation', query: 'code=x' },
      {
        ...ctx123,
        options: { queryRestrictedSearch: 'refuse' },
      },
    );
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.searchNotLimited);
    expect(namedOptions(r.reasons[0]?.message ?? '')).toEqual(['queryRestrictedSearch']);
  });

  it('both refusing: both are named', () => {
    const r = decide(
      [`patient/Observation.rs?category=${LAB}`],
      { method: 'GET', path: 'Observation', query: 'code=x' },
      {
        ...ctx123,
        options: { queryRestrictedSearch: 'refuse', patientSearchWithoutFilter: 'refuse' },
      },
    );
    expect(namedOptions(r.reasons[0]?.message ?? '').sort()).toEqual(['patientSearchWithoutFilter', 'queryRestrictedSearch']);
  });

  it('on random scopes, searches and option values, only refusing options are named', () => {
    const scope = fc.constantFrom(
      'patient/Observation.rs',
      `patient/Observation.rs?category=${LAB}`,
      'user/Observation.rs?status=final',
      'patient/Condition.s?clinical-status=active',
      'patient/*.s',
    );
    const query = fc.constantFrom(
      '',
      'code=x',
      'patient=123',
      `category=${LAB}`,
      `patient=123&category=${LAB}`,
      'status=final',
      'subject=Patient/123&status=final',
    );
    const value = fc.constantFrom('narrow' as const, 'refuse' as const);
    fc.assert(
      fc.property(
        fc.array(scope, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('Observation', 'Condition'),
        query,
        value,
        value,
        (granted, type, q, qrs, psw) => {
          const options = { queryRestrictedSearch: qrs, patientSearchWithoutFilter: psw };
          const r = decide(granted, { method: 'GET', path: type, query: q }, { ...ctx123, options });
          for (const reason of r.reasons) {
            if (reason.rule !== ACCESS_RULES.searchNotLimited) continue;
            const named = namedOptions(reason.message);
            expect(named.length).toBeGreaterThan(0);
            for (const o of named) expect(options[o], reason.message).toBe('refuse');
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
