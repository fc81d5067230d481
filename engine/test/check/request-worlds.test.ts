import { describe, expect, it } from 'vitest';
import type { AppBlock, Condition } from '../../src/language/ast.js';
import { appFacts, worldsOf, worldsWhere } from '../../src/model/request-worlds.js';

const R = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const choice = (v: string) => ({ kind: 'choice' as const, text: v, value: v, range: R });
const app = (statements: Record<string, string[]>): AppBlock =>
  ({
    kind: 'app',
    range: R,
    name: { kind: 'name', text: 'a', range: R },
    statements: Object.entries(statements).map(([k, vs]) => ({ kind: `app.${k}`, range: R, values: vs.map(choice) })),
  }) as unknown as AppBlock;
const is = (subject: string, ...values: string[]): Condition =>
  ({ kind: 'cond.is', subject, values: values.map(choice), range: R }) as unknown as Condition;

describe('request worlds', () => {
  it('a patient app never sees practitioners, an EHR-less app never launches from the EHR', () => {
    const worlds = worldsOf(appFacts(app({ client: ['public'], user: ['patient'], launch: ['standalone'] })));
    expect(worldsWhere(is('user', 'practitioner'), worlds)).toEqual([]);
    expect(worldsWhere(is('launch', 'ehr'), worlds)).toEqual([]);
    expect(worldsWhere(is('grant', 'client_credentials'), worlds)).toEqual([]);
    expect(worldsWhere(is('user', 'patient'), worlds)?.length).toBeGreaterThan(0);
  });

  it('backend services only use client_credentials, without launch', () => {
    const worlds = worldsOf(appFacts(app({ client: ['confidential-asymmetric'], user: ['none'] })));
    expect(worlds.every((w) => w.grant === 'client_credentials' && w.launch === 'none')).toBe(true);
  });

  it('detects self-contradictions and stays silent on unrecognised words', () => {
    const worlds = worldsOf(appFacts(undefined));
    const contradiction = {
      kind: 'cond.and',
      operands: [is('user', 'patient'), is('user', 'practitioner')],
      range: R,
    } as unknown as Condition;
    expect(worldsWhere(contradiction, worlds)).toEqual([]);
    const unknown = {
      kind: 'cond.is',
      subject: 'user',
      values: [{ kind: 'choice', text: 'doctor', value: undefined, range: R }],
      range: R,
    } as unknown as Condition;
    expect(worldsWhere(unknown, worlds)).toBeUndefined();
    const negated = { kind: 'cond.not', operand: contradiction, range: R } as unknown as Condition;
    expect(worldsWhere(negated, worlds)?.length).toBe(worlds.length);
  });
});
