/** The reference SMART authorization server's configuration and the records it keeps. */
import type { JSONWebKeySet } from 'jose';
import type { ClientType } from '../../compile/bundle-types.js';

/** A statically registered client (out-of-band registration, SMART App Launch "Registering a SMART App"). */
export interface RegisteredClient {
  readonly clientId: string;
  readonly type: ClientType;
  /** `none` (public), `private_key_jwt` (asymmetric). */
  readonly authMethod: 'none' | 'private_key_jwt';
  /** Exact redirect URIs (compared as strings). */
  readonly redirectUris: readonly string[];
  readonly jwks?: JSONWebKeySet;
  readonly jwksUri?: string;
  /** The `software_id` this client pairs with (trusted dynamic registration: 1:1). */
  readonly softwareId?: string;
  /** Shown on the consent screen. */
  readonly name?: string;
}

/** A caller allowed to introspect tokens (a resource server), authenticated with HTTP Basic. */
export interface IntrospectionCaller {
  readonly clientId: string;
  readonly secret: string;
}

/** The URLs the server answers at, known once it listens. */
export interface ServerUrls {
  /** `http://127.0.0.1:8080` (no trailing slash): the issuer. */
  readonly origin: string;
  readonly fhirBase: string;
  readonly tokenEndpoint: string;
}

export function urlsOf(origin: string): ServerUrls {
  const o = origin.replace(/\/+$/, '');
  return { origin: o, fhirBase: `${o}/fhir`, tokenEndpoint: `${o}/token` };
}
