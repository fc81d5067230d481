/**
 * Shape checks of a token request arriving as JSON. The decision never trusts the TypeScript
 * type: a request from the CLI or HTTP may be anything, and any problem must deny, not throw.
 */
import type { TokenError, TokenRequest } from './token-types.js';
import { GRANT_TYPES } from './token-types.js';

const CLIENT_TYPES = new Set(['public', 'confidential-symmetric', 'confidential-asymmetric']);
const USER_TYPES = new Set(['patient', 'related-person', 'practitioner', 'none']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(obj: Record<string, unknown>, key: string, path: string, errors: TokenError[]): void {
  const v = obj[key];
  if (v !== undefined && typeof v !== 'string') {
    errors.push({ code: 'request.type', message: `${path}.${key} must be a string`, path: `${path}.${key}` });
  }
}

/** Returns the problems of `input` as a token request (empty when it is well-formed). */
export function validateTokenRequest(input: unknown): TokenError[] {
  const errors: TokenError[] = [];
  if (!isRecord(input)) return [{ code: 'request.type', message: 'a token request must be a JSON object', path: '$' }];
  if (typeof input.grantType !== 'string' || !(GRANT_TYPES as readonly string[]).includes(input.grantType)) {
    errors.push({ code: 'request.grant-type', message: `$.grantType must be one of ${GRANT_TYPES.join(', ')}`, path: '$.grantType' });
  }
  const client = input.client;
  if (!isRecord(client)) {
    errors.push({ code: 'request.client', message: '$.client must be an object with clientId, type and authMethod', path: '$.client' });
  } else {
    if (typeof client.clientId !== 'string' || client.clientId === '') {
      errors.push({ code: 'request.client', message: '$.client.clientId must be a non-empty string', path: '$.client.clientId' });
    }
    if (typeof client.type !== 'string' || !CLIENT_TYPES.has(client.type)) {
      errors.push({ code: 'request.client', message: `$.client.type must be one of ${[...CLIENT_TYPES].join(', ')}`, path: '$.client.type' });
    }
    if (typeof client.authMethod !== 'string') {
      errors.push({ code: 'request.client', message: '$.client.authMethod must be a string (none, client_secret_basic, private_key_jwt, …)', path: '$.client.authMethod' });
    }
    optionalString(client, 'softwareId', '$.client', errors);
    if (client.registration !== undefined && client.registration !== 'static' && client.registration !== 'trusted-dynamic') {
      errors.push({ code: 'request.client', message: '$.client.registration must be static or trusted-dynamic', path: '$.client.registration' });
    }
  }
  if (input.user !== undefined && input.user !== null) {
    if (!isRecord(input.user) || typeof input.user.type !== 'string' || !USER_TYPES.has(input.user.type)) {
      errors.push({ code: 'request.user', message: `$.user.type must be one of ${[...USER_TYPES].join(', ')}`, path: '$.user.type' });
    } else optionalString(input.user, 'id', '$.user', errors);
  }
  if (input.launch !== undefined && input.launch !== 'ehr' && input.launch !== 'standalone') {
    errors.push({ code: 'request.launch', message: '$.launch must be ehr or standalone', path: '$.launch' });
  }
  if (input.requestedScope !== undefined && input.requestedScope !== null && typeof input.requestedScope !== 'string') {
    errors.push({ code: 'request.scope', message: '$.requestedScope must be a space-separated string', path: '$.requestedScope' });
  }
  if (input.originalScope !== undefined && typeof input.originalScope !== 'string') {
    errors.push({ code: 'request.scope', message: '$.originalScope must be a space-separated string', path: '$.originalScope' });
  }
  const ctx = input.availableContext;
  if (ctx !== undefined && ctx !== null) {
    if (!isRecord(ctx)) errors.push({ code: 'request.context', message: '$.availableContext must be an object', path: '$.availableContext' });
    else {
      optionalString(ctx, 'patient', '$.availableContext', errors);
      optionalString(ctx, 'encounter', '$.availableContext', errors);
      if (ctx.fhirContext !== undefined && (!Array.isArray(ctx.fhirContext) || !ctx.fhirContext.every(isRecord))) {
        errors.push({ code: 'request.context', message: '$.availableContext.fhirContext must be an array of objects', path: '$.availableContext.fhirContext' });
      }
    }
  }
  const binding = input.binding;
  if (binding !== undefined && binding !== null) {
    if (!isRecord(binding)) errors.push({ code: 'request.binding', message: '$.binding must be an object', path: '$.binding' });
    else {
      // Only the type is checked here: a malformed thumbprint is not an error but no binding (see binding.ts).
      optionalString(binding, 'dpopJkt', '$.binding', errors);
      optionalString(binding, 'clientKeyJkt', '$.binding', errors);
    }
  }
  return errors;
}

/** Narrows after `validateTokenRequest` returned no errors. */
export function isTokenRequest(input: unknown, errors: readonly TokenError[]): input is TokenRequest {
  return errors.length === 0 && isRecord(input);
}
