import type { AccessOptions, AccessRequest, FhirRequest, LaunchContext } from '../access/access-types.js';
import { ACCESS_REQUEST_SCHEMA, type AccessRequestWire } from './generated/wire-schemas.js';
import type { InputProblem, Validated } from './validation-result.js';
import { wireValidator } from './wire-validator.js';

const check = wireValidator<AccessRequestWire>(ACCESS_REQUEST_SCHEMA);

/**
 * Checks that untrusted JSON has the `access` shape of engine/schemas/access-request.schema.json
 * (the shape of the shared conformance vectors) and says, by JSON pointer and path, where each
 * problem is (the first first). `granted` may also be one space-separated scope string (the OAuth `scope` parameter).
 */
export function validateAccessRequest(input: unknown, root = '$'): Validated<AccessRequest> {
  const checked = check(input);
  if (!checked.ok) {
    const problems = checked.problems.map(
      ({ pointer, path, message }): InputProblem => ({ path: root === '$' ? path : root + path.slice(1), pointer, message }),
    );
    return { ok: false, problems };
  }
  const wire = checked.value;
  const granted = typeof wire.granted === 'string' ? (wire.granted === '' ? [] : wire.granted.split(' ')) : wire.granted;
  const query = wire.request.query;
  const request: FhirRequest = {
    method: wire.request.method,
    path: wire.request.path,
    ...(typeof query === 'string' ? { query } : {}),
    ...(wire.request.body !== undefined ? { body: wire.request.body } : {}),
  };
  const value: AccessRequest = {
    granted,
    request,
    ...(wire.context !== undefined && wire.context !== null ? { context: wire.context as LaunchContext } : {}),
    ...(wire.resource !== undefined ? { resource: wire.resource as NonNullable<AccessRequest['resource']> } : {}),
    ...(wire.resources !== undefined ? { resources: wire.resources as NonNullable<AccessRequest['resources']> } : {}),
    ...(wire.options !== undefined ? { options: wire.options as Partial<AccessOptions> } : {}),
  };
  return { ok: true, value };
}
