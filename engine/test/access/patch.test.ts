import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../src/access/json-patch.js';
import { ACCESS_RULES } from '../../src/access/reasons.js';
import { LAB, ctx123, decide, obs } from './helpers.js';

describe('applyJsonPatch', () => {
  const doc = { a: 1, b: [1, 2], c: { d: 'x' } };
  it('applies add, remove, replace, move, copy, test to a copy', () => {
    const r = applyJsonPatch(doc, [
      { op: 'add', path: '/b/-', value: 3 },
      { op: 'remove', path: '/a' },
      { op: 'replace', path: '/c/d', value: 'y' },
      { op: 'copy', from: '/c', path: '/e' },
      { op: 'move', from: '/b/0', path: '/f' },
      { op: 'test', path: '/f', value: 1 },
    ]);
    expect(r).toEqual({ ok: true, value: { b: [2, 3], c: { d: 'y' }, e: { d: 'y' }, f: 1 } });
    expect(doc).toEqual({ a: 1, b: [1, 2], c: { d: 'x' } });
  });
  it('refuses what does not apply', () => {
    expect(applyJsonPatch(doc, [{ op: 'remove', path: '/zz' }]).ok).toBe(false);
    expect(applyJsonPatch(doc, [{ op: 'test', path: '/a', value: 2 }]).ok).toBe(false);
    expect(applyJsonPatch(doc, [{ op: 'jump', path: '/a' }]).ok).toBe(false);
    expect(applyJsonPatch(doc, { op: 'add' }).ok).toBe(false);
    expect(applyJsonPatch(doc, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]).ok).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('PATCH under restricted scopes checks the patched resource', () => {
  const patch = (body: unknown) => ({ method: 'PATCH', path: 'Observation/o1', body });
  it('a patch may not move a record to another patient', () => {
    expect(
      decide(['patient/Observation.u'], patch([{ op: 'replace', path: '/status', value: 'amended' }]), {
        ...ctx123,
        resource: obs('o1', '123'),
      }).decision,
    ).toBe('allow');
    const r = decide(['patient/Observation.u'], patch([{ op: 'replace', path: '/subject/reference', value: 'Patient/456' }]), {
      ...ctx123,
      resource: obs('o1', '123'),
    });
    expect(r.decision).toBe('deny');
    expect(r.reasons[0]?.rule).toBe(ACCESS_RULES.patientCompartment);
  });
  it('a patch may not move a record out of the scope query', () => {
    const g = [`user/Observation.u?category=${LAB}`];
    expect(decide(g, patch([{ op: 'replace', path: '/status', value: 'amended' }]), { resource: obs('o1', '1') }).decision).toBe('allow');
    expect(
      decide(g, patch([{ op: 'replace', path: '/category/0/coding/0/code', value: 'imaging' }]), { resource: obs('o1', '1') }).decision,
    ).toBe('deny');
  });
  it('FHIRPath Patch cannot be verified under restricted scopes; plain scopes do not need to', () => {
    const fhirpathPatch = { resourceType: 'Parameters', parameter: [] };
    expect(decide(['patient/Observation.u'], patch(fhirpathPatch), { ...ctx123, resource: obs('o1', '123') }).decision).toBe('deny');
    expect(decide(['user/Observation.u'], patch(fhirpathPatch), { resource: obs('o1', '123') }).decision).toBe('allow');
  });
});
