/** A mapped $everything / $export needs read and search on every type it can return (issue item 6). */
import { describe, expect, it } from 'vitest';
import type { FhirResource } from '../../src/access/access-types.js';
import { filterSearchBundle } from '../../src/access/filter-search-bundle.js';
import { ACCESS_RULES } from '../../src/access/reasons.js';
import { LAB, cond, ctx123, decide, obs } from './helpers.js';

const GET = (path: string, query?: string) => ({ method: 'GET', path, ...(query !== undefined ? { query } : {}) });
const everything = { operations: { $everything: 'rs' } };

describe('$everything, when mapped', () => {
  it('letters on Patient alone are not enough: every type it returns needs r and s', () => {
    const r = decide(['patient/Patient.rs'], GET('Patient/123/$everything'), { ...ctx123, options: everything });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.operationTypes);
    expect(r.reasons[0]?.message).toMatch(/_type/);
    expect(
      decide(['patient/Patient.rs'], GET('Patient/123/$everything', '_type=Observation'), { ...ctx123, options: everything }).decision,
    ).toBe('deny');
  });

  it('patient/*.rs: types outside the compartment are not covered (rule 24), unless the option says so', () => {
    expect(decide(['patient/*.rs'], GET('Patient/123/$everything'), { ...ctx123, options: everything }).decision).toBe('deny');
    const r = decide(['patient/*.rs'], GET('Patient/123/$everything'), {
      ...ctx123,
      options: { ...everything, patientScopeNonCompartmentTypes: 'read-search' },
    });
    expect(r.decision).toBe('allow');
    // Compartment types come with a post-filter for the context patient.
    expect(r.narrowing?.find((n) => n.resourceType === 'Observation')).toEqual({
      resourceType: 'Observation',
      anyOf: [{ scope: 'patient/*.rs', filters: [{ name: 'patient', value: '123' }] }],
      apply: 'result',
    });
    expect(r.narrowing?.every((n) => n.apply === 'result')).toBe(true);
  });

  it('query-restricted types are post-filtered, and filterSearchBundle(decision) removes the rest', () => {
    const granted = ['patient/Patient.rs', `patient/Observation.rs?category=${LAB}`, 'patient/Condition.rs'];
    const r = decide(granted, GET('Patient/123/$everything', '_type=Patient,Observation,Condition'), { ...ctx123, options: everything });
    expect(r.decision).toBe('allow');
    const served = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resourceType: 'Patient', id: '123' },
        obs('lab', '123'),
        obs('vital', '123', 'vital-signs'),
        cond('c1', '123'),
        cond('c2', '456'),
      ].map((resource) => ({ resource })),
    };
    const out = filterSearchBundle(r, ctx123.context, served);
    expect((out.bundle['entry'] as { resource: FhirResource }[]).map((e) => e.resource.id)).toEqual(['123', 'lab', 'c1']);
  });

  it('user/*.rs needs no post-filter; a _type that is not a type is a malformed request', () => {
    const r = decide(['user/*.rs'], GET('Patient/1/$everything'), { options: everything });
    expect(r.decision).toBe('allow');
    expect(r.narrowing).toBeUndefined();
    const bad = decide(['user/*.rs'], GET('Patient/1/$everything', '_type=Observation,Nope'), { options: everything });
    expect(bad.decision).toBe('deny');
    expect(bad.errors[0]?.code).toBe('request.query.type-unknown');
    expect(bad.errors[0]?.message).not.toContain('Nope');
  });
});

describe('$export, when mapped', () => {
  const exportOpt = { operations: { $export: 's' } };
  it('returns files nobody filters: restricted types refuse it', () => {
    expect(decide(['system/*.rs'], GET('$export'), { options: exportOpt }).decision).toBe('allow');
    expect(
      decide(['system/Patient.rs', 'system/Observation.rs?category=x'], GET('Patient/$export', '_type=Patient,Observation'), {
        options: exportOpt,
      }).decision,
    ).toBe('deny');
    expect(
      decide(['system/Patient.rs', 'system/Observation.rs'], GET('Patient/$export', '_type=Patient,Observation'), { options: exportOpt })
        .decision,
    ).toBe('allow');
    expect(decide(['system/Patient.rs'], GET('Patient/$export'), { options: exportOpt }).decision).toBe('deny');
  });
});
