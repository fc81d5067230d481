/**
 * The introspection response (RFC 7662 with SMART App Launch "Token Introspection"): `scope`
 * exactly as the token response carried it, `client_id`, `exp`, `iat`, `iss`, `sub`, the
 * id_token's `iss`/`sub`/`fhirUser`, `cnf.jkt` and `token_type: DPoP` for bound tokens, and every
 * launch-context member the token response carried. Anything not active is exactly
 * `{"active": false}` — no reason, no hint.
 */
import type { IntrospectionResponse, IssuedTokenFacts } from './introspection-types.js';

/** Members the builder sets itself: a context member of the same name never overrides them. */
const RESERVED = new Set([
  'active',
  'scope',
  'client_id',
  'exp',
  'iat',
  'iss',
  'sub',
  'fhirUser',
  'cnf',
  'token_type',
  'username',
  'aud',
  'nbf',
  'jti',
]);

export const INACTIVE: IntrospectionResponse = Object.freeze({ active: false as const });

export function buildIntrospectionResponse(facts: IssuedTokenFacts | null | undefined, now: number): IntrospectionResponse {
  if (facts === null || facts === undefined || facts.revoked === true || now >= facts.expiresAt || now < facts.issuedAt - 60) {
    return { active: false };
  }
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(facts.context)) {
    if (!RESERVED.has(name) && value !== undefined) body[name] = value;
  }
  const subject = facts.idToken?.sub ?? facts.subject;
  return {
    active: true,
    scope: facts.scope,
    client_id: facts.clientId,
    exp: facts.expiresAt,
    iat: facts.issuedAt,
    iss: facts.idToken?.iss ?? facts.issuer,
    ...(subject === undefined ? {} : { sub: subject }),
    ...(facts.idToken?.fhirUser === undefined ? {} : { fhirUser: facts.idToken.fhirUser }),
    ...(facts.boundJkt === undefined ? {} : { cnf: { jkt: facts.boundJkt }, token_type: 'DPoP' }),
    ...(facts.boundJkt === undefined && facts.tokenType !== undefined ? { token_type: facts.tokenType } : {}),
    ...body,
  };
}
