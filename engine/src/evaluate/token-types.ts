/**
 * The JSON shapes of a token decision: what the authorization server asks (`TokenRequest`) and
 * what the policy answers (`TokenDecision`). The same JSON travels through the library, the CLI
 * (`smart-policy eval token`) and HTTP.
 */
import type { FhirContextItem } from '../access/access-types.js';
import type { ClientType, LaunchMode, RefreshBinding, SourceSpan, UserType } from '../compile/bundle-types.js';

export const GRANT_TYPES = [
  'authorization_code',
  'client_credentials',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** The client as the authorization server authenticated it. */
export interface TokenClient {
  readonly clientId: string;
  readonly type: ClientType;
  /** `none`, `client_secret_basic`, `client_secret_post`, `private_key_jwt`, … */
  readonly authMethod: string;
  readonly softwareId?: string;
  /** How the client was registered; absent = `static`. */
  readonly registration?: 'static' | 'trusted-dynamic';
}

export interface TokenUser {
  readonly type: UserType;
  readonly id?: string;
}

/** A token request, after the server has authenticated the client and validated the grant. */
export interface TokenRequest {
  readonly grantType: GrantType;
  readonly client: TokenClient;
  readonly user?: TokenUser;
  /** How the app was launched (authorization code; for refresh and JWT bearer grants, the original launch, when known). */
  readonly launch?: LaunchMode;
  /** The `scope` parameter as sent; for refresh and JWT bearer grants `undefined`/`null` means "omitted". */
  readonly requestedScope?: string | null;
  /** Refresh: the scope of the refresh token's grant. JWT bearer: what the user approved at registration. */
  readonly originalScope?: string;
  /** Context the server has for this session (`undefined` = unknown). */
  readonly availableContext?: {
    readonly patient?: string;
    readonly encounter?: string;
    readonly fhirContext?: readonly FhirContextItem[];
  };
  /**
   * Proof-of-possession the client presented with this request: key thumbprints (base64url
   * SHA-256, RFC 7638, 43 characters). A thumbprint that is not well-formed proves nothing: the
   * request counts as unbound, with a `token.binding.malformed` reason.
   */
  readonly binding?: {
    /** The key of the DPoP proof that came with the request. */
    readonly dpopJkt?: string;
    /** The key a confidential-asymmetric client authenticated with (`private_key_jwt`): needed for a `client-key` binding. */
    readonly clientKeyJkt?: string;
  };
}

/** Why the decision is as it is; `rule` is a policy rule id or a built-in `token.*` id. */
export interface TokenReason {
  readonly rule: string;
  readonly message: string;
  readonly scope?: string;
  readonly span?: SourceSpan;
}

export interface TokenError {
  readonly code: string;
  readonly message: string;
  /** JSON path into the request, e.g. `$.client.type`. */
  readonly path?: string;
  /** RFC 6901 pointer to the same place, e.g. `/client/type`, when the problem is in the request's shape. */
  readonly pointer?: string;
}

export interface DroppedScope {
  readonly scope: string;
  readonly reason: string;
  /** The rule that dropped it; `token.*` for built-in rules, `policy.no-allow` when nothing allows it. */
  readonly rule: string;
  readonly span?: SourceSpan;
}

export interface NarrowedScope {
  readonly requested: string;
  readonly granted: readonly string[];
  /** The allow rule(s) the grant came from and, when a deny cut it down, that rule. */
  readonly rule: string;
  readonly span?: SourceSpan;
  readonly reason: string;
}

export type ContextDemand = 'required' | 'optional';

/** The launch context the server must (or may) establish for the granted scopes. */
export interface TokenContextDecision {
  /** Standalone launch without a patient: the server must let the user pick one. */
  readonly patientPicker?: boolean;
  readonly patient?: ContextDemand;
  readonly encounter?: ContextDemand;
  readonly fhirContext?: readonly { readonly type: string; readonly role?: string; readonly demand: ContextDemand }[];
}

/**
 * Launch-context values the token response carries (and introspection echoes with the same
 * values): the members of `availableContext` the decision establishes.
 */
export interface TokenContextMembers {
  readonly patient?: string;
  readonly encounter?: string;
  readonly fhirContext?: readonly FhirContextItem[];
}

/** What the server does about refresh tokens for this request. */
export interface RefreshDecision {
  /** Issue a (new) refresh token with this response. */
  readonly issue: boolean;
  readonly mode: 'offline' | 'online' | null;
  /** The scope the refresh token carries (at refresh: always the original grant's). */
  readonly scope: string;
  readonly lifetime: number | null;
  readonly idle: number | null;
  readonly rotate: boolean;
  readonly reuse: 'revoke-grant' | 'reject';
  /** The binding to apply: `dpop` (to `jkt`, the DPoP key), `client-key` (to `jkt`, the client's authentication key), `none`. */
  readonly binding: RefreshBinding;
  /** The thumbprint the refresh token is bound to (always present unless `binding` is `none`). */
  readonly jkt?: string;
  readonly graceSeconds: number;
  readonly remindEvery: number | null;
  readonly reminderCap: { readonly count: number; readonly perSeconds: number } | null;
  readonly rule: string;
  readonly span?: SourceSpan;
}

export type TokenOAuthErrorCode = 'invalid_request' | 'invalid_scope' | 'invalid_client' | 'unauthorized_client' | 'invalid_grant';

export interface TokenDecision {
  readonly decision: 'allow' | 'deny';
  readonly reasons: readonly TokenReason[];
  readonly errors: readonly TokenError[];
  /** App classes the client matched, by name. */
  readonly apps: readonly string[];
  readonly granted: {
    /** The `scope` member of the token response, space-separated. */
    readonly scope: string;
    readonly scopes: readonly string[];
  };
  readonly dropped: readonly DroppedScope[];
  readonly narrowed: readonly NarrowedScope[];
  readonly context: TokenContextDecision;
  readonly tokenResponse: {
    /** Members the token response must carry (context members among them: established or required). */
    readonly mustInclude: readonly string[];
    readonly tokenType: string;
    readonly expiresIn: number;
    /** The launch-context values established for this token (those the server already knows). */
    readonly members: TokenContextMembers;
  };
  readonly introspection: {
    readonly echo: readonly string[];
    /** The same launch-context values as `tokenResponse.members`: introspection repeats them (rule 40). */
    readonly members: TokenContextMembers;
  };
  readonly refresh: RefreshDecision | null;
  readonly oauthError?: { readonly error: TokenOAuthErrorCode; readonly error_description: string };
}
