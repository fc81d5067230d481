/**
 * The SMART scope model's data types (SMART App Launch 2.2, Scopes and Launch Context; the persistent-access proposal).
 * A parsed scope is plain JSON; its shape for resource, launch, identity, refresh and
 * extension scopes is exactly the `normalized` shape of the shared conformance vectors.
 */

export type ScopeLevel = 'patient' | 'user' | 'system';

/** One permission letter of the v2 `cruds` string. */
export type PermissionLetter = 'c' | 'r' | 'u' | 'd' | 's';

/** One `name=value` pair of a query-restricted scope, name kept as written (`code:in`, `patient.birthdate`). */
export interface QueryPair {
  readonly name: string;
  readonly value: string;
}

export interface ResourceScope {
  readonly type: 'resource';
  readonly level: ScopeLevel;
  /** A FHIR resource type name or `*`. */
  readonly resourceType: string;
  /** Letters in canonical `cruds` order, never empty; v1 suffixes are converted (`read` → `rs`). */
  readonly permissions: string;
  /** The syntax the scope was written in; v1 scopes echo in v1 form when a policy says so. */
  readonly syntax: 'v1' | 'v2';
  readonly query: readonly QueryPair[];
  /** True when a query pair uses a modifier (`:`), a chain (`.`) or `_filter`. */
  readonly experimental: boolean;
}

export interface LaunchScope {
  readonly type: 'launch';
}

export interface LaunchContextScope {
  readonly type: 'launch-context';
  /** Lower-case resource type name: `patient`, `encounter`, `imagingstudy`, ... */
  readonly contextType: string;
  readonly role: string | null;
}

export interface IdentityScope {
  readonly type: 'identity';
  readonly name: 'openid' | 'fhirUser' | 'profile';
}

export interface RefreshScope {
  readonly type: 'refresh';
  readonly mode: 'offline' | 'online';
}

export interface ExtensionScope {
  readonly type: 'extension';
  /** `__name` or an absolute URI. */
  readonly name: string;
}

/** `system/DynamicClient.register`, the trusted dynamic registration scope (persistent-access proposal). */
export interface RegistrationScope {
  readonly type: 'registration';
  readonly name: 'system/DynamicClient.register';
}

export type Scope = ResourceScope | LaunchScope | LaunchContextScope | IdentityScope | RefreshScope | ExtensionScope | RegistrationScope;

export type ScopeKind = Scope['type'];

/** Why a scope string is not a SMART scope, and where. */
export interface ScopeError {
  /** Stable machine code, e.g. `scope.permissions.order`, `scope.resource.unknown`. */
  readonly code: string;
  /** A sentence that says what is wrong and how to write it instead. */
  readonly message: string;
  /** 0-based character offset in the scope string where the problem starts. */
  readonly offset: number;
  /** Characters covered by the problem (at least 1 when the string is non-empty). */
  readonly length: number;
}

export type ScopeParseResult =
  | { readonly ok: true; readonly text: string; readonly scope: Scope }
  | { readonly ok: false; readonly text: string; readonly error: ScopeError };
