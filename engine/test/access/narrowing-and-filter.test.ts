import { describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import { filterSearchBundle } from '../../src/access/filter-search-bundle.js';
import { narrowingToQuery } from '../../src/access/narrowing.js';
import { prepareToken } from '../../src/access/prepared-token.js';
import { LAB, cond, obs } from './helpers.js';

const search = (entries: object[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: entries.length,
  entry: entries.map((resource) => ({ resource, search: { mode: 'match' } })),
});

describe('narrowingToQuery', () => {
  it('renders each alternative as an appendable query string', () => {
    const r = authorize({
      granted: [`patient/Observation.rs?category=${LAB}`, 'patient/Observation.s?status=final'],
      context: { patient: '123' },
      request: { method: 'GET', path: 'Observation', query: 'code=x' },
    });
    expect(narrowingToQuery(r)).toEqual([
      {
        resourceType: 'Observation',
        alternatives: [`patient=123&category=${LAB}`, 'patient=123&status=final'],
      },
    ]);
  });
  it('is empty when nothing must be added, and encodes reserved characters', () => {
    expect(narrowingToQuery(authorize({ granted: ['user/Observation.s'], request: { method: 'GET', path: 'Observation' } }))).toEqual([]);
    expect(narrowingToQuery([{ resourceType: 'Basic', anyOf: [{ scope: 's', filters: [{ name: 'code', value: 'a b&c|d' }] }] }])).toEqual([
      { resourceType: 'Basic', alternatives: ['code=a%20b%26c|d'] },
    ]);
    expect(narrowingToQuery(undefined)).toEqual([]);
  });
});

describe('filterSearchBundle', () => {
  const bundle = search([
    obs('o1', '123'),
    obs('o2', '456'),
    obs('o3', '123', 'vital-signs'),
    cond('c1', '123'),
    { resourceType: 'OperationOutcome', issue: [] },
  ]);

  it('keeps only what the token covers with s, says what it removed and drops total', () => {
    const token = prepareToken([`patient/Observation.rs?category=${LAB}`]);
    const { bundle: out, removed } = filterSearchBundle(token, { patient: '123' }, bundle);
    const kept = (out['entry'] as { resource: { id?: string; resourceType: string } }[]).map(
      (e) => e.resource.id ?? e.resource.resourceType,
    );
    expect(kept).toEqual(['o1', 'OperationOutcome']);
    expect(removed.map((r) => r.reference)).toEqual(['Observation/o2', 'Observation/o3', 'Condition/c1']);
    expect(removed[0]?.reason).toMatch(/Patient\/123/);
    expect(removed[1]?.reason).toMatch(/category/);
    expect(out['total']).toBeUndefined();
    expect((bundle.entry as unknown[]).length).toBe(5); // input unchanged
  });

  it('accepts scope strings; user scopes keep everything of their types', () => {
    const { removed } = filterSearchBundle(['user/Observation.s'], undefined, bundle);
    expect(removed.map((r) => r.reference)).toEqual(['Condition/c1']);
  });

  it('with a result instead of a token, applies its narrowing', () => {
    const r = authorize({
      granted: ['patient/Observation.rs'],
      context: { patient: '123' },
      request: { method: 'GET', path: 'Observation' },
    });
    const { removed } = filterSearchBundle(r, { patient: '123' }, bundle);
    expect(removed.map((x) => x.reference)).toEqual(['Observation/o2']);
    const denied = authorize({ granted: [], request: { method: 'GET', path: 'Observation' } });
    expect(filterSearchBundle(denied, undefined, bundle).removed.length).toBe(4);
  });

  it('never throws on junk', () => {
    expect(filterSearchBundle(['user/*.s'], undefined, null).removed).toEqual([]);
    expect(
      filterSearchBundle(['user/*.s'], undefined, { entry: [null, 1, { resource: 'x' }, { resource: { resourceType: 'Nope' } }] }).removed
        .length,
    ).toBe(4);
  });
});
