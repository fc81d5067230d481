/**
 * Access tokens are signed JWTs (ES256) carrying the granted scope and the launch context, so a
 * resource server can decide from the token alone; `grant` ties one to its refresh-token family
 * (or client instance) so that revoking the grant deactivates it at introspection and at the
 * FHIR endpoint. The `jti` is random; nothing secret is inside.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { ServerKeys } from './server-keys.js';
import { SIGNING_ALG } from './server-keys.js';

/** Launch-context members a token response can carry (SMART App Launch, "Launch context"). */
export const CONTEXT_MEMBERS = [
  'patient',
  'encounter',
  'fhirContext',
  'need_patient_banner',
  'smart_style_url',
  'intent',
  'tenant',
] as const;

export interface AccessTokenClaims {
  readonly iss: string;
  readonly aud: string;
  readonly sub?: string;
  readonly client_id: string;
  readonly scope: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  /** The launch-context members of the token response, exactly. */
  readonly ctx: Readonly<Record<string, unknown>>;
  /** The user's FHIR resource (absolute URL) when an id_token with `fhirUser` was issued. */
  readonly fhirUser?: string;
  /** True when an id_token was issued with this token (introspection then says `iss`, `sub`, `fhirUser`). */
  readonly idt?: boolean;
  /** The grant: `family:<id>` or `instance:<client id>`. */
  readonly grant?: string;
  readonly cnf?: { readonly jkt: string };
}

export type NewAccessToken = Omit<AccessTokenClaims, 'iss' | 'aud' | 'iat' | 'jti' | 'exp'> & { readonly expiresIn: number };

export async function mintAccessToken(
  keys: ServerKeys,
  issuer: string,
  audience: string,
  now: number,
  token: NewAccessToken,
): Promise<{ readonly jwt: string; readonly claims: AccessTokenClaims }> {
  const { expiresIn, ...rest } = token;
  const claims: AccessTokenClaims = {
    ...rest,
    iss: issuer,
    aud: audience,
    iat: now,
    exp: now + expiresIn,
    jti: randomBytes(16).toString('base64url'),
  };
  const jwt = await new SignJWT({ ...claims }).setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'at+jwt' }).sign(keys.privateKey);
  return { jwt, claims };
}

/** Verifies signature, issuer, audience and expiry; null for anything that is not a live token of this server. */
export async function verifyAccessToken(
  keys: ServerKeys,
  issuer: string,
  audience: string,
  token: string,
  now: number,
): Promise<AccessTokenClaims | null> {
  if (token.length > 16_384) return null;
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      algorithms: [SIGNING_ALG],
      issuer,
      audience,
      typ: 'at+jwt',
      currentDate: new Date(now * 1000),
      requiredClaims: ['exp', 'iat', 'jti', 'scope', 'client_id'],
    });
    const ctx = payload['ctx'];
    if (typeof payload['scope'] !== 'string' || typeof payload['client_id'] !== 'string') return null;
    if (ctx === null || typeof ctx !== 'object' || Array.isArray(ctx)) return null;
    return payload as unknown as AccessTokenClaims;
  } catch {
    return null;
  }
}

export interface IdTokenInput {
  readonly sub: string;
  readonly clientId: string;
  readonly fhirUser?: string;
  readonly nonce?: string;
}

/** The OpenID Connect id_token (ES256, the key published in the JWKS). */
export async function mintIdToken(keys: ServerKeys, issuer: string, now: number, input: IdTokenInput): Promise<string> {
  const claims: Record<string, unknown> = { sub: input.sub };
  if (input.fhirUser !== undefined) claims['fhirUser'] = input.fhirUser;
  if (input.nonce !== undefined) claims['nonce'] = input.nonce;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(input.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(keys.privateKey);
}
