/**
 * Turns an `allow` token decision into a token response (SMART App Launch, "Response to access
 * token request"): a signed access token with the granted scope and launch context, an id_token
 * when `openid` was granted, a refresh token when the decision issues one (a new family through
 * the runtime), `token_type` Bearer or DPoP, and the launch-context members the decision says the
 * response must carry.
 */
import type { TokenDecision, TokenRequest } from '../../evaluate/token-types.js';
import { type AccessTokenClaims, mintAccessToken, mintIdToken } from './access-token.js';
import type { ReferenceContext } from './reference-context.js';

export interface IssueInput {
  readonly request: TokenRequest;
  readonly decision: TokenDecision;
  readonly clientId: string;
  /** The user the token acts for (a FHIR Patient id in the sandbox); none for backend services. */
  readonly userId?: string;
  /** The user's sign-in session: an `online_access` family ends with it. */
  readonly userSessionId?: string;
  /** The grant the token belongs to when no new family is started (`family:<id>`, `instance:<client id>`). */
  readonly grant?: string;
  /** Start a refresh-token family when the decision issues one (authorization code only). */
  readonly startFamily: boolean;
  /** A successor refresh token the runtime already made (refresh grant). */
  readonly refreshToken?: string;
  /** Context members to carry instead of the decision's (refresh: the family's). */
  readonly context?: Readonly<Record<string, unknown>>;
  readonly dpopJkt?: string;
  readonly nonce?: string;
}

export interface IssuedTokens {
  readonly body: Record<string, unknown>;
  readonly claims: AccessTokenClaims;
  readonly familyId?: string;
}

/** The context members of a token response, from the decision. */
export function contextOf(decision: TokenDecision): Record<string, unknown> {
  const members: Record<string, unknown> = { ...decision.tokenResponse.members };
  if (decision.tokenResponse.mustInclude.includes('need_patient_banner')) members['need_patient_banner'] = true;
  return members;
}

export async function issueTokens(ctx: ReferenceContext, input: IssueInput): Promise<IssuedTokens> {
  const { decision } = input;
  const urls = ctx.urls();
  const now = ctx.clock();
  const context = input.context ?? contextOf(decision);
  const granted = new Set(decision.granted.scopes);
  const bound = input.dpopJkt !== undefined && decision.tokenResponse.tokenType.toLowerCase() === 'dpop';

  let refreshToken = input.refreshToken;
  let grant = input.grant;
  let familyId: string | undefined;
  if (input.startFamily && decision.refresh?.issue === true && input.userId !== undefined) {
    const started = await ctx.refresh.startFamily({
      request: input.request,
      decision,
      userId: input.userId,
      ...(input.userSessionId !== undefined ? { userSessionId: input.userSessionId } : {}),
      context,
    });
    refreshToken = started.refreshToken;
    familyId = started.family.id;
    grant = `family:${familyId}`;
  }

  const fhirUser = input.userId !== undefined && granted.has('fhirUser') ? `${urls.fhirBase}/Patient/${input.userId}` : undefined;
  const withIdToken = input.userId !== undefined && granted.has('openid') && input.request.grantType === 'authorization_code';
  const { jwt, claims } = await mintAccessToken(ctx.keys, urls.origin, urls.fhirBase, now, {
    sub: input.userId ?? input.clientId,
    client_id: input.clientId,
    scope: decision.granted.scope,
    ctx: context,
    expiresIn: decision.tokenResponse.expiresIn,
    ...(fhirUser !== undefined ? { fhirUser } : {}),
    ...(withIdToken ? { idt: true } : {}),
    ...(grant !== undefined ? { grant } : {}),
    ...(bound && input.dpopJkt !== undefined ? { cnf: { jkt: input.dpopJkt } } : {}),
  });
  const body: Record<string, unknown> = {
    access_token: jwt,
    token_type: bound ? 'DPoP' : 'Bearer',
    expires_in: decision.tokenResponse.expiresIn,
    scope: decision.granted.scope,
    ...context,
  };
  if (withIdToken && input.userId !== undefined) {
    body['id_token'] = await mintIdToken(ctx.keys, urls.origin, now, {
      sub: input.userId,
      clientId: input.clientId,
      ...(fhirUser !== undefined ? { fhirUser } : {}),
      ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
    });
  }
  if (refreshToken !== undefined) body['refresh_token'] = refreshToken;
  return { body, claims, ...(familyId !== undefined ? { familyId } : {}) };
}
