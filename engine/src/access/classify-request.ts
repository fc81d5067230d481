/**
 * Maps a FHIR REST request (method, path relative to the base, query, body) to its interaction,
 * resource type and the permission letter SMART App Launch 2.2 gives it (Scopes and Launch Context). No regular expressions and few
 * allocations: this runs on every request a resource server sees.
 */
import type { QueryPair } from '../smart/scope-types.js';
import type { DecisionError, InteractionName } from './access-types.js';
import { isResourceType } from '../fhir/resource-types.js';
import { parseQueryString, percentDecode } from './search-syntax.js';

/** A permission letter of the v2 `cruds` string. */
export type Letter = 'c' | 'r' | 'u' | 'd' | 's';

/** Where an operation is invoked. */
export type OperationLevel = 'system' | 'type' | 'instance';

/** What the classifier found. Fields that do not apply to the interaction are undefined. */
export interface ClassifiedRequest {
  readonly interaction: InteractionName;
  /** Resource type of the request (for compartment search: the searched type, or `*`). */
  readonly resourceType: string | undefined;
  readonly id: string | undefined;
  readonly versionId: string | undefined;
  /** The SMART letter the interaction needs; undefined where SMART maps none (rule 30). */
  readonly letter: Letter | undefined;
  /** Decoded search parameters (query string, plus the form body of `POST _search`). */
  readonly params: readonly QueryPair[];
  /** For `search-compartment`: the compartment owner, e.g. `{type: 'Patient', id: '123'}`. */
  readonly compartment: { readonly type: string; readonly id: string } | undefined;
  /** For `operation`: the name with `$` and where it is invoked. */
  readonly operation: string | undefined;
  readonly operationLevel: OperationLevel | undefined;
  /** Set when the request is malformed; the interaction is then `unknown`. */
  readonly error: DecisionError | undefined;
}

/** Options of the classifier: how it reads a request that does not name everything itself. */
export interface ClassifyInput {
  readonly method: unknown;
  readonly path: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
}

const NO_PARAMS: readonly QueryPair[] = Object.freeze([]);

/** The resource types R4 defines compartments for. */
const COMPARTMENT_OWNERS: ReadonlySet<string> = new Set(['Patient', 'Encounter', 'RelatedPerson', 'Practitioner', 'Device']);

class Classified implements ClassifiedRequest {
  constructor(
    readonly interaction: InteractionName,
    readonly resourceType: string | undefined,
    readonly id: string | undefined,
    readonly versionId: string | undefined,
    readonly letter: Letter | undefined,
    readonly params: readonly QueryPair[],
    readonly compartment: { readonly type: string; readonly id: string } | undefined = undefined,
    readonly operation: string | undefined = undefined,
    readonly operationLevel: OperationLevel | undefined = undefined,
    readonly error: DecisionError | undefined = undefined,
  ) {}
}

function fail(code: string, message: string, path: string): ClassifiedRequest {
  return new Classified('unknown', undefined, undefined, undefined, undefined, NO_PARAMS, undefined, undefined, undefined, {
    code,
    message,
    path,
  });
}

function unknown(_resourceType: string | undefined, message: string, jsonPath: string): ClassifiedRequest {
  return fail('request.interaction-unknown', message, jsonPath);
}

/** Parameters that do not make a create/update/delete conditional. */
function isFormatParam(name: string): boolean {
  return name === '_format' || name === '_pretty' || name === '_summary' || name === '_elements';
}

function hasCriteria(params: readonly QueryPair[]): boolean {
  for (let i = 0; i < params.length; i++) if (!isFormatParam((params[i] as QueryPair).name)) return true;
  return false;
}

/** A FHIR logical id: 1–64 of `[A-Za-z0-9\-.]`. */
export function isValidId(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 64) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46)) return false;
  }
  return true;
}

/**
 * Classifies one request. `at` is the JSON path of the request in the caller's input, for errors
 * (`$.request` at top level, `$.request.body.entry[2].request` in a bundle).
 */
export function classifyRequest(input: ClassifyInput, resourceIsNull = false, at = '$.request'): ClassifiedRequest {
  const rawMethod = input.method;
  if (typeof rawMethod !== 'string') return fail('request.method.invalid', 'the method must be a string', at + '.method');
  const method = isUpper(rawMethod) ? rawMethod : rawMethod.toUpperCase();
  const rawPath = input.path;
  if (typeof rawPath !== 'string') return fail('request.path.invalid', 'the path must be a string', at + '.path');
  const rawQuery = input.query;
  if (rawQuery !== undefined && rawQuery !== null && typeof rawQuery !== 'string') {
    return fail('request.query.invalid', 'the query must be a string', at + '.query');
  }
  let path = rawPath;
  let query = typeof rawQuery === 'string' ? rawQuery : '';
  if (query.charCodeAt(0) === 63 /* ? */) query = query.slice(1);
  const qm = path.indexOf('?');
  if (qm >= 0) {
    const inPath = path.slice(qm + 1);
    query = query.length === 0 ? inPath : inPath.length === 0 ? query : inPath + '&' + query;
    path = path.slice(0, qm);
  }
  if (path.indexOf('#') >= 0) return fail('request.path.invalid', 'the path must not contain a fragment', at + '.path');
  if (path.startsWith('http://') || path.startsWith('https://')) {
    const rel = relativeToBase(path);
    if (rel === undefined) {
      return fail('request.path.absolute', 'an absolute URL whose resource part cannot be found', at + '.path');
    }
    path = rel;
  }
  // Tolerate one leading and one trailing slash; nothing else is normalised.
  let start = path.charCodeAt(0) === 47 ? 1 : 0;
  let end = path.length;
  if (end > start && path.charCodeAt(end - 1) === 47) end--;

  // Up to five segments, found without split().
  const segs: string[] = [];
  if (end > start) {
    let i = start;
    while (true) {
      const slash = path.indexOf('/', i);
      const stop = slash < 0 || slash >= end ? end : slash;
      const raw = path.slice(i, stop);
      if (raw.length === 0) return fail('request.path.invalid', 'the path has an empty segment', at + '.path');
      let seg = raw;
      if (raw.indexOf('%') >= 0) {
        const d = percentDecode(raw);
        if (d === undefined) return fail('request.path.encoding', `bad percent-encoding in path segment ${segs.length + 1}`, at + '.path');
        seg = d;
      }
      if (seg === '.' || seg === '..' || seg.indexOf('/') >= 0) {
        return fail('request.path.traversal', 'the path must not contain "." or ".." segments', at + '.path');
      }
      segs.push(seg);
      if (segs.length > 5) return unknown(undefined, 'the path has too many segments for a FHIR interaction', at + '.path');
      if (stop === end) break;
      i = stop + 1;
    }
  }
  start = 0;

  let params = NO_PARAMS;
  if (query.length > 0) {
    const parsed = parseQueryString(query);
    if (!parsed.ok) return fail('request.query.encoding', `${parsed.message} in query parameter ${parsed.index}`, at + '.query');
    params = parsed.pairs;
  }

  const n = segs.length;
  if (n === 0) return classifyBase(method, params, input.body, at);
  const s0 = segs[0] as string;
  if (n === 1) {
    if (s0 === 'metadata') {
      return method === 'GET' || method === 'HEAD'
        ? new Classified('capabilities', undefined, undefined, undefined, undefined, params)
        : unknown(undefined, `${shownMethod(method)} metadata is not a FHIR interaction`, at + '.method');
    }
    if (s0 === '_history') {
      return method === 'GET' || method === 'HEAD'
        ? new Classified('history-system', undefined, undefined, undefined, 's', params)
        : unknown(undefined, `${shownMethod(method)} _history is not a FHIR interaction`, at + '.method');
    }
    if (s0 === '_search') {
      if (method === 'POST') {
        const merged = mergeForm(params, input.body, at);
        if (!Array.isArray(merged)) return merged as ClassifiedRequest;
        return new Classified('search-system-post', undefined, undefined, undefined, 's', merged as QueryPair[]);
      }
      if (method === 'GET' || method === 'HEAD') return new Classified('search-system', undefined, undefined, undefined, 's', params);
      return unknown(undefined, `${shownMethod(method)} _search is not a FHIR interaction`, at + '.method');
    }
    if (s0.charCodeAt(0) === 36 /* $ */) return operation(s0, 'system', undefined, undefined, params, method, at);
    if (!isResourceType(s0)) return fail('request.path.type-unknown', `path segment 1 is not an R4 resource type`, at + '.path');
    switch (method) {
      case 'GET':
      case 'HEAD':
        return new Classified('search-type', s0, undefined, undefined, 's', params);
      case 'POST': {
        const bad = checkBody(input.body, s0, at);
        if (bad !== undefined) return bad;
        return new Classified(hasCriteria(params) ? 'create-conditional' : 'create', s0, undefined, undefined, 'c', params);
      }
      case 'PUT': {
        if (!hasCriteria(params)) return unknown(s0, 'PUT on a type needs an id or search criteria', at + '.path');
        const bad = checkBody(input.body, s0, at);
        if (bad !== undefined) return bad;
        return new Classified('update-conditional', s0, undefined, undefined, 'u', params);
      }
      case 'PATCH':
        return hasCriteria(params)
          ? new Classified('patch-conditional', s0, undefined, undefined, 'u', params)
          : unknown(s0, 'PATCH on a type needs an id or search criteria', at + '.path');
      case 'DELETE':
        return hasCriteria(params)
          ? new Classified('delete-conditional', s0, undefined, undefined, 'd', params)
          : unknown(s0, 'DELETE on a type needs an id or search criteria', at + '.path');
      default:
        return unknown(s0, `${shownMethod(method)} ${s0} is not a FHIR interaction`, at + '.method');
    }
  }
  if (!isResourceType(s0)) return fail('request.path.type-unknown', `path segment 1 is not an R4 resource type`, at + '.path');
  const s1 = segs[1] as string;
  if (n === 2) {
    if (s1 === '_search') {
      if (method === 'POST') {
        const merged = mergeForm(params, input.body, at);
        if (!Array.isArray(merged)) return merged as ClassifiedRequest;
        return new Classified('search-type-post', s0, undefined, undefined, 's', merged as QueryPair[]);
      }
      if (method === 'GET' || method === 'HEAD') return new Classified('search-type', s0, undefined, undefined, 's', params);
      return unknown(s0, `${shownMethod(method)} ${s0}/_search is not a FHIR interaction`, at + '.method');
    }
    if (s1 === '_history') {
      return method === 'GET' || method === 'HEAD'
        ? new Classified('history-type', s0, undefined, undefined, 's', params)
        : unknown(s0, `${shownMethod(method)} ${s0}/_history is not a FHIR interaction`, at + '.method');
    }
    if (s1.charCodeAt(0) === 36) return operation(s1, 'type', s0, undefined, params, method, at);
    if (!isValidId(s1)) return fail('request.path.id-invalid', `path segment 2 is not a valid FHIR id`, at + '.path');
    switch (method) {
      case 'GET':
      case 'HEAD':
        return new Classified('read', s0, s1, undefined, 'r', params);
      case 'PUT': {
        const bad = checkBody(input.body, s0, at);
        if (bad !== undefined) return bad;
        return new Classified(resourceIsNull ? 'update-as-create' : 'update', s0, s1, undefined, 'u', params);
      }
      case 'PATCH':
        return new Classified('patch', s0, s1, undefined, 'u', params);
      case 'DELETE':
        return new Classified('delete', s0, s1, undefined, 'd', params);
      default:
        return unknown(s0, `${shownMethod(method)} ${s0}/[id] is not a FHIR interaction`, at + '.method');
    }
  }
  if (!isValidId(s1)) return fail('request.path.id-invalid', `path segment 2 is not a valid FHIR id`, at + '.path');
  const s2 = segs[2] as string;
  if (n === 3) {
    if (s2 === '_history') {
      return method === 'GET' || method === 'HEAD'
        ? new Classified('history-instance', s0, s1, undefined, 'r', params)
        : unknown(s0, `${shownMethod(method)} ${s0}/[id]/_history is not a FHIR interaction`, at + '.method');
    }
    if (s2.charCodeAt(0) === 36) return operation(s2, 'instance', s0, s1, params, method, at);
    if ((s2 === '*' || isResourceType(s2)) && !COMPARTMENT_OWNERS.has(s0)) {
      return fail(
        'request.path.compartment-unknown',
        `${s0} does not define a compartment (R4: Patient, Encounter, RelatedPerson, Practitioner, Device)`,
        at + '.path',
      );
    }
    if (s2 === '*' || isResourceType(s2)) {
      return method === 'GET' || method === 'HEAD'
        ? new Classified('search-compartment', s2, undefined, undefined, 's', params, { type: s0, id: s1 })
        : unknown(s0, `${shownMethod(method)} on a compartment is not a FHIR interaction`, at + '.method');
    }
    return fail('request.path.type-unknown', `path segment 3 is not an R4 resource type`, at + '.path');
  }
  const s3 = segs[3] as string;
  if (n === 4) {
    if (s2 === '_history') {
      if (!isValidId(s3)) return fail('request.path.id-invalid', `path segment 4 is not a valid version id`, at + '.path');
      return method === 'GET' || method === 'HEAD'
        ? new Classified('vread', s0, s1, s3, 'r', params)
        : unknown(s0, `${shownMethod(method)} on a version is not a FHIR interaction`, at + '.method');
    }
    if ((s2 === '*' || isResourceType(s2)) && s3 === '_search' && method === 'POST') {
      const merged = mergeForm(params, input.body, at);
      if (!Array.isArray(merged)) return merged as ClassifiedRequest;
      return new Classified('search-compartment', s2, undefined, undefined, 's', merged as QueryPair[], { type: s0, id: s1 });
    }
    if (s2 === '_history' || s3.charCodeAt(0) === 36) {
      return unknown(s0, 'operations on a version are not supported', at + '.path');
    }
  }
  if (n === 5 && s2 === '_history' && (segs[4] as string).charCodeAt(0) === 36) {
    return operation(segs[4] as string, 'instance', s0, s1, params, method, at);
  }
  return unknown(s0, 'the path is not a FHIR REST interaction', at + '.path');
}

const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

/** A method as messages show it: a known HTTP method by name, anything else never echoed. */
function shownMethod(method: string): string {
  return HTTP_METHODS.has(method) ? method : 'this method';
}

function isUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

function operation(
  name: string,
  level: OperationLevel,
  type: string | undefined,
  id: string | undefined,
  params: readonly QueryPair[],
  method: string,
  at: string,
): ClassifiedRequest {
  if (name.length < 2) return fail('request.path.operation-invalid', 'an operation needs a name after "$"', at + '.path');
  if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
    return unknown(type, `operations are invoked with GET or POST, not ${shownMethod(method)}`, at + '.method');
  }
  return new Classified('operation', type, id, undefined, undefined, params, undefined, name, level);
}

/** A create or update body must be a resource of the path's type. */
function checkBody(body: unknown, type: string, at: string): ClassifiedRequest | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return fail('request.body.invalid', `the body must be a ${type} resource (a JSON object)`, at + '.body');
  }
  const rt = (body as Record<string, unknown>)['resourceType'];
  if (rt !== type) {
    return fail(
      'request.body.type-mismatch',
      `the body's resourceType ${typeof rt === 'string' ? 'is another type than' : 'is missing; it must be'} the path's type ${type}`,
      at + '.body.resourceType',
    );
  }
  return undefined;
}

/** Base-level requests: system search, batch and transaction. */
function classifyBase(method: string, params: readonly QueryPair[], body: unknown, at: string): ClassifiedRequest {
  if (method === 'GET' || method === 'HEAD') return new Classified('search-system', undefined, undefined, undefined, 's', params);
  if (method === 'POST') {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return fail('request.body.invalid', 'POST to the base needs a Bundle body', at + '.body');
    }
    const b = body as Record<string, unknown>;
    if (b['resourceType'] !== 'Bundle')
      return fail('request.body.invalid', 'POST to the base needs a Bundle body', at + '.body.resourceType');
    if (b['type'] === 'batch') return new Classified('batch', undefined, undefined, undefined, undefined, params);
    if (b['type'] === 'transaction') return new Classified('transaction', undefined, undefined, undefined, undefined, params);
    return fail('request.body.bundle-type', 'only batch and transaction Bundles can be POSTed to the base', at + '.body.type');
  }
  return unknown(undefined, `${shownMethod(method)} on the base is not a FHIR interaction`, at + '.method');
}

/** Adds the form-encoded body of `POST _search` to the query-string parameters. */
function mergeForm(params: readonly QueryPair[], body: unknown, at: string): readonly QueryPair[] | ClassifiedRequest {
  if (body === undefined || body === null || body === '') return params.length === 0 ? [] : params.slice();
  if (typeof body !== 'string') {
    return fail('request.body.invalid', 'the body of POST _search must be a form-encoded string', at + '.body');
  }
  const parsed = parseQueryString(body, true);
  if (!parsed.ok) return fail('request.body.encoding', `${parsed.message} in form parameter ${parsed.index}`, at + '.body');
  return params.length === 0 ? parsed.pairs.slice() : [...params, ...parsed.pairs];
}

/**
 * The base-relative part of an absolute URL: the path from the first segment that names a
 * resource type, `metadata`, `_history`, `_search` or an operation. Undefined when none does.
 */
export function relativeToBase(url: string): string | undefined {
  const schemeEnd = url.indexOf('//');
  const pathStart = url.indexOf('/', schemeEnd + 2);
  if (pathStart < 0) return '';
  const rest = url.slice(pathStart + 1);
  const segs = rest.split('/');
  for (let i = 0; i < segs.length; i++) {
    const s = (segs[i] as string).split('?')[0] as string;
    if (isResourceType(s) || s === 'metadata' || s === '_history' || s === '_search' || s.startsWith('$')) {
      return segs.slice(i).join('/');
    }
  }
  return rest.length === 0 || rest.startsWith('?') ? rest : undefined;
}
