/**
 * User control in the sandbox: a "connected apps" page per demo patient (each live grant: app,
 * scopes, since, last used, until, binding) with a button that revokes one; the offline-access
 * reminders that are due (JSON Lines, for a mailer), for resource-server callers only; and
 * `/healthz`. The sandbox has no passwords, so the connected-apps page is as open as the user
 * picker: a real server puts it behind the person's own sign-in.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { dueReminders } from '../../../runtime/index.js';
import { basicCredentials, sameSecret } from '../client-authentication.js';
import { DEMO_PATIENTS } from '../fhir/synthetic-patients.js';
import { escapeHtml, page } from '../html-page.js';
import { formField, sendJson } from '../oauth-reply.js';
import type { ReferenceContext } from '../reference-context.js';
import { readCookie, SESSION_COOKIE, sessionCookie } from '../user-sessions.js';

const MAX_REMINDER_HORIZON = 10 * 365 * 24 * 3600;

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

function dateOf(seconds: number | null): string {
  return seconds === null ? 'until revoked' : new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

export function registerAccountRoutes(app: FastifyInstance, ctx: ReferenceContext): void {
  app.get('/healthz', async (_request, reply) => sendJson(reply, 200, { status: 'ok' }));

  app.get('/account/:user/connected-apps', async (request, reply) => {
    const userId = (request.params as { user?: unknown }).user;
    const person = DEMO_PATIENTS.find((p) => p.id === userId);
    if (person === undefined) return sendJson(reply, 404, { error: 'not_found', error_description: 'no such sandbox user' });
    const grants = await ctx.refresh.listUserGrants(person.id);
    if ((request.headers.accept ?? '').includes('application/json')) return sendJson(reply, 200, { user: person.id, grants });
    const rows = grants
      .map(
        (g) =>
          `<div class="card"><h2>${escapeHtml(ctx.clients.get(g.clientId)?.name ?? g.appTitle ?? g.clientId)}</h2><p><code>${escapeHtml(g.scope)}</code></p><p>Since ${escapeHtml(dateOf(g.since))}, last used ${escapeHtml(dateOf(g.lastUsedAt))}, ends ${escapeHtml(dateOf(g.expiresAt))}; ${escapeHtml(g.mode)} access, bound to ${escapeHtml(g.binding)}.</p><form method="post" action="/account/${escapeHtml(person.id)}/connected-apps/revoke"><input type="hidden" name="family" value="${escapeHtml(g.familyId)}"><button type="submit">Revoke</button></form></div>`,
      )
      .join('');
    return html(
      reply,
      200,
      page(
        'Connected apps',
        `<main><h1>Apps connected to ${escapeHtml(`${person.given} ${person.family}`)}'s record</h1>${rows === '' ? '<p>No app keeps access.</p>' : rows}<p><a href="/">Home</a></p></main>`,
      ),
    );
  });

  app.post('/account/:user/connected-apps/revoke', async (request, reply) => {
    const userId = (request.params as { user?: unknown }).user;
    const family = formField(request.body, 'family');
    const person = DEMO_PATIENTS.find((p) => p.id === userId);
    if (person === undefined || family === undefined)
      return sendJson(reply, 400, { error: 'invalid_request', error_description: 'user and family are required' });
    const revoked = await ctx.refresh.revokeUserGrant(person.id, family);
    if ((request.headers.accept ?? '').includes('application/json')) return sendJson(reply, 200, { revoked });
    return reply.redirect(`/account/${encodeURIComponent(person.id)}/connected-apps`, 303);
  });

  // The sandbox sign-in session: who this browser is signed in as, and signing out, which ends the
  // `online_access` grants approved in the session (offline access outlives it, by definition).
  app.get('/account/session', async (request, reply) => {
    const session = ctx.sessions.find(readCookie(request, SESSION_COOKIE), ctx.clock());
    const person = DEMO_PATIENTS.find((p) => p.id === session?.userId);
    if ((request.headers.accept ?? '').includes('application/json'))
      return sendJson(
        reply,
        200,
        session === undefined ? { signedIn: false } : { signedIn: true, user: session.userId, since: session.startedAt },
      );
    const body =
      person === undefined
        ? '<p>This browser is not signed in.</p>'
        : `<p>Signed in as ${escapeHtml(`${person.given} ${person.family}`)}.</p><form method="post" action="/account/sign-out"><button type="submit">Sign out</button></form>`;
    return html(reply, 200, page('Your session', `<main><h1>Your session</h1>${body}<p><a href="/">Home</a></p></main>`));
  });

  app.post('/account/sign-out', async (request, reply) => {
    // The session id is the cookie's hash: this ends the families of a session a restart forgot, too.
    const sessionId = ctx.sessions.end(readCookie(request, SESSION_COOKIE));
    const ended = sessionId === undefined ? 0 : await ctx.refresh.endSession(sessionId);
    reply.header('set-cookie', sessionCookie(undefined, ctx.urls().origin.startsWith('https:')));
    if ((request.headers.accept ?? '').includes('application/json'))
      return sendJson(reply, 200, { signedOut: sessionId !== undefined, endedGrants: ended });
    const said =
      ended === 0
        ? 'No app had access only while you were signed in.'
        : `${ended} app${ended === 1 ? '' : 's'} with access only while you were signed in lost it.`;
    return html(
      reply,
      200,
      page('Signed out', `<main><h1>You are signed out</h1><p>${escapeHtml(said)}</p><p><a href="/">Home</a></p></main>`),
    );
  });

  app.get('/admin/reminders', async (request, reply) => {
    const basic = basicCredentials(request);
    const allowed =
      basic !== undefined && ctx.introspectionCallers.some((c) => c.clientId === basic.id && sameSecret(c.secret, basic.secret));
    if (!allowed) {
      reply.header('www-authenticate', 'Basic realm="reminders"');
      return sendJson(reply, 401, { error: 'invalid_client', error_description: 'the caller must authenticate' });
    }
    const now = ctx.clock();
    const atParam = (request.query as Record<string, unknown>)['at'];
    const at = typeof atParam === 'string' && /^\d{1,12}$/.test(atParam) ? Number(atParam) : now;
    if (at > now + MAX_REMINDER_HORIZON)
      return sendJson(reply, 400, { error: 'invalid_request', error_description: 'at is too far in the future' });
    const batches = await dueReminders(ctx.store, at);
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .type('application/jsonl; charset=utf-8')
      .send(batches.map((b) => JSON.stringify(b)).join('\n') + (batches.length > 0 ? '\n' : ''));
  });
}
