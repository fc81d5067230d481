/** Which app classes of the policy describe a client, and which of those fit this session. */
import type { IndexedApp } from './evaluator-index.js';
import type { TokenRequest } from './token-types.js';

/**
 * Client properties: type, authentication method, client id, software id, registration kind.
 * An app class without `registration` describes statically registered clients only; one listing
 * `trusted-dynamic` describes its static base client (step 1 of §14) and its dynamic instances,
 * whose client ids are minted per device and so are matched by software id, not client id.
 */
export function clientMatches(app: IndexedApp, request: TokenRequest): boolean {
  const client = request.client;
  const registration = client.registration ?? 'static';
  if (app.clientTypes !== null && !app.clientTypes.has(client.type)) return false;
  if (app.authMethods !== null && !app.authMethods.has(client.authMethod)) return false;
  if (registration === 'trusted-dynamic') {
    if (app.registration === null || !app.registration.has('trusted-dynamic')) return false;
  } else if (app.registration !== null && !app.registration.has('static') && !app.registration.has('trusted-dynamic')) {
    return false;
  }
  if (app.clientIds !== null && registration === 'static' && !app.clientIds.has(client.clientId)) return false;
  if (app.softwareIds !== null && (client.softwareId === undefined || !app.softwareIds.has(client.softwareId))) return false;
  return true;
}

/** The user type a request acts for: `none` for Backend Services and requests without a user. */
export function userTypeOf(request: TokenRequest): string {
  if (request.grantType === 'client_credentials') return 'none';
  return request.user?.type ?? 'none';
}

/** Session properties: the user type and, for authorization codes, the launch mode. */
export function sessionMatches(app: IndexedApp, request: TokenRequest): boolean {
  if (app.userTypes !== null && !app.userTypes.has(userTypeOf(request))) return false;
  if (app.launch !== null && request.grantType === 'authorization_code' && !app.launch.has(request.launch ?? 'standalone')) {
    return false;
  }
  return true;
}
