import { describe, expect, it } from 'vitest';
import { classifyRequest } from '../../src/access/classify-request.js';

const c = (method: unknown, path: unknown, query?: unknown, body?: unknown, resourceIsNull = false) =>
  classifyRequest({ method, path, query, body }, resourceIsNull);

const obs = { resourceType: 'Observation', status: 'final' };

describe('classifyRequest: every interaction', () => {
  it.each([
    ['GET', 'Observation/o1', undefined, undefined, 'read', 'r', 'Observation', 'o1'],
    ['HEAD', 'Observation/o1', undefined, undefined, 'read', 'r', 'Observation', 'o1'],
    ['GET', 'Observation/o1/_history/2', undefined, undefined, 'vread', 'r', 'Observation', 'o1'],
    ['GET', 'Observation/o1/_history', undefined, undefined, 'history-instance', 'r', 'Observation', 'o1'],
    ['PUT', 'Observation/o1', undefined, obs, 'update', 'u', 'Observation', 'o1'],
    ['PATCH', 'Observation/o1', undefined, [{ op: 'remove', path: '/status' }], 'patch', 'u', 'Observation', 'o1'],
    ['DELETE', 'Observation/o1', undefined, undefined, 'delete', 'd', 'Observation', 'o1'],
    ['POST', 'Observation', undefined, obs, 'create', 'c', 'Observation', undefined],
    ['GET', 'Observation', 'code=x', undefined, 'search-type', 's', 'Observation', undefined],
    ['GET', 'Observation', undefined, undefined, 'search-type', 's', 'Observation', undefined],
    ['GET', 'Observation/_search', 'code=x', undefined, 'search-type', 's', 'Observation', undefined],
    ['POST', 'Observation/_search', undefined, 'code=x', 'search-type-post', 's', 'Observation', undefined],
    ['GET', '', '_type=Observation', undefined, 'search-system', 's', undefined, undefined],
    ['POST', '_search', undefined, '_type=Observation', 'search-system-post', 's', undefined, undefined],
    ['GET', 'Observation/_history', undefined, undefined, 'history-type', 's', 'Observation', undefined],
    ['GET', '_history', undefined, undefined, 'history-system', 's', undefined, undefined],
    ['GET', 'metadata', undefined, undefined, 'capabilities', undefined, undefined, undefined],
    ['GET', 'Patient/123/Observation', undefined, undefined, 'search-compartment', 's', 'Observation', undefined],
    ['GET', 'Patient/123/*', undefined, undefined, 'search-compartment', 's', '*', undefined],
    ['POST', 'Observation', 'identifier=x', obs, 'create-conditional', 'c', 'Observation', undefined],
    ['PUT', 'Observation', 'identifier=x', obs, 'update-conditional', 'u', 'Observation', undefined],
    ['PATCH', 'Observation', 'identifier=x', [], 'patch-conditional', 'u', 'Observation', undefined],
    ['DELETE', 'Observation', 'identifier=x', undefined, 'delete-conditional', 'd', 'Observation', undefined],
    ['GET', '$export', undefined, undefined, 'operation', undefined, undefined, undefined],
    ['GET', 'Patient/$export', undefined, undefined, 'operation', undefined, 'Patient', undefined],
    ['GET', 'Patient/123/$everything', undefined, undefined, 'operation', undefined, 'Patient', '123'],
    ['POST', '', undefined, { resourceType: 'Bundle', type: 'batch', entry: [] }, 'batch', undefined, undefined, undefined],
    ['POST', '', undefined, { resourceType: 'Bundle', type: 'transaction' }, 'transaction', undefined, undefined, undefined],
  ])('%s %s?%s → %s', (method, path, query, body, interaction, letter, type, id) => {
    const r = c(method, path, query, body);
    expect(r.error).toBeUndefined();
    expect(r.interaction).toBe(interaction);
    expect(r.letter).toBe(letter);
    expect(r.resourceType).toBe(type);
    expect(r.id).toBe(id);
  });

  it('update of a resource that does not exist is update-as-create', () => {
    expect(c('PUT', 'Observation/new1', undefined, obs, true).interaction).toBe('update-as-create');
    expect(c('PUT', 'Observation/new1', undefined, obs, true).letter).toBe('u');
  });

  it('operations record name and level', () => {
    const r = c('POST', 'Patient/123/$everything');
    expect(r.operation).toBe('$everything');
    expect(r.operationLevel).toBe('instance');
    expect(c('GET', '$export').operationLevel).toBe('system');
    expect(c('GET', 'Group/1/$export').operationLevel).toBe('instance');
    expect(c('GET', 'Observation/$lastn').operationLevel).toBe('type');
  });

  it('compartment search records the owner', () => {
    expect(c('GET', 'Patient/123/Observation').compartment).toEqual({ type: 'Patient', id: '123' });
    expect(c('GET', 'Encounter/e1/Observation').compartment).toEqual({ type: 'Encounter', id: 'e1' });
  });

  it('POST _search merges the form body (+ is a space) with the query string', () => {
    const r = c('POST', 'Observation/_search', '_count=10', 'code=a%7Cb&name=a+b');
    expect(r.params).toEqual([
      { name: '_count', value: '10' },
      { name: 'code', value: 'a|b' },
      { name: 'name', value: 'a b' },
    ]);
  });

  it('decodes the query and keeps a query written inside the path', () => {
    expect(c('GET', 'Observation?patient=123', undefined).params).toEqual([{ name: 'patient', value: '123' }]);
    expect(c('GET', 'Observation', '?code=a%7Cb').params).toEqual([{ name: 'code', value: 'a|b' }]);
  });

  it('accepts one leading slash, lower-case methods and absolute URLs', () => {
    expect(c('GET', '/Observation/o1').interaction).toBe('read');
    expect(c('get', 'Observation/o1').interaction).toBe('read');
    expect(c('GET', 'https://ehr.example.org/fhir/r4/Observation/o1').interaction).toBe('read');
    expect(c('GET', 'https://ehr.example.org/fhir/metadata').interaction).toBe('capabilities');
  });

  it('_format alone does not make a create conditional', () => {
    expect(c('POST', 'Observation', '_format=json', obs).interaction).toBe('create');
  });
});

describe('classifyRequest: malformed input is an error with a JSON path', () => {
  it.each([
    [42, 'Observation', undefined, undefined, 'request.method.invalid', '$.request.method'],
    ['GET', null, undefined, undefined, 'request.path.invalid', '$.request.path'],
    ['GET', 'Observation/../Patient', undefined, undefined, 'request.path.traversal', '$.request.path'],
    ['GET', 'Observation/./o1', undefined, undefined, 'request.path.traversal', '$.request.path'],
    ['GET', 'Observation/%2E%2E', undefined, undefined, 'request.path.traversal', '$.request.path'],
    ['GET', 'Observation/%zz', undefined, undefined, 'request.path.encoding', '$.request.path'],
    ['GET', 'Observation', 'code=%E0%A4%A', undefined, 'request.query.encoding', '$.request.query'],
    ['GET', 'observation/o1', undefined, undefined, 'request.path.type-unknown', '$.request.path'],
    ['GET', 'Resource/o1', undefined, undefined, 'request.path.type-unknown', '$.request.path'],
    ['GET', 'Observation//o1', undefined, undefined, 'request.path.invalid', '$.request.path'],
    ['GET', 'Observation/o_1', undefined, undefined, 'request.path.id-invalid', '$.request.path'],
    ['GET', 'Observation', 42, undefined, 'request.query.invalid', '$.request.query'],
    ['POST', 'Observation', undefined, 'not an object', 'request.body.invalid', '$.request.body'],
    ['POST', 'Observation', undefined, [obs], 'request.body.invalid', '$.request.body'],
    ['PUT', 'Observation/o1', undefined, { resourceType: 'Condition' }, 'request.body.type-mismatch', '$.request.body.resourceType'],
    ['POST', 'Observation/_search', undefined, { code: 'x' }, 'request.body.invalid', '$.request.body'],
    ['POST', '', undefined, { resourceType: 'Bundle', type: 'collection' }, 'request.body.bundle-type', '$.request.body.type'],
    ['POST', '', undefined, undefined, 'request.body.invalid', '$.request.body'],
  ])('%s %s → %s', (method, path, query, body, code, at) => {
    const r = c(method, path, query, body);
    expect(r.interaction).toBe('unknown');
    expect(r.error?.code).toBe(code);
    expect(r.error?.path).toBe(at);
    expect(r.error?.message.length).toBeGreaterThan(5);
  });

  it.each([
    ['PUT', 'Observation'],
    ['DELETE', 'Observation'],
    ['POST', 'Observation/o1'],
    ['PUT', 'metadata'],
    ['DELETE', ''],
    ['TRACE', 'Observation/o1'],
    ['DELETE', 'Patient/1/$everything'],
    ['GET', 'Observation/o1/_history/1/extra/more'],
  ])('%s %s is not a FHIR interaction', (method, path) => {
    const r = c(method, path);
    expect(r.interaction).toBe('unknown');
    expect(r.error).toBeDefined();
  });
});

describe('compartment owners', () => {
  it('only R4 compartment types own compartments', () => {
    expect(c('GET', 'Practitioner/9/Observation').interaction).toBe('search-compartment');
    expect(c('GET', 'Device/9/*').interaction).toBe('search-compartment');
    expect(c('GET', 'Observation/o1/Condition').error?.code).toBe('request.path.compartment-unknown');
  });
});
