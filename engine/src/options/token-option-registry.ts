/**
 * The token options: each settles one of the questions the SMART App Launch IG leaves open outside resource access —
 * token decisions, token responses and introspection. The order here is the order of the
 * bundle's members and of the docs table.
 */
import { choice, seconds } from './option-definition.js';

export const TOKEN_OPTION_REGISTRY = Object.freeze({
  refreshScopeNarrowing: choice({
    keyword: 'refresh.scope_narrowing',
    values: ['subset', 'strict-subset'],
    default: 'subset',
    settles: 'open question: refresh scope narrowing',
    affects: ['token'],
    doc: "A refresh request's scope may be the same or a subset, or must be a strict subset (open question: refresh scope narrowing).",
    detail:
      '`subset`: App Launch, refresh access token of the IG says "strict sub-set", but RFC 6749 Token Introspection and the refresh response ("the same as the original") allow the same scopes; asking again for exactly what was granted adds nothing, so it is accepted. Subsets are semantic (`patient/Observation.r` is within `patient/Observation.rs`; `X.rs` is within `X.r X.s`). `strict-subset` refuses a refresh asking for the whole original grant.',
  }),
  v1Scopes: choice({
    keyword: 'scopes.v1',
    values: ['accept', 'reject'],
    default: 'accept',
    settles: 'Scopes and Launch Context, SMART 1.0 scopes',
    affects: ['token'],
    doc: 'v1 scopes (.read/.write/.*) are accepted with their v2 meaning, or rejected (Scopes and Launch Context, SMART 1.0 scopes, open question: mixed v1 and v2 scopes).',
    detail:
      '`accept`: the IG says servers SHOULD accept v1 scopes, meaning their v2 mapping (Scopes and Launch Context, SMART 1.0 scopes). `reject` drops them.',
  }),
  v1Echo: choice({
    keyword: 'scopes.v1_echo',
    values: ['v1', 'v2'],
    default: 'v1',
    settles: 'Scopes and Launch Context, SMART 1.0 scopes',
    affects: ['token'],
    doc: "Granted v1 scopes are echoed in v1 form (the IG's SHOULD) or in v2 form (Scopes and Launch Context, SMART 1.0 scopes).",
    detail:
      '`v1`: servers SHOULD answer v1 requests in v1 (Scopes and Launch Context, SMART 1.0 scopes); narrowed pieces v1 cannot express are written in v2. `v2` writes every granted scope in v2.',
  }),
  v1Mixing: choice({
    keyword: 'scopes.mixing',
    values: ['allow', 'reject'],
    default: 'allow',
    settles: 'open question: mixed v1 and v2 scopes',
    affects: ['token'],
    doc: 'One request may mix v1 and v2 scopes, or not (open question: mixed v1 and v2 scopes).',
    detail:
      '`allow`: nothing in the IG forbids a request mixing v1 and v2 scopes (open question: mixed v1 and v2 scopes). `reject` answers such requests with `invalid_scope`.',
  }),
  tokenType: choice({
    keyword: 'token_type',
    values: ['Bearer', 'bearer'],
    default: 'Bearer',
    settles: 'open question: token_type of DPoP-bound tokens',
    affects: ['token-response'],
    doc: 'The casing of token_type in token responses (open question: token_type of DPoP-bound tokens).',
    detail: "`Bearer`: the App Launch table's spelling; RFC 6749 makes it case-insensitive.",
  }),
  introspectionEcho: choice({
    keyword: 'introspection.echo',
    values: ['smart', 'all'],
    default: 'all',
    settles: 'open question: which context introspection echoes',
    affects: ['introspection'],
    doc: "Introspection echoes only SMART's context parameters, or also extension parameters (open question: which context introspection echoes).",
    detail:
      '`all`: introspection echoes every context parameter the token response carried (open question: which context introspection echoes). `smart` echoes only the context parameters SMART defines.',
  }),
  dpopAccessTokens: choice({
    keyword: 'dpop.access_tokens',
    values: ['bind', 'bearer'],
    default: 'bearer',
    settles: 'RFC 9449 (DPoP)',
    affects: ['token-response', 'introspection'],
    doc: 'When the client proved a DPoP key, access tokens are DPoP-bound (token_type DPoP), or stay bearer with only the refresh token bound (RFC 9449 (DPoP)).',
    detail:
      "`bearer`: a DPoP proof binds the refresh token only; access tokens stay `Bearer`, which avoids clashing with SMART's fixed `token_type` and resource servers without DPoP (RFC 9449 (DPoP)). `bind`: access tokens of a client that proved a key are `DPoP` tokens bound to it (`cnf` in introspection).",
  }),
  emptyGrant: choice({
    keyword: 'scopes.empty_grant',
    values: ['invalid-scope', 'empty-token'],
    default: 'invalid-scope',
    settles: 'Scopes and Launch Context, wildcards',
    affects: ['token'],
    doc: 'A request of which nothing can be granted fails with invalid_scope, or gets a token with an empty scope (Scopes and Launch Context, wildcards).',
    detail:
      '`invalid-scope`: a request of which nothing can be granted fails rather than minting an empty token. `empty-token` issues a token with an empty scope (Scopes and Launch Context, wildcards allows it).',
  }),
  invalidScopes: choice({
    keyword: 'scopes.invalid',
    values: ['drop', 'reject'],
    default: 'drop',
    settles: 'Scopes and Launch Context, combining scopes',
    affects: ['token'],
    doc: 'A requested scope that does not parse is dropped (and reported), or refuses the whole request (Scopes and Launch Context, combining scopes).',
    detail:
      '`drop`: the IG lets servers ignore malformed scopes (Scopes and Launch Context, combining scopes); dropping says so in `dropped`. `reject` refuses the request with `invalid_scope`.',
  }),
  patientScopesWithoutLaunch: choice({
    keyword: 'scopes.patient_without_launch',
    values: ['as-if-requested', 'drop'],
    default: 'as-if-requested',
    settles: 'Scopes and Launch Context, scopes that need launch context',
    affects: ['token'],
    doc: 'patient/ scopes requested without launch or launch/patient act as if launch/patient was asked, or are dropped (Scopes and Launch Context, scopes that need launch context).',
    detail:
      '`as-if-requested`: Scopes and Launch Context, scopes that need launch context lets the EHR act as if `launch/patient` had been requested. `drop` drops the `patient/` scopes instead.',
  }),
  queryConflicts: choice({
    keyword: 'scopes.query_conflict',
    values: ['drop', 'conjunction'],
    default: 'drop',
    settles: 'Scopes and Launch Context, finer-grained resource constraints',
    affects: ['token'],
    doc: 'A requested query the allowed queries do not accept is dropped, or granted as the conjunction of both queries.',
    detail:
      '`drop`: `…?category=social-history` against allowed `laboratory` is not granted as `category=laboratory&category=social-history` (a consent screen would read "social history"); the request is granted only as asked, as the allow\'s own restriction, or with fewer of its own values (`token.scope.query-conflict`). `conjunction` grants the exact intersection.',
  }),
  accessTokenLifetime: seconds({
    keyword: 'token.lifetime',
    default: 3600,
    max: 3600,
    settles: 'rule 38',
    affects: ['token-response', 'consent-screen'],
    doc: 'How long App Launch access tokens live (expires_in), at most 1h (rule 38).',
    detail:
      'Default one hour: App Launch tokens SHOULD live at most 1 h (rule 38). Written as a duration (`30m`, `900s`, `1h`); longer values are refused.',
  }),
  backendTokenLifetime: seconds({
    keyword: 'token.backend_lifetime',
    default: 300,
    max: 300,
    settles: 'Backend Services',
    affects: ['token-response'],
    doc: 'How long Backend Services access tokens live (expires_in), at most 5m (Backend Services).',
    detail:
      'Default five minutes: Backend Services tokens SHOULD NOT exceed 300 s (Backend Services). Written as a duration (`2m`, `120s`); longer values are refused.',
  }),
});
