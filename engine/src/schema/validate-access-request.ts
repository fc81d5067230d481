import type { AccessOptions, AccessRequest, FhirRequest, LaunchContext } from '../access/access-types.js';
import { isPlainObject, type InputProblem, type Validated } from './validation-result.js';

const CONTEXT_STRING_FIELDS = ['patient', 'encounter', 'fhirUser'] as const;

/**
 * Checks that untrusted JSON has the `access` shape `{granted, context?, request, resource?, resources?, options?}`
 * (the shape of the shared conformance vectors) and says, by JSON path, what is wrong when it does not.
 * `granted` may also be one space-separated scope string (the OAuth `scope` parameter).
 */
export function validateAccessRequest(input: unknown, root = '$'): Validated<AccessRequest> {
  const problems: InputProblem[] = [];
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ path: root, message: 'must be a JSON object with "granted" and "request"' }] };
  }
  const granted = readGranted(input['granted'], `${root}.granted`, problems);
  const context = readContext(input['context'], `${root}.context`, problems);
  const request = readRequest(input['request'], `${root}.request`, problems);
  const resource = input['resource'];
  if (resource !== undefined && resource !== null && !isResource(resource)) {
    problems.push({ path: `${root}.resource`, message: 'must be a FHIR resource (an object with a string "resourceType") or null' });
  }
  const resources = input['resources'];
  if (resources !== undefined) {
    if (!isPlainObject(resources)) {
      problems.push({ path: `${root}.resources`, message: 'must be an object keyed "Type/id"' });
    } else {
      for (const [key, value] of Object.entries(resources)) {
        if (!isResource(value)) problems.push({ path: `${root}.resources[${JSON.stringify(key)}]`, message: 'must be a FHIR resource' });
      }
    }
  }
  const options = input['options'];
  if (options !== undefined && !isPlainObject(options)) {
    problems.push({ path: `${root}.options`, message: 'must be an object of access options' });
  }
  if (problems.length > 0 || granted === undefined || request === undefined) return { ok: false, problems };
  const value: AccessRequest = {
    granted,
    request,
    ...(context ? { context } : {}),
    ...(resource !== undefined ? { resource: resource as AccessRequest['resource'] } : {}),
    ...(resources !== undefined ? { resources: resources as AccessRequest['resources'] } : {}),
    ...(options !== undefined ? { options: options as Partial<AccessOptions> } : {}),
  };
  return { ok: true, value };
}

function readGranted(value: unknown, path: string, problems: InputProblem[]): readonly string[] | undefined {
  if (typeof value === 'string') return value === '' ? [] : value.split(' ');
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'must be an array of scope strings (or one space-separated string)' });
    return undefined;
  }
  const scopes: string[] = [];
  value.forEach((scope, index) => {
    if (typeof scope === 'string') scopes.push(scope);
    else problems.push({ path: `${path}[${index}]`, message: 'must be a scope string' });
  });
  return scopes;
}

function readContext(value: unknown, path: string, problems: InputProblem[]): LaunchContext | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    problems.push({ path, message: 'must be an object such as {"patient": "123"}' });
    return undefined;
  }
  for (const field of CONTEXT_STRING_FIELDS) {
    const fieldValue = value[field];
    if (fieldValue !== undefined && typeof fieldValue !== 'string') {
      problems.push({ path: `${path}.${field}`, message: 'must be a string id' });
    }
  }
  const fhirContext = value['fhirContext'];
  if (fhirContext !== undefined && (!Array.isArray(fhirContext) || !fhirContext.every(isPlainObject))) {
    problems.push({ path: `${path}.fhirContext`, message: 'must be an array of objects' });
  }
  return value as LaunchContext;
}

function readRequest(value: unknown, path: string, problems: InputProblem[]): FhirRequest | undefined {
  if (!isPlainObject(value)) {
    problems.push({ path, message: 'must be an object {"method", "path", "query"?, "body"?}' });
    return undefined;
  }
  const before = problems.length;
  if (typeof value['method'] !== 'string' || value['method'] === '') {
    problems.push({ path: `${path}.method`, message: 'must be an HTTP method such as "GET"' });
  }
  if (typeof value['path'] !== 'string') {
    problems.push({ path: `${path}.path`, message: 'must be a string relative to the FHIR base ("" is the base)' });
  }
  if (value['query'] !== undefined && value['query'] !== null && typeof value['query'] !== 'string') {
    problems.push({ path: `${path}.query`, message: 'must be the raw query string without "?"' });
  }
  if (problems.length !== before) return undefined;
  const query = value['query'];
  const body = value['body'];
  return {
    method: value['method'] as string,
    path: value['path'] as string,
    ...(typeof query === 'string' ? { query } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

function isResource(value: unknown): boolean {
  return isPlainObject(value) && typeof value['resourceType'] === 'string';
}
