/** Which app classes of the policy describe a client, and which of those fit this session. */
import type { IndexedApp } from './evaluator-index.js';
import type { TokenRequest } from './token-types.js';

/** `a, b or c` for closed word lists (client types, user types, …); never request values. */
function list(values: ReadonlySet<string>): string {
  const all = [...values];
  return all.length <= 1 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}

/**
 * Why `app` does not describe the client, or null when it does. Client properties: type,
 * authentication method, client id, software id, registration kind. An app class without
 * `registration` describes statically registered clients only; one listing `trusted-dynamic`
 * describes its static base client (step 1 of the persistent-access proposal) and its dynamic instances, whose client ids
 * are minted per device and so are matched by software id, not client id. The cause names the
 * class's lists, never the client's values.
 */
export function clientMismatch(app: IndexedApp, request: TokenRequest): string | null {
  const client = request.client;
  const registration = client.registration ?? 'static';
  if (app.clientTypes !== null && !app.clientTypes.has(client.type)) {
    return `the client type ${client.type} is not among the class's client types (${list(app.clientTypes)})`;
  }
  if (app.authMethods !== null && !app.authMethods.has(client.authMethod)) {
    return `the client's authentication method is not among the class's (${list(app.authMethods)})`;
  }
  if (registration === 'trusted-dynamic') {
    if (app.registration === null || !app.registration.has('trusted-dynamic')) {
      return 'the client was registered through trusted dynamic registration, and the class does not list registration trusted-dynamic';
    }
  } else if (app.registration !== null && !app.registration.has('static') && !app.registration.has('trusted-dynamic')) {
    return 'the client is statically registered, and the class lists only other registration kinds';
  }
  if (app.clientIds !== null && registration === 'static' && !app.clientIds.has(client.clientId)) {
    return "the client id is not in the class's list of client ids";
  }
  if (app.softwareIds !== null && client.softwareId === undefined) return 'the client has no software id, and the class lists software ids';
  if (app.softwareIds !== null && !app.softwareIds.has(client.softwareId ?? ''))
    return "the client's software id is not in the class's list of software ids";
  return null;
}

export function clientMatches(app: IndexedApp, request: TokenRequest): boolean {
  return clientMismatch(app, request) === null;
}

/** The user type a request acts for: `none` for Backend Services and requests without a user. */
export function userTypeOf(request: TokenRequest): string {
  if (request.grantType === 'client_credentials') return 'none';
  return request.user?.type ?? 'none';
}

/** Why `app` does not fit this session (user type; launch mode for authorization codes), or null. */
export function sessionMismatch(app: IndexedApp, request: TokenRequest): string | null {
  const user = userTypeOf(request);
  if (app.userTypes !== null && !app.userTypes.has(user)) {
    return `the class is for user type ${list(app.userTypes)}, and this request's user type is ${user}`;
  }
  const launch = request.launch ?? 'standalone';
  if (app.launch !== null && request.grantType === 'authorization_code' && !app.launch.has(launch)) {
    return `the class is for ${list(app.launch)} launches, and this is ${launch === 'ehr' ? 'an EHR' : 'a standalone'} launch`;
  }
  return null;
}

export function sessionMatches(app: IndexedApp, request: TokenRequest): boolean {
  return sessionMismatch(app, request) === null;
}
