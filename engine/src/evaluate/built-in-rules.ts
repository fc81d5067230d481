/**
 * Rules of SMART and OAuth that hold whatever the policy says (SMART App Launch: Backend Services, App Launch token response and refresh, the persistent-access proposal). They
 * run before the policy's grants; a scope they drop is reported with a `token.*` rule id.
 */
import type { Scope } from '../smart/scope-types.js';
import type { IndexedApp } from './evaluator-index.js';
import type { Drop } from './scope-outcome.js';
import type { TokenRequest } from './token-types.js';

export const BUILT_IN_RULES = {
  backendScopeKind: 'token.backend.scope-kind',
  systemClientType: 'token.system.client-type',
  launchEhrOnly: 'token.launch.ehr-only',
  identityNeedsUser: 'token.identity.user',
  jwtBearerNoRefresh: 'token.jwt-bearer.no-refresh',
  jwtBearerNoIdentity: 'token.jwt-bearer.no-identity',
  registrationTrustedDynamic: 'token.registration.trusted-dynamic',
  v1Rejected: 'token.v1.rejected',
  invalidScope: 'token.scope.invalid',
  /** A query-restricted request the allows only meet as a conjunction of queries (`option scopes.query_conflict drop`). */
  queryConflict: 'token.scope.query-conflict',
} as const;

function drop(rule: string, reason: string): Drop {
  return { rule, reason };
}

/** A reason to drop `scope` that does not depend on the policy's grants, or null. */
export function builtInDrop(scope: Scope, request: TokenRequest, apps: readonly IndexedApp[]): Drop | null {
  const grant = request.grantType;
  if (grant === 'client_credentials') {
    const systemResource = scope.type === 'resource' && scope.level === 'system';
    if (!systemResource && scope.type !== 'extension') {
      return drop(
        BUILT_IN_RULES.backendScopeKind,
        'Backend Services tokens carry system/ resource scopes only: there is no user, no launch and no refresh token (SMART Backend Services)',
      );
    }
  }
  if (scope.type === 'resource' && scope.level === 'system' && request.client.type !== 'confidential-asymmetric') {
    return drop(
      BUILT_IN_RULES.systemClientType,
      `system/ scopes are only granted to confidential-asymmetric clients (private_key_jwt); this client is ${request.client.type}`,
    );
  }
  switch (scope.type) {
    case 'launch':
      if (grant === 'authorization_code' && request.launch !== 'ehr') {
        return drop(BUILT_IN_RULES.launchEhrOnly, "'launch' asks for the EHR session's context and is only granted in an EHR launch");
      }
      return null;
    case 'identity':
      if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        return drop(
          BUILT_IN_RULES.jwtBearerNoIdentity,
          'tokens minted with a JWT bearer grant never come with an id_token (trusted dynamic registration, step 3)',
        );
      }
      if (request.user === undefined || request.user.type === 'none') {
        return drop(BUILT_IN_RULES.identityNeedsUser, `${scope.name} identifies the signed-in user, and this request has none`);
      }
      return null;
    case 'refresh':
      if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        return drop(
          BUILT_IN_RULES.jwtBearerNoRefresh,
          'a dynamic client mints new access tokens with its key; it never gets a refresh token (trusted dynamic registration, step 3)',
        );
      }
      return null;
    case 'registration': {
      if (grant !== 'authorization_code') {
        return drop(
          BUILT_IN_RULES.registrationTrustedDynamic,
          'the registration scope is only granted in the launch that precedes registration (authorization code, step 1)',
        );
      }
      const eligible = apps.some((a) => a.registration?.has('trusted-dynamic'));
      if (!eligible) {
        return drop(
          BUILT_IN_RULES.registrationTrustedDynamic,
          'the registration scope is only granted to app classes with registration trusted-dynamic',
        );
      }
      const softwareOk = apps.some(
        (a) =>
          a.registration?.has('trusted-dynamic') === true &&
          (a.registrationPolicy === undefined ||
            a.registrationPolicy.softwareIds.length === 0 ||
            (request.client.softwareId !== undefined && a.registrationPolicy.softwareIds.includes(request.client.softwareId))),
      );
      if (!softwareOk) {
        return drop(BUILT_IN_RULES.registrationTrustedDynamic, "the client's software id is not one the registration policy accepts");
      }
      return null;
    }
    default:
      return null;
  }
}
