/**
 * The token endpoint: authorization_code (PKCE S256), refresh_token (rotation, reuse detection
 * and key binding by the runtime), client_credentials (Backend Services, private_key_jwt) and the
 * JWT bearer grant of dynamically registered instances (RFC 7523). Every policy question goes to
 * `decideToken`; every refusal is an OAuth error naming the failed check, never the input.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenDecision, TokenRequest } from '../../../evaluate/token-types.js';
import { OAuthFailure, verifyCodeVerifier, verifyDpopProof, verifyJwtBearerGrant } from '../../../runtime/index.js';
import { authenticateClient } from '../client-authentication.js';
import { issueTokens } from '../issue-tokens.js';
import { formField, repeated, sendFailure, sendJson, sendOAuthError } from '../oauth-reply.js';
import type { ReferenceContext } from '../reference-context.js';
import { DPOP_ALGS } from '../smart-configuration.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SINGLE_PARAMETERS = [
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'scope',
  'client_id',
  'client_assertion',
  'client_assertion_type',
  'assertion',
];

function denied(decision: TokenDecision): OAuthFailure {
  const e = decision.oauthError ?? { error: 'invalid_grant' as const, error_description: 'the policy does not allow this request' };
  return new OAuthFailure(e.error, 'policy', e.error_description);
}

async function dpopJktOf(ctx: ReferenceContext, request: FastifyRequest): Promise<string | undefined> {
  const header = request.headers['dpop'];
  if (header === undefined) return undefined;
  const proof = await verifyDpopProof(header, {
    htm: 'POST',
    htu: ctx.urls().tokenEndpoint,
    clock: ctx.clock,
    store: ctx.store,
    algorithms: DPOP_ALGS,
    ...(ctx.dpopNonces !== undefined ? { nonces: ctx.dpopNonces } : {}),
  });
  return proof.jkt;
}

async function authorizationCode(ctx: ReferenceContext, request: FastifyRequest): Promise<Record<string, unknown>> {
  const body = request.body;
  const client = await authenticateClient(ctx, body, true);
  if (client === null) throw new OAuthFailure('invalid_client', 'client.missing', 'client_id is required');
  const code = formField(body, 'code');
  if (code === undefined) throw new OAuthFailure('invalid_request', 'code.missing', 'code is required');
  const found = ctx.authorizations.findCode(code);
  if (found === undefined) throw new OAuthFailure('invalid_grant', 'code.unknown', 'the authorization code is unknown or expired');
  // The proof first: a client told to retry with a server nonce must still hold an unused code.
  const dpopJkt = await dpopJktOf(ctx, request);
  const now = ctx.clock();
  const { record } = found;
  // Single use across processes: the first exchange claims the code, a replay revokes what it gave.
  if (!(await ctx.store.claimOnce('authorization-code', found.hash, record.expiresAt + 3600, now))) {
    if (record.issued !== undefined) {
      ctx.revokedAccessTokens.set(record.issued.accessJti, record.issued.accessExp);
      if (record.issued.grant?.startsWith('family:')) await ctx.store.revokeFamily(record.issued.grant.slice(7), now, 'code-replay');
    }
    throw new OAuthFailure('invalid_grant', 'code.replay', 'the authorization code was already used; the tokens it gave are revoked');
  }
  if (now >= record.expiresAt) throw new OAuthFailure('invalid_grant', 'code.expired', 'the authorization code expired');
  if (record.clientId !== client.registered.clientId)
    throw new OAuthFailure('invalid_grant', 'code.client', 'the code was issued to another client');
  if (formField(body, 'redirect_uri') !== record.redirectUri)
    throw new OAuthFailure('invalid_grant', 'code.redirect-uri', 'redirect_uri does not match the authorization request');
  verifyCodeVerifier(formField(body, 'code_verifier'), record.codeChallenge);
  const tokenRequest: TokenRequest = {
    grantType: 'authorization_code',
    client: client.token,
    user: { type: 'patient', id: record.userId },
    launch: 'standalone',
    requestedScope: record.approvedScope,
    availableContext: record.context,
    ...(dpopJkt !== undefined || client.keyJkt !== undefined
      ? {
          binding: {
            ...(dpopJkt !== undefined ? { dpopJkt } : {}),
            ...(client.keyJkt !== undefined ? { clientKeyJkt: client.keyJkt } : {}),
          },
        }
      : {}),
  };
  const decision = ctx.evaluator.decideToken(tokenRequest);
  if (decision.decision !== 'allow') throw denied(decision);
  // Online access lives as long as the sign-in session: none is started for a session already over.
  const online = decision.refresh?.issue === true && decision.refresh.mode === 'online';
  if (online && (record.userSessionId === undefined || !ctx.sessions.isLive(record.userSessionId, now)))
    throw new OAuthFailure('invalid_grant', 'code.session-ended', "the user's session ended before the code was exchanged");
  const issued = await issueTokens(ctx, {
    request: tokenRequest,
    decision,
    clientId: client.registered.clientId,
    userId: record.userId,
    ...(record.userSessionId !== undefined ? { userSessionId: record.userSessionId } : {}),
    startFamily: true,
    ...(dpopJkt !== undefined ? { dpopJkt } : {}),
    ...(record.nonce !== undefined ? { nonce: record.nonce } : {}),
  });
  record.issued = {
    accessJti: issued.claims.jti,
    accessExp: issued.claims.exp,
    ...(issued.claims.grant !== undefined ? { grant: issued.claims.grant } : {}),
  };
  return issued.body;
}

async function refreshToken(ctx: ReferenceContext, request: FastifyRequest): Promise<Record<string, unknown>> {
  const body = request.body;
  const token = formField(body, 'refresh_token');
  if (token === undefined) throw new OAuthFailure('invalid_request', 'refresh.missing', 'refresh_token is required');
  // A public client's refresh may omit client_id (fhirclient does): the family knows its client.
  const client = await authenticateClient(ctx, body, false);
  const dpopJkt = await dpopJktOf(ctx, request);
  const result = await ctx.refresh.refresh({
    refreshToken: token,
    client: client?.token ?? null,
    requestedScope: formField(body, 'scope') ?? null,
    ...(dpopJkt !== undefined ? { dpopJkt } : {}),
    ...(client?.keyJkt !== undefined ? { clientKeyJkt: client.keyJkt } : {}),
  });
  const family = result.family;
  const issued = await issueTokens(ctx, {
    request: {
      grantType: 'refresh_token',
      client: client?.token ?? { clientId: family.clientId, type: 'public', authMethod: 'none' },
      user: { type: 'patient', id: family.userId },
    },
    decision: result.decision,
    clientId: family.clientId,
    userId: family.userId,
    grant: `family:${family.id}`,
    startFamily: false,
    context: family.context,
    ...(result.refreshToken !== undefined ? { refreshToken: result.refreshToken } : {}),
    ...(dpopJkt !== undefined ? { dpopJkt } : {}),
  });
  return issued.body;
}

async function clientCredentials(ctx: ReferenceContext, request: FastifyRequest): Promise<Record<string, unknown>> {
  const client = await authenticateClient(ctx, request.body, true);
  if (client === null || client.registered.authMethod !== 'private_key_jwt') {
    throw new OAuthFailure('invalid_client', 'client.auth-required', 'client_credentials needs private_key_jwt client authentication');
  }
  const dpopJkt = await dpopJktOf(ctx, request);
  const tokenRequest: TokenRequest = {
    grantType: 'client_credentials',
    client: client.token,
    user: { type: 'none' },
    requestedScope: formField(request.body, 'scope') ?? null,
    ...(dpopJkt !== undefined ? { binding: { dpopJkt } } : {}),
  };
  const decision = ctx.evaluator.decideToken(tokenRequest);
  if (decision.decision !== 'allow') throw denied(decision);
  const issued = await issueTokens(ctx, {
    request: tokenRequest,
    decision,
    clientId: client.registered.clientId,
    startFamily: false,
    ...(dpopJkt !== undefined ? { dpopJkt } : {}),
  });
  return issued.body;
}

async function jwtBearer(ctx: ReferenceContext, request: FastifyRequest): Promise<Record<string, unknown>> {
  const assertion = formField(request.body, 'assertion');
  if (assertion === undefined) throw new OAuthFailure('invalid_request', 'assertion.missing', 'assertion is required');
  const { instance } = await verifyJwtBearerGrant(assertion, {
    tokenEndpoint: ctx.urls().tokenEndpoint,
    clock: ctx.clock,
    store: ctx.store,
  });
  const dpopJkt = await dpopJktOf(ctx, request);
  const context = instance.context as TokenRequest['availableContext'];
  const tokenRequest: TokenRequest = {
    grantType: JWT_BEARER,
    client: {
      clientId: instance.clientId,
      type: 'confidential-asymmetric',
      authMethod: 'private_key_jwt',
      softwareId: instance.softwareId,
      registration: 'trusted-dynamic',
    },
    user: { type: 'patient', id: instance.userId },
    ...(instance.launch !== undefined ? { launch: instance.launch } : {}),
    requestedScope: formField(request.body, 'scope') ?? null,
    originalScope: instance.scope,
    ...(context !== undefined ? { availableContext: context } : {}),
    ...(dpopJkt !== undefined ? { binding: { dpopJkt } } : {}),
  };
  const decision = ctx.evaluator.decideToken(tokenRequest);
  if (decision.decision !== 'allow') throw denied(decision);
  const issued = await issueTokens(ctx, {
    request: tokenRequest,
    decision,
    clientId: instance.clientId,
    userId: instance.userId,
    grant: `instance:${instance.clientId}`,
    startFamily: false,
    ...(dpopJkt !== undefined ? { dpopJkt } : {}),
  });
  return issued.body;
}

type GrantHandler = (ctx: ReferenceContext, request: FastifyRequest) => Promise<Record<string, unknown>>;

const GRANTS: Readonly<Record<string, GrantHandler>> = {
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
  client_credentials: clientCredentials,
  [JWT_BEARER]: jwtBearer,
};

export function registerTokenRoutes(app: FastifyInstance, ctx: ReferenceContext): void {
  app.post('/token', async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body;
    if (body === null || typeof body !== 'object')
      return sendOAuthError(reply, 400, 'invalid_request', 'the body must be application/x-www-form-urlencoded');
    const twice = repeated(body, SINGLE_PARAMETERS);
    if (twice !== undefined) return sendOAuthError(reply, 400, 'invalid_request', `${twice} must not be repeated`);
    const grantType = formField(body, 'grant_type');
    // A fresh nonce with every answer, so a client never needs a failed request to learn one.
    if (ctx.dpopNonces !== undefined) reply.header('dpop-nonce', ctx.dpopNonces.issue());
    const grant = grantType === undefined ? 'none' : Object.hasOwn(GRANTS, grantType) ? grantType : 'other';
    const handler = Object.hasOwn(GRANTS, grant) ? GRANTS[grant] : undefined;
    if (handler === undefined) {
      ctx.log.info({
        event: 'token',
        grant,
        outcome: 'refused',
        error: grantType === undefined ? 'invalid_request' : 'unsupported_grant_type',
      });
      return grantType === undefined
        ? sendOAuthError(reply, 400, 'invalid_request', 'grant_type is required')
        : sendOAuthError(reply, 400, 'unsupported_grant_type', 'this grant_type is not supported');
    }
    try {
      const body = await handler(ctx, request);
      // Only what the policy decided and which grant: never a token, code, secret or assertion.
      ctx.log.info({
        event: 'token',
        grant,
        outcome: 'issued',
        scopes: String(body['scope']).split(' ').length,
        tokenType: body['token_type'],
      });
      return sendJson(reply, 200, body);
    } catch (e) {
      ctx.log.info({
        event: 'token',
        grant,
        outcome: 'refused',
        ...(e instanceof OAuthFailure ? { error: e.error, check: e.check } : { error: 'server_error' }),
      });
      return sendFailure(reply, e);
    }
  });
}
