/**
 * Turns a policy test's `token { … }` block into a full token request. A test names an app
 * class rather than a client, so the client is made up from the class: its first client type,
 * a matching authentication method, its first client id and software id.
 */
import type { BundleApp, PolicyBundle, TestTokenRequest } from '../compile/bundle-types.js';
import type { ClientType, UserType } from '../compile/bundle-types.js';
import type { GrantType, TokenRequest } from './token-types.js';

const GRANTS: Readonly<Record<string, GrantType>> = {
  authorization_code: 'authorization_code',
  client_credentials: 'client_credentials',
  refresh_token: 'refresh_token',
  jwt_bearer: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'urn:ietf:params:oauth:grant-type:jwt-bearer',
};

const AUTH_FOR_TYPE: Readonly<Record<ClientType, readonly string[]>> = {
  public: ['none'],
  'confidential-symmetric': ['client_secret_basic', 'client_secret_post'],
  'confidential-asymmetric': ['private_key_jwt'],
};

/** The DPoP key thumbprint tests use for `bound by dpop` (well-formed: 43 base64url characters). */
export const TEST_DPOP_JKT = 'dGVzdC1kcG9wLWtleS10aHVtYnByaW50LXNoYTI1Ng0';

/** The client-key thumbprint tests use for `bound by client-key` (well-formed: 43 base64url characters). */
export const TEST_CLIENT_KEY_JKT = 'dGVzdC1jbGllbnQta2V5LXRodW1icHJpbnQtc2hhMjU';

function appFor(bundle: PolicyBundle, t: TestTokenRequest): BundleApp | undefined {
  if (t.app !== undefined) return bundle.apps.find((a) => a.name === t.app);
  if (t.clientId !== undefined) return bundle.apps.find((a) => a.clientIds.includes(t.clientId ?? ''));
  return bundle.apps[0];
}

/** Authorization code: the test's launch or the class's first; refresh: the original launch when known. */
function launchOf(grantType: GrantType, t: TestTokenRequest, app: BundleApp): { launch?: 'ehr' | 'standalone' } {
  if (t.launch === 'ehr' || t.launch === 'standalone') return { launch: t.launch };
  if (grantType === 'client_credentials') return {};
  const first = app.launch[0];
  if (first !== undefined) return { launch: first };
  return grantType === 'authorization_code' ? { launch: 'standalone' } : {};
}

/** The token request a test describes, or a message saying why there is none. */
export function tokenRequestOf(bundle: PolicyBundle, t: TestTokenRequest): TokenRequest | string {
  const app = appFor(bundle, t);
  if (app === undefined)
    return t.app !== undefined ? `the test names app class ${t.app}, which the policy does not declare` : 'the test names no app class';
  const grantType = GRANTS[t.grant ?? 'authorization_code'];
  if (grantType === undefined) return `unknown grant ${t.grant ?? ''}`;
  const bound = t.bound ?? [];
  const backend = grantType === 'client_credentials';
  const type: ClientType =
    bound.includes('client-key') || (backend && app.clientTypes.length === 0)
      ? 'confidential-asymmetric'
      : (app.clientTypes[0] ?? 'public');
  const methods = AUTH_FOR_TYPE[type];
  const authMethod = app.authMethods.find((m) => methods.includes(m)) ?? methods[0] ?? 'none';
  const user: UserType = backend ? 'none' : ((t.user as UserType | undefined) ?? app.userTypes[0] ?? 'patient');
  const jwtBearer = grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer';
  return {
    grantType,
    client: {
      clientId: t.clientId ?? app.clientIds[0] ?? `${app.name}-test-client`,
      type,
      authMethod,
      ...(app.softwareIds[0] !== undefined ? { softwareId: app.softwareIds[0] } : {}),
      registration: jwtBearer ? 'trusted-dynamic' : 'static',
    },
    user: { type: user },
    ...launchOf(grantType, t, app),
    ...(t.scope !== undefined ? { requestedScope: t.scope } : {}),
    ...(t.previousScope !== undefined ? { originalScope: t.previousScope } : {}),
    ...(t.context !== undefined
      ? {
          availableContext: {
            ...(t.context.patient !== undefined ? { patient: t.context.patient } : {}),
            ...(t.context.encounter !== undefined ? { encounter: t.context.encounter } : {}),
            ...(t.context.fhirContext !== undefined ? { fhirContext: t.context.fhirContext } : {}),
          },
        }
      : {}),
    ...(bound.length > 0
      ? {
          binding: {
            ...(bound.includes('dpop') ? { dpopJkt: TEST_DPOP_JKT } : {}),
            ...(bound.includes('client-key') ? { clientKeyJkt: TEST_CLIENT_KEY_JKT } : {}),
          },
        }
      : {}),
  };
}
