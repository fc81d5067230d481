/**
 * The policy's decision on a trusted dynamic client registration (RFC 7591 "protected
 * registration", step 2 of the SMART persistent-access proposal). Pure: the authorization server
 * establishes the facts (which client the initial access token went to, its age, whether it was
 * used, whether each device key was seen before) and this decides from them and the app class's
 * `registration` block. Never throws; descriptions name the failed check, never request values.
 */
import { REGISTRATION_REQUEST_SCHEMA, type RegistrationRequestWire } from '../schema/generated/wire-schemas.js';
import { wireValidator } from '../schema/wire-validator.js';
import type { SourceSpan } from '../compile/bundle-types.js';
import type { EvaluatorIndex, IndexedApp } from './evaluator-index.js';
import { clientMismatch } from './match-app.js';
import type { TokenError, TokenReason, TokenRequest } from './token-types.js';

export type RegistrationRequest = RegistrationRequestWire;

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const REGISTRATION_SCOPE = 'system/DynamicClient.register';
/** What a device key may use when the policy names no algorithms: SMART's asymmetric pair. */
export const DEFAULT_REGISTRATION_ALGORITHMS: readonly string[] = ['ES384', 'RS384'];

/** RFC 6750 (token problems) and RFC 7591 (metadata problems) error codes. */
export type RegistrationOAuthErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope' | 'invalid_client_metadata';

export interface RegistrationDecision {
  readonly decision: 'allow' | 'deny';
  readonly reasons: readonly TokenReason[];
  readonly errors: readonly TokenError[];
  /** The app classes whose registration policy decided. */
  readonly apps: readonly string[];
  /** What the new instance is registered with; null when denied. */
  readonly registration: {
    readonly rule: string;
    readonly app: string;
    readonly grantTypes: readonly string[];
    readonly tokenEndpointAuthMethod: 'none';
    /** Seconds the instance lives; null = until revoked. */
    readonly instanceLifetime: number | null;
    readonly algorithms: readonly string[];
    readonly span?: SourceSpan;
  } | null;
  readonly oauthError?: { readonly error: RegistrationOAuthErrorCode; readonly error_description: string };
  /** The HTTP status a registration endpoint answers the refusal with (400, 401 or 403). */
  readonly httpStatus?: 400 | 401 | 403;
}

/** Built-in rule ids of the registration decision. */
export const REGISTRATION_RULES = {
  input: 'registration.input',
  tokenUsed: 'registration.initial-token.used',
  tokenStale: 'registration.initial-token.stale',
  scope: 'registration.initial-token.scope',
  noClass: 'registration.no-class',
  softwareId: 'registration.software-id',
  keyReused: 'registration.key.reused',
  algorithm: 'registration.key.algorithm',
  instances: 'registration.instances-per-user',
} as const;

const check = wireValidator<RegistrationRequestWire>(REGISTRATION_REQUEST_SCHEMA);

function deny(
  rule: string,
  error: RegistrationOAuthErrorCode,
  status: 400 | 401 | 403,
  message: string,
  apps: readonly string[] = [],
  errors: readonly TokenError[] = [],
  span?: SourceSpan,
): RegistrationDecision {
  return {
    decision: 'deny',
    reasons: [{ rule, message, ...(span !== undefined ? { span } : {}) }],
    errors,
    apps,
    registration: null,
    oauthError: { error, error_description: message },
    httpStatus: status,
  };
}

/** The app classes that describe the token's client and take trusted dynamic registration. */
function registeringApps(index: EvaluatorIndex, request: RegistrationRequest): IndexedApp[] {
  const asTokenRequest: TokenRequest = {
    grantType: 'authorization_code',
    client: { ...request.client, registration: 'static' },
  };
  return index.apps.filter((app) => app.registration?.has('trusted-dynamic') === true && clientMismatch(app, asTokenRequest) === null);
}

function acceptsSoftware(app: IndexedApp, softwareId: string): boolean {
  const listed = app.registrationPolicy?.softwareIds ?? [];
  return listed.length === 0 || listed.includes(softwareId);
}

export function decideRegistration(index: EvaluatorIndex, input: unknown): RegistrationDecision {
  try {
    return decide(index, input);
  } catch (error) {
    const message = `internal error (${error instanceof Error ? error.name : typeof error}); registration refused`;
    return deny(REGISTRATION_RULES.input, 'invalid_request', 400, message, [], [{ code: 'internal', message }]);
  }
}

function decide(index: EvaluatorIndex, input: unknown): RegistrationDecision {
  const checked = check(input);
  if (!checked.ok) {
    const { path, pointer, message } = checked.problem;
    return deny(
      REGISTRATION_RULES.input,
      'invalid_request',
      400,
      `${path} ${message}`,
      [],
      [{ code: 'request.type', message: `${path} ${message}`, path, pointer }],
    );
  }
  const request = checked.value;
  const scopes = request.initialToken.scope.split(/\s+/);
  if (!scopes.includes(REGISTRATION_SCOPE)) {
    return deny(REGISTRATION_RULES.scope, 'insufficient_scope', 403, `the initial access token does not hold ${REGISTRATION_SCOPE}`);
  }
  const apps = registeringApps(index, request);
  if (apps.length === 0) {
    return deny(
      REGISTRATION_RULES.noClass,
      'invalid_token',
      401,
      'no app class of the policy describes the client the initial access token was issued to and takes registration trusted-dynamic',
    );
  }
  const names = apps.map((a) => a.app.name);
  // The software id is paired 1:1 with the static client id (persistent-access proposal, step 0).
  const paired = request.client.softwareId === undefined || request.client.softwareId === request.softwareId;
  const app = paired ? apps.find((a) => acceptsSoftware(a, request.softwareId)) : undefined;
  if (app === undefined) {
    return deny(
      REGISTRATION_RULES.softwareId,
      'invalid_client_metadata',
      400,
      paired
        ? "the software id is not one the class's registration policy accepts"
        : 'the software id is not the one paired with the client the initial access token was issued to',
      names,
    );
  }
  const policy = app.registrationPolicy;
  const rule = policy?.id ?? `registration:${app.app.name}`;
  const span = policy?.span;
  if (request.initialToken.used && (policy?.initialTokenSingleUse ?? true)) {
    return deny(REGISTRATION_RULES.tokenUsed, 'invalid_token', 401, 'the initial access token was already used for a registration', names);
  }
  const maxAge = policy?.initialTokenMaxAge ?? null;
  if (maxAge !== null && request.initialToken.ageSeconds > maxAge) {
    return deny(
      REGISTRATION_RULES.tokenStale,
      'invalid_token',
      401,
      `the initial access token is older than the policy's ${maxAge} seconds`,
      names,
      [],
      span,
    );
  }
  const reused = request.keys.findIndex((k) => k.seenBefore);
  if (reused >= 0) {
    return deny(
      REGISTRATION_RULES.keyReused,
      'invalid_client_metadata',
      400,
      `key ${reused + 1} was registered before; device keys are never reused`,
      names,
    );
  }
  const algorithms = policy !== undefined && policy.algorithms.length > 0 ? policy.algorithms : DEFAULT_REGISTRATION_ALGORITHMS;
  const badAlg = request.keys.findIndex((k) => !algorithms.includes(k.alg));
  if (badAlg >= 0) {
    return deny(
      REGISTRATION_RULES.algorithm,
      'invalid_client_metadata',
      400,
      `the algorithm of key ${badAlg + 1} is not allowed (allowed: ${algorithms.join(', ')})`,
      names,
      [],
      span,
    );
  }
  const cap = policy?.instancesPerUser ?? null;
  if (cap !== null && (request.instancesOfUser ?? 0) >= cap) {
    return deny(
      REGISTRATION_RULES.instances,
      'invalid_client_metadata',
      400,
      `the user already has the policy's maximum of ${cap} instances of this app`,
      names,
      [],
      span,
    );
  }
  return {
    decision: 'allow',
    reasons: [{ rule, message: "registered under the app class's registration policy", ...(span !== undefined ? { span } : {}) }],
    errors: [],
    apps: names,
    registration: {
      rule,
      app: app.app.name,
      grantTypes: [JWT_BEARER_GRANT],
      tokenEndpointAuthMethod: 'none',
      instanceLifetime: policy?.instanceLifetime ?? null,
      algorithms,
      ...(span !== undefined ? { span } : {}),
    },
  };
}
