/**
 * `smart-policy/runtime`: verification, refresh-token families, stores, introspection and
 * trusted dynamic registration (see README.md in this folder).
 */
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export type { IntrospectionResponse, IssuedTokenFacts } from './introspection/introspection-types.js';
export { buildIntrospectionResponse } from './introspection/build-introspection-response.js';
export type { RuntimeOAuthError } from './oauth-failure.js';
export { OAuthFailure } from './oauth-failure.js';
export type { RefreshRuntime } from './refresh/refresh-runtime.js';
export { createRefreshRuntime } from './refresh/refresh-runtime.js';
export { familyIdOf, hashToken, MAX_REFRESH_TOKEN_LENGTH } from './refresh/refresh-token-format.js';
export type {
  RefreshInput,
  RefreshResult,
  RefreshRuntimeOptions,
  StartedFamily,
  StartFamilyInput,
  UserGrant,
} from './refresh/refresh-types.js';
export type { ReminderApp, ReminderBatch } from './refresh/reminder-types.js';
export type { ReminderOptions } from './refresh/reminders.js';
export { dueReminders, recordReminders } from './refresh/reminders.js';
export { jwtBearerTokenRequest } from './registration/jwt-bearer-request.js';
export { JWT_BEARER_GRANT, MAX_DEVICE_KEYS, registerClientInstance } from './registration/register-client-instance.js';
export type {
  InitialAccessToken,
  RegistrationOptions,
  RegistrationResponse,
  RegistrationResult,
} from './registration/registration-types.js';
export { createMemoryStore } from './stores/memory-store.js';
export type {
  ClientInstanceRecord,
  FamilyBinding,
  FamilyFilter,
  FamilyState,
  RefreshFamilyRecord,
  RotateOutcome,
  RotateRequest,
  Store,
  StoredFamily,
  StoreKind,
} from './stores/store-types.js';
export type { AssertionVerifyOptions, RegisteredClientKeys, VerifiedAssertion } from './verify/client-assertion-types.js';
export type { DpopNonceOptions } from './verify/dpop-nonces.js';
export { createDpopNonces } from './verify/dpop-nonces.js';
export type { DpopNonceSource, DpopVerifyOptions, VerifiedDpopProof } from './verify/dpop-types.js';
export { ASYMMETRIC_ALGORITHMS, DEFAULT_ASSERTION_ALGORITHMS, DEFAULT_DPOP_ALGORITHMS } from './verify/jose-algorithms.js';
export type { JwksFetcher, JwksFetchResult, JwksSource, JwksSourceOptions } from './verify/jwks-source.js';
export type { JwksFetcherOptions } from './verify/jwks-source-impl.js';
export {
  cacheSeconds,
  createJwksFetcher,
  createJwksSource,
  fetchJwks,
  JWKS_MAX_BYTES,
  JWKS_TIMEOUT_MS,
} from './verify/jwks-source-impl.js';
export { MAX_JWT_LENGTH, peekIssuer } from './verify/jwt-parts.js';
export { checkCodeChallenge, isCodeVerifier, s256Challenge, verifyCodeVerifier } from './verify/pkce.js';
export { verifyClientAssertion } from './verify/verify-client-assertion.js';
export { normalizeHtu, verifyDpopProof } from './verify/verify-dpop-proof.js';
export type { VerifiedJwtBearerGrant } from './verify/verify-jwt-bearer-grant.js';
export { verifyJwtBearerGrant } from './verify/verify-jwt-bearer-grant.js';
export type { OpenStoreOptions } from './stores/open-store.js';
export { openStore } from './stores/open-store.js';
export { MissingPeerError } from './stores/load-optional-peer.js';
export type { SqliteStoreOptions } from './stores/sqlite-store.js';
export { openSqliteStore } from './stores/sqlite-store.js';
export type { RedisStoreOptions } from './stores/redis-store.js';
export { openRedisStore } from './stores/redis-store.js';
export type { PostgresStoreOptions } from './stores/postgres-store.js';
export { openPostgresStore } from './stores/postgres-store.js';
