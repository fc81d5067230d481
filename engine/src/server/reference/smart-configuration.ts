/**
 * `/.well-known/smart-configuration` (SMART App Launch, "Conformance") generated from the
 * policy: the scopes its grants allow, the client authentication methods its app classes use,
 * the grant types it can answer. Served at RFC 8414's path too, so general OAuth clients find it.
 */
import type { PolicyBundle } from '../../compile/bundle-types.js';
import type { ServerUrls } from './reference-types.js';
import { SIGNING_ALG } from './server-keys.js';

/** What clients may sign their assertions with (SMART requires RS384 and ES384). */
export const CLIENT_ASSERTION_ALGS = ['RS384', 'ES384'] as const;
export const DPOP_ALGS = ['ES256', 'ES384', 'RS256', 'RS384', 'PS256', 'EdDSA'] as const;

export function smartConfiguration(bundle: PolicyBundle, urls: ServerUrls): Record<string, unknown> {
  const scopes = [...new Set(bundle.grants.filter((g) => g.effect === 'allow').map((g) => g.scope))];
  const authMethods = [...new Set(bundle.apps.flatMap((a) => a.authMethods))].filter((m) => m === 'none' || m === 'private_key_jwt');
  const users = new Set(bundle.apps.flatMap((a) => a.userTypes));
  const dynamic = bundle.apps.some((a) => a.registration.includes('trusted-dynamic'));
  const grantTypes = ['authorization_code', 'refresh_token'];
  if (users.has('none')) grantTypes.push('client_credentials');
  if (dynamic) grantTypes.push('urn:ietf:params:oauth:grant-type:jwt-bearer');
  const launchModes = new Set(bundle.apps.flatMap((a) => a.launch));
  const capabilities = [
    ...(launchModes.has('standalone') ? ['launch-standalone', 'context-standalone-patient', 'context-standalone-encounter'] : []),
    ...(launchModes.has('ehr') ? ['launch-ehr', 'context-ehr-patient', 'context-ehr-encounter'] : []),
    'client-public',
    ...(authMethods.includes('private_key_jwt') ? ['client-confidential-asymmetric'] : []),
    'sso-openid-connect',
    'context-passthrough-banner',
    'permission-offline',
    'permission-patient',
    'permission-v2',
    'authorize-post',
  ];
  const o = urls.origin;
  return {
    issuer: o,
    jwks_uri: `${o}/.well-known/jwks.json`,
    authorization_endpoint: `${o}/authorize`,
    token_endpoint: urls.tokenEndpoint,
    introspection_endpoint: `${o}/introspect`,
    revocation_endpoint: `${o}/revoke`,
    ...(dynamic ? { registration_endpoint: `${o}/register` } : {}),
    grant_types_supported: grantTypes,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    scopes_supported: scopes,
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: [...CLIENT_ASSERTION_ALGS],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'bearer'],
    revocation_endpoint_auth_methods_supported: authMethods,
    dpop_signing_alg_values_supported: [...DPOP_ALGS],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    subject_types_supported: ['public'],
    capabilities,
  };
}
