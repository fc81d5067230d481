/**
 * Defaults of the token options. Each settles one ambiguity of the digest (§17); a policy header
 * overrides the first six with `option` statements and the compiler writes the resolved values
 * into every bundle.
 */
import type { TokenOptions } from './bundle-types.js';

export const DEFAULT_TOKEN_OPTIONS: TokenOptions = Object.freeze({
  /**
   * `'subset'`: §8.2 of the IG says "strict sub-set", but RFC 6749 §6 and the refresh response
   * ("the same as the original") allow the same scopes; asking again for exactly what was granted
   * adds nothing, so it is accepted. Subsets are semantic (`patient/Observation.r` is within
   * `patient/Observation.rs`; `X.rs` is within `X.r X.s`).
   */
  refreshScopeNarrowing: 'subset',
  /** `'accept'`: the IG says servers SHOULD accept v1 scopes, meaning their v2 mapping (§3). */
  v1Scopes: 'accept',
  /** `'v1'`: servers SHOULD answer v1 requests in v1 (§3); narrowed pieces v1 cannot express are written in v2. */
  v1Echo: 'v1',
  /** `'allow'`: nothing in the IG forbids a request mixing v1 and v2 scopes (§17.15). */
  v1Mixing: 'allow',
  /** `'Bearer'`: the App Launch table's spelling; RFC 6749 makes it case-insensitive. */
  tokenType: 'Bearer',
  /** `'all'`: introspection echoes every context parameter the token response carried (§17.9). */
  introspectionEcho: 'all',
  /**
   * `'bearer'`: a DPoP proof binds the refresh token only; access tokens stay `Bearer`, which
   * avoids clashing with SMART's fixed `token_type` and resource servers without DPoP (§8.4).
   */
  dpopAccessTokens: 'bearer',
  /** `'invalid-scope'`: a request of which nothing can be granted fails rather than minting an empty token. */
  emptyGrant: 'invalid-scope',
  /** `'drop'`: the IG lets servers ignore malformed scopes (§2.5); dropping says so in `dropped`. */
  invalidScopes: 'drop',
  /** `'as-if-requested'`: §4.3 lets the EHR act as if `launch/patient` had been requested. */
  patientScopesWithoutLaunch: 'as-if-requested',
  /**
   * `'drop'`: `…?category=social-history` against allowed `laboratory` is not granted as
   * `category=laboratory&category=social-history` (a consent screen would read "social
   * history"); the request is granted only as asked, as the allow's own restriction, or with
   * fewer of its own values.
   */
  queryConflicts: 'drop',
  /** One hour: App Launch tokens SHOULD live ≤ 1 h (rule 38). */
  accessTokenLifetime: 3600,
  /** Five minutes: Backend Services tokens SHOULD NOT exceed 300 s (§9). */
  backendTokenLifetime: 300,
}) as TokenOptions;
