/**
 * The token request a verified JWT bearer grant puts to the policy (persistent access, step 3):
 * the instance as a trusted-dynamic public client, the user it was registered for, the launch
 * and context fixed at registration, and the registration's ceiling as the original grant.
 */
import type { FhirContextItem } from '../../access/access-types.js';
import type { TokenRequest } from '../../evaluate/token-types.js';
import type { ClientInstanceRecord } from '../stores/store-types.js';

export function jwtBearerTokenRequest(
  instance: ClientInstanceRecord,
  requestedScope: string | null | undefined,
  userType: NonNullable<TokenRequest['user']>['type'] = 'patient',
): TokenRequest {
  const context = instance.context;
  const patient = Object.hasOwn(context, 'patient') && typeof context.patient === 'string' ? context.patient : undefined;
  const encounter = Object.hasOwn(context, 'encounter') && typeof context.encounter === 'string' ? context.encounter : undefined;
  const fhirContext =
    Object.hasOwn(context, 'fhirContext') && Array.isArray(context.fhirContext) ? (context.fhirContext as FhirContextItem[]) : undefined;
  return {
    grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    client: {
      clientId: instance.clientId,
      type: 'public',
      authMethod: 'none',
      softwareId: instance.softwareId,
      registration: 'trusted-dynamic',
    },
    user: { type: userType, id: instance.userId },
    ...(instance.launch === undefined ? {} : { launch: instance.launch }),
    requestedScope: requestedScope ?? null,
    originalScope: instance.scope,
    availableContext: {
      ...(patient === undefined ? {} : { patient }),
      ...(encounter === undefined ? {} : { encounter }),
      ...(fhirContext === undefined ? {} : { fhirContext }),
    },
  };
}
