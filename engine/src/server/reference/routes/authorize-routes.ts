/**
 * The authorization endpoint (SMART App Launch, "Obtain authorization code"): GET or POST,
 * PKCE S256 only, exact redirect URIs, `aud` = this server's FHIR base. Then a sandbox user
 * picker (no passwords), then the consent screen the engine renders in the browser's language;
 * the approved scopes become an authorization code bound to the client, the redirect URI and
 * the PKCE challenge. Errors before the redirect URI is known are shown, never redirected.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { approvedScopes, untickedGroups } from '../../../explain/consent-screen/approved-scopes.js';
import { renderConsentScreen } from '../../../explain/consent-screen/render-consent-screen.js';
import type { ConsentScreen } from '../../../explain/consent-screen/screen-types.js';
import { OAuthFailure, checkCodeChallenge } from '../../../runtime/index.js';
import { CODE_TTL_SECONDS, type PendingAuthorization } from '../authorization-state.js';
import { DEMO_PATIENTS, latestEncounterOf } from '../fhir/synthetic-patients.js';
import { errorPage, escapeHtml, page } from '../html-page.js';
import { formField } from '../oauth-reply.js';
import { appClassOf, type ReferenceContext, staticClient } from '../reference-context.js';
import { readCookie, SESSION_COOKIE, sessionCookie } from '../user-sessions.js';

const COOKIE = 'sp_authz';
const MAX_SCOPE_LENGTH = 8192;

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; script-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
    )
    .type('text/html; charset=utf-8')
    .send(body);
}

/** Redirects back to the client with an error (RFC 6749, "Error Response" of the authorization endpoint). */
function redirectError(
  reply: FastifyReply,
  redirectUri: string,
  state: string | undefined,
  error: string,
  description: string,
  issuer: string,
): FastifyReply {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error);
  url.searchParams.set('error_description', description);
  if (state !== undefined) url.searchParams.set('state', state);
  url.searchParams.set('iss', issuer);
  return reply.code(303).header('cache-control', 'no-store').redirect(url.href, 303);
}

function param(request: FastifyRequest, name: string): string | undefined {
  const source = request.method === 'POST' ? request.body : request.query;
  return formField(source, name);
}

function userPicker(p: PendingAuthorization, clientName: string): string {
  const options = DEMO_PATIENTS.map(
    (u, i) =>
      `<label><input type="radio" name="user" value="${escapeHtml(u.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(`${u.given} ${u.family}`)} (born ${escapeHtml(u.birthDate)})</label>`,
  ).join('');
  return page(
    'Sign in to Sandbox Health',
    `<main><h1>Sign in to Sandbox Health</h1><p>This is a sandbox with made-up patients and no passwords. Pick who you are to continue to <strong>${escapeHtml(clientName)}</strong>.</p><form method="post" action="/authorize/user"><input type="hidden" name="tx" value="${escapeHtml(p.id)}">${options}<p><button type="submit">Continue</button></p></form></main>`,
  );
}

function consentScreenFor(ctx: ReferenceContext, request: FastifyRequest, p: PendingAuthorization): ConsentScreen | undefined {
  const client = staticClient(ctx, p.clientId);
  if (client === undefined || p.userId === undefined) return undefined;
  const appClass = appClassOf(ctx, client, 'patient');
  if (appClass === undefined) return undefined;
  const user = DEMO_PATIENTS.find((u) => u.id === p.userId);
  const accept = request.headers['accept-language'];
  return renderConsentScreen({
    bundle: ctx.bundle,
    appClass,
    ...(typeof accept === 'string' ? { acceptLanguage: accept.slice(0, 256) } : {}),
    request: { scopes: p.scope },
    app: client.name !== undefined ? { name: client.name } : {},
    ...(user ? { user: { displayName: `${user.given} ${user.family}` } } : {}),
    now: ctx.clock() * 1000,
    form: { action: '/authorize/consent', hidden: { tx: p.id } },
  });
}

export function registerAuthorizeRoutes(app: FastifyInstance, ctx: ReferenceContext): void {
  const start = async (request: FastifyRequest, reply: FastifyReply) => {
    const clientId = param(request, 'client_id');
    const client = staticClient(ctx, clientId);
    if (client === undefined)
      return html(reply, 400, errorPage('Unknown app', 'The app that sent you here is not registered with this server (client_id).'));
    const redirectUri = param(request, 'redirect_uri');
    if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
      return html(
        reply,
        400,
        errorPage('Wrong return address', 'The redirect_uri is not one this app registered, so the server will not send you there.'),
      );
    }
    const state = param(request, 'state');
    const issuer = ctx.urls().origin;
    const fail = (error: string, description: string) => redirectError(reply, redirectUri, state, error, description, issuer);
    if (param(request, 'response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
    let challenge: string;
    try {
      challenge = checkCodeChallenge(param(request, 'code_challenge'), param(request, 'code_challenge_method'));
    } catch (e) {
      return fail('invalid_request', e instanceof OAuthFailure ? e.description : 'invalid PKCE parameters');
    }
    if (state === undefined || state.length === 0 || state.length > 512)
      return fail('invalid_request', 'state is required (at most 512 characters)');
    const aud = param(request, 'aud') ?? param(request, 'resource');
    if (aud !== ctx.urls().fhirBase) return fail('invalid_request', "aud must be this server's FHIR base URL");
    const scope = param(request, 'scope');
    if (scope === undefined || scope.trim() === '') return fail('invalid_scope', 'scope is required');
    if (scope.length > MAX_SCOPE_LENGTH) return fail('invalid_scope', `scope is longer than ${MAX_SCOPE_LENGTH} characters`);
    if (client.type !== 'public' && client.authMethod === 'none') return fail('unauthorized_client', 'the client cannot use this flow');
    const nonce = param(request, 'nonce');
    const pending = ctx.authorizations.startPending({
      clientId: client.clientId,
      redirectUri,
      scope: scope.trim(),
      state,
      codeChallenge: challenge,
      ...(nonce !== undefined && nonce.length <= 512 ? { nonce } : {}),
      createdAt: ctx.clock(),
    });
    reply.header('set-cookie', `${COOKIE}=${pending.browserKey}; Path=/authorize; HttpOnly; SameSite=Lax`);
    return html(reply, 200, userPicker(pending, client.name ?? client.clientId));
  };
  app.get('/authorize', start);
  app.post('/authorize', start);

  app.post('/authorize/user', async (request, reply) => {
    const p = ctx.authorizations.findPending(formField(request.body, 'tx'), readCookie(request, COOKIE), ctx.clock());
    if (p === undefined) return html(reply, 400, errorPage('This sign-in has expired', 'Go back to the app and start again.'));
    const user = formField(request.body, 'user');
    if (user === undefined || !DEMO_PATIENTS.some((u) => u.id === user))
      return html(reply, 400, errorPage('Unknown user', 'Pick one of the listed people.'));
    // Picking a person signs this browser in (or keeps its session when it is already that person's).
    const now = ctx.clock();
    let session = ctx.sessions.find(readCookie(request, SESSION_COOKIE), now);
    if (session === undefined || session.userId !== user) {
      const started = ctx.sessions.start(user, now);
      session = started.session;
      reply.header('set-cookie', sessionCookie(started.cookieValue, ctx.urls().origin.startsWith('https:')));
    }
    p.userId = user;
    p.userSessionId = session.id;
    const screen = consentScreenFor(ctx, request, p);
    if (screen === undefined || screen.kind !== 'consent') {
      ctx.authorizations.endPending(p.id);
      return redirectError(
        reply,
        p.redirectUri,
        p.state,
        'unauthorized_client',
        'the policy has no consent for this app',
        ctx.urls().origin,
      );
    }
    return html(reply, 200, screen.html);
  });

  app.post('/authorize/consent', async (request, reply) => {
    const body = request.body;
    const p = ctx.authorizations.findPending(formField(body, 'tx'), readCookie(request, COOKIE), ctx.clock());
    if (p === undefined || p.userId === undefined)
      return html(reply, 400, errorPage('This sign-in has expired', 'Go back to the app and start again.'));
    const decision = formField(body, 'decision');
    const issuer = ctx.urls().origin;
    if (decision === 'switch-user') {
      delete p.userId;
      const client = staticClient(ctx, p.clientId);
      return html(reply, 200, userPicker(p, client?.name ?? p.clientId));
    }
    ctx.authorizations.endPending(p.id);
    if (decision !== 'allow') return redirectError(reply, p.redirectUri, p.state, 'access_denied', 'the user did not allow access', issuer);
    const screen = consentScreenFor(ctx, request, p);
    if (screen === undefined) return redirectError(reply, p.redirectUri, p.state, 'access_denied', 'no consent could be given', issuer);
    const posted =
      body !== null && typeof body === 'object' && Object.hasOwn(body, 'group') ? (body as Record<string, unknown>)['group'] : [];
    const ticked = (Array.isArray(posted) ? posted : [posted]).filter((g): g is string => typeof g === 'string');
    const approved = approvedScopes(p.scope, screen.groups, untickedGroups(screen.groups, ticked));
    const code = ctx.authorizations.issueCode({
      clientId: p.clientId,
      redirectUri: p.redirectUri,
      codeChallenge: p.codeChallenge,
      userId: p.userId,
      ...(p.userSessionId !== undefined ? { userSessionId: p.userSessionId } : {}),
      approvedScope: approved.scope,
      context: { patient: p.userId, encounter: latestEncounterOf(p.userId) },
      ...(p.nonce !== undefined ? { nonce: p.nonce } : {}),
      expiresAt: ctx.clock() + CODE_TTL_SECONDS,
    });
    const url = new URL(p.redirectUri);
    url.searchParams.set('code', code);
    url.searchParams.set('state', p.state);
    url.searchParams.set('iss', issuer);
    return reply.code(303).header('cache-control', 'no-store').redirect(url.href, 303);
  });
}
