/**
 * Shape checks of a token request arriving as JSON, against engine/schemas/token-request.schema.json
 * (the one source of the shape). The decision never trusts the TypeScript type: a request from the
 * CLI or HTTP may be anything, and any problem must deny, not throw.
 */
import { TOKEN_REQUEST_SCHEMA, type TokenRequestWire } from '../schema/generated/wire-schemas.js';
import { wireValidator } from '../schema/wire-validator.js';
import type { TokenError, TokenRequest } from './token-types.js';

const check = wireValidator<TokenRequestWire>(TOKEN_REQUEST_SCHEMA);

/** The error code of a problem, by the top-level field it is in (stable since before the schema). */
const CODE_BY_FIELD: Readonly<Record<string, string>> = {
  grantType: 'request.grant-type',
  client: 'request.client',
  user: 'request.user',
  launch: 'request.launch',
  requestedScope: 'request.scope',
  originalScope: 'request.scope',
  availableContext: 'request.context',
  binding: 'request.binding',
};

/** Returns the problems of `input` as a token request, the first first (empty when it is well-formed). */
export function validateTokenRequest(input: unknown): TokenError[] {
  const checked = check(input);
  if (checked.ok) return [];
  return checked.problems.map(({ pointer, path, message }) => {
    const field = pointer.split('/')[1] ?? '';
    const code = Object.hasOwn(CODE_BY_FIELD, field) ? (CODE_BY_FIELD[field] as string) : 'request.type';
    return { code, message: `${path} ${message}`, path, pointer };
  });
}

/** Narrows after `validateTokenRequest` returned no errors. */
export function isTokenRequest(input: unknown, errors: readonly TokenError[]): input is TokenRequest {
  return errors.length === 0 && typeof input === 'object' && input !== null && !Array.isArray(input);
}
