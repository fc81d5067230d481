/**
 * Item: prototype pollution. Nothing a request carries (patches, resources, bodies, queries,
 * options, bundle entries, token requests, bundles to load) may reach `Object.prototype` or
 * `Array.prototype`, and no copy may take its prototype from data. The fuzz test runs
 * hostile-keyed input through every entry point and then checks the prototypes gained nothing.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorize } from '../../src/access/authorize.js';
import type { AccessRequest } from '../../src/access/access-types.js';
import { filterSearchBundle } from '../../src/access/filter-search-bundle.js';
import { applyJsonPatch } from '../../src/access/json-patch.js';
import { isInPatientCompartment } from '../../src/access/patient-compartment.js';
import { prepareToken } from '../../src/access/prepared-token.js';
import { loadBundle } from '../../src/compile/index.js';
import { createEvaluator, type TokenRequest } from '../../src/evaluate/index.js';
import { allow, app, makeBundle, rules } from '../evaluate/bundle-fixture.js';
import { LAB, obs } from './helpers.js';

const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype'];
const WATCHED = [
  'performer',
  'subject',
  'patient',
  'category',
  'reference',
  'polluted',
  'resourceType',
  'id',
  'code',
  'status',
  'entry',
  'value',
];

type Snapshot = Map<object, readonly (string | symbol)[]>;

function snapshot(): Snapshot {
  return new Map(PROTOTYPES.map(([, p]) => [p, Reflect.ownKeys(p)]));
}

/** Fails when a prototype gained, lost or changed an own key, or a watched name became inherited. */
function expectUnpolluted(before: Snapshot): void {
  for (const [name, p] of PROTOTYPES) expect(Reflect.ownKeys(p), name).toEqual(before.get(p));
  const plain: Record<string, unknown> = {};
  const arr: unknown = [];
  for (const k of WATCHED) {
    expect(plain[k], `({}).${k}`).toBeUndefined();
    expect((arr as Record<string, unknown>)[k], `[].${k}`).toBeUndefined();
  }
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** JSON text with the given entries, so that `__proto__` becomes an OWN key (as a server parsing a body gets it). */
function jsonObject(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const keyArb = fc.oneof(
  fc.constantFrom(...HOSTILE_KEYS),
  fc.constantFrom(...WATCHED),
  fc.constantFrom('0', '-', '1', 'coding', 'link', 'other'),
);
const leafArb = fc.oneof(
  fc.constantFrom(
    '"Patient/123"',
    '"Patient/456"',
    '{"reference":"Patient/123"}',
    '[{"reference":"Patient/123"}]',
    'true',
    'null',
    '1',
    '"final"',
    `[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}]`,
  ),
);
/** JSON text of nested objects and arrays whose keys are often hostile. */
const { json: jsonTextArb } = fc.letrec<{ json: string }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(fc.tuple(keyArb, tie('json')), { maxLength: 4 }).map(jsonObject),
    fc.array(tie('json'), { maxLength: 3 }).map((a) => `[${a.join(',')}]`),
  ),
}));
const hostileValueArb = jsonTextArb.map((t) => JSON.parse(t) as unknown);
/** A resource (own keys may be hostile) of a compartment type. */
const resourceArb = fc
  .tuple(fc.constantFrom('Observation', 'Patient', 'Condition'), fc.array(fc.tuple(keyArb, jsonTextArb), { maxLength: 5 }))
  .map(
    ([type, entries]) =>
      JSON.parse(jsonObject([['resourceType', JSON.stringify(type)], ['id', '"o1"'], ...entries])) as Record<string, unknown>,
  );
const pointerArb = fc
  .array(keyArb, { minLength: 0, maxLength: 4 })
  .map((ks) => ks.map((k) => '/' + k.replace(/~/g, '~0').replace(/\//g, '~1')).join(''));
const opArb = fc.record(
  {
    op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', '__proto__'),
    path: fc.oneof(
      pointerArb,
      fc.constantFrom(
        '/__proto__/performer',
        '/constructor/prototype/performer',
        '/subject/__proto__/reference',
        '/performer/0/__proto__/x',
        '',
      ),
    ),
    from: pointerArb,
    value: hostileValueArb,
  },
  { requiredKeys: ['op', 'path'] },
);
const patchArb = fc.oneof(
  fc.array(opArb, { maxLength: 5 }),
  jsonTextArb.map((t) => JSON.parse(`[{"op":"replace","path":"","value":${t}}]`) as unknown),
  fc
    .array(fc.tuple(keyArb, jsonTextArb), { maxLength: 3 })
    .map((e) => JSON.parse(`[${jsonObject([['op', '"add"'], ['path', '"/performer"'], ...e])}]`) as unknown),
);
const queryArb = fc.oneof(
  fc.constant(undefined),
  fc
    .array(fc.tuple(keyArb, fc.constantFrom('123', 'Patient/456', '__proto__', 'x', '')), { maxLength: 4 })
    .map((a) => a.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.constantFrom(
    '_include=Observation:__proto__',
    '_has:__proto__:patient:code=1',
    '__proto__[performer]=1',
    'constructor.prototype.performer=1',
  ),
);

const GRANTS = [
  ['patient/Observation.cruds', 'patient/Patient.cruds', 'patient/Condition.cruds'],
  [`user/Observation.cruds?category=${LAB}`],
  ['user/*.cruds'],
];

let before: Snapshot;
beforeEach(() => {
  before = snapshot();
});
afterEach(() => {
  expectUnpolluted(before);
});

describe('JSON Patch cannot reach a prototype', () => {
  it('the reported patch: /__proto__/performer is refused, pollutes nothing, and a later read is still denied', () => {
    const r = authorize({
      granted: ['patient/Observation.rus'],
      context: { patient: '123' },
      request: {
        method: 'PATCH',
        path: 'Observation/o1',
        body: [{ op: 'add', path: '/__proto__/performer', value: [{ reference: 'Patient/123' }] }],
      },
      resource: obs('o1', '123'),
    });
    expect(r.decision).toBe('deny');
    expect(r.reasons.map((x) => x.message).join(' ')).toContain('forbidden path token');
    expect(({} as Record<string, unknown>)['performer']).toBeUndefined();
    const read = authorize({
      granted: ['patient/Observation.rus'],
      context: { patient: '123' },
      request: { method: 'GET', path: 'Observation/o456' },
      resource: { resourceType: 'Observation', id: 'o456', subject: { reference: 'Patient/456' } },
    });
    expect(read.decision).toBe('deny');
  });

  it.each([
    '/__proto__',
    '/__proto__/x',
    '/constructor/prototype/x',
    '/a/constructor',
    '/prototype',
    '/subject/__proto__/reference',
    '/b/0/__proto__',
  ])('path or from %s is refused for every op', (pointer) => {
    const doc = { a: { x: 1 }, b: [{}], subject: { reference: 'Patient/1' } };
    for (const op of ['add', 'replace', 'remove', 'test', 'move', 'copy']) {
      expect(applyJsonPatch(doc, [{ op, path: pointer, from: '/a', value: 1 }]).ok, `${op} path`).toBe(false);
      if (op === 'move' || op === 'copy') expect(applyJsonPatch(doc, [{ op, path: '/c', from: pointer }]).ok, `${op} from`).toBe(false);
    }
  });

  it('a whole-document replace whose value has its own "__proto__" does not give the copy a prototype', () => {
    const value = JSON.parse(
      '{"resourceType":"Observation","id":"o1","__proto__":{"subject":{"reference":"Patient/123"},"category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}]}}',
    ) as object;
    const r = applyJsonPatch(obs('o1', '123'), [{ op: 'replace', path: '', value }]);
    expect(r.ok).toBe(true);
    const copy = (r as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy['subject']).toBeUndefined();
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    // The patched record has no subject of its own: it leaves both the compartment and the query.
    const patch = { method: 'PATCH', path: 'Observation/o1', body: [{ op: 'replace', path: '', value }] };
    expect(
      authorize({ granted: ['patient/Observation.u'], context: { patient: '123' }, request: patch, resource: obs('o1', '123') }).decision,
    ).toBe('deny');
    expect(authorize({ granted: [`user/Observation.u?category=${LAB}`], request: patch, resource: obs('o1', '123') }).decision).toBe(
      'deny',
    );
  });

  it('array indexes are RFC 6901 indexes (no "", "01", "1e0")', () => {
    const doc = { a: [1, 2] };
    for (const i of ['', '01', '1e0', ' 1', '-1', 'length'])
      expect(applyJsonPatch(doc, [{ op: 'replace', path: `/a/${i}`, value: 3 }]).ok, i).toBe(false);
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/a/1', value: 3 }])).toEqual({ ok: true, value: { a: [1, 3] } });
  });

  it('operations read their own fields only, and errors do not echo the op', () => {
    const inherited = Object.create({ op: 'add', path: '/subject', value: { reference: 'Patient/456' } }) as object;
    expect(applyJsonPatch(obs('o1', '123'), [inherited]).ok).toBe(false);
    const r = applyJsonPatch({}, [{ op: 'secret-op-value', path: '/a' }]);
    expect(r.ok === false && r.message.includes('secret-op-value')).toBe(false);
  });
});

describe('resources are read through own properties only', () => {
  it('an inherited link or reference is not data', () => {
    const inheritedSubject = Object.assign(Object.create({ subject: { reference: 'Patient/123' } }) as object, {
      resourceType: 'Observation',
      id: 'o1',
    });
    expect(isInPatientCompartment(inheritedSubject, '123')).toBe(false);
    const inheritedRef = { resourceType: 'Observation', id: 'o1', subject: Object.create({ reference: 'Patient/123' }) as object };
    expect(isInPatientCompartment(inheritedRef, '123')).toBe(false);
    const r = authorize({
      granted: ['patient/Observation.r'],
      context: { patient: '123' },
      request: { method: 'GET', path: 'Observation/o1' },
      resource: inheritedSubject as never,
    });
    expect(r.decision).toBe('deny');
  });
});

describe('fuzz: no entry point pollutes a prototype', () => {
  const evaluator = createEvaluator(makeBundle({ apps: [app('any')], grants: rules('any', [allow('patient/*.rs', 'launch/patient')]) }));

  it('authorize (general and fast paths, PATCH/PUT/POST/DELETE/GET, options) on hostile patches, resources and queries', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GRANTS),
        fc.constantFrom('PATCH', 'PUT', 'POST', 'GET', 'DELETE'),
        fc.constantFrom('Observation/o1', 'Observation', 'Patient/123', 'Condition/o1', '__proto__/x', 'Observation/__proto__'),
        patchArb,
        resourceArb,
        resourceArb,
        queryArb,
        fc.option(hostileValueArb, { nil: undefined }),
        (granted, method, path, patch, stored, body, query, options) => {
          const request = { method, path, query, body: method === 'PATCH' ? patch : body };
          const req = { granted, context: { patient: '123' }, request, resource: stored } as unknown as AccessRequest;
          authorize(req);
          authorize({ ...req, options: options as never });
          authorize({
            granted: prepareToken(granted),
            context: { patient: '123' },
            request: { method: 'GET', path },
            resource: stored as never,
          });
          expectUnpolluted(before);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('batch and transaction entries, the resources map, filterSearchBundle and decideToken', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('PATCH', 'PUT', 'POST', 'GET'),
            fc.constantFrom('Observation/o1', 'Observation', '__proto__'),
            patchArb,
            resourceArb,
          ),
          { maxLength: 4 },
        ),
        fc.array(fc.tuple(fc.constantFrom('Observation/o1', '__proto__', 'constructor', 'Patient/123'), jsonTextArb), { maxLength: 3 }),
        fc.constantFrom('batch', 'transaction'),
        resourceArb,
        hostileValueArb,
        (entries, storeEntries, type, searchHit, tokenInput) => {
          const entry = entries.map(([method, url, patch, resource]) => ({
            request: { method, url },
            resource: method === 'PATCH' ? patch : resource,
          }));
          const resources = JSON.parse(jsonObject(storeEntries)) as never;
          for (const granted of GRANTS) {
            authorize({
              granted,
              context: { patient: '123' },
              request: { method: 'POST', path: '', body: { resourceType: 'Bundle', type, entry } },
              resources,
            });
            filterSearchBundle(
              granted,
              { patient: '123' },
              { resourceType: 'Bundle', entry: [{ resource: searchHit }, { resource: tokenInput }] },
            );
          }
          evaluator.decideToken(tokenInput as TokenRequest);
          evaluator.decideToken({
            grantType: 'authorization_code',
            requestedScope: 'patient/*.rs',
            client: tokenInput,
            user: tokenInput,
            availableContext: tokenInput,
          } as unknown as TokenRequest);
          loadBundle(tokenInput);
          expectUnpolluted(before);
        },
      ),
      { numRuns: 300 },
    );
  });
});
