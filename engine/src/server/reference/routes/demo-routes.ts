/**
 * The home page and the built-in demo app. The demo app is a real public client with PKCE that
 * talks to this server over HTTP like any other app: it launches, the person picks a sandbox
 * patient and consents, then the page shows the token response (the access token decoded), its
 * introspection, a FHIR search the policy narrows and a request the policy denies, with reasons.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { randomToken } from '../authorization-state.js';
import { DEMO_APP_ID } from '../demo-clients.js';
import { DEMO_PATIENTS } from '../fhir/synthetic-patients.js';
import { escapeHtml, page } from '../html-page.js';
import type { ReferenceContext } from '../reference-context.js';
import type { IntrospectionCaller } from '../reference-types.js';

const COOKIE = 'sp_demo';
const DEMO_SCOPE =
  'launch/patient launch/encounter openid fhirUser patient/Patient.rs patient/Observation.rs patient/Condition.rs patient/MedicationRequest.rs offline_access';

interface DemoLaunch {
  readonly verifier: string;
  readonly createdAt: number;
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

function cookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v !== undefined) return v;
  }
  return undefined;
}

function json(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

function homePage(ctx: ReferenceContext): string {
  const o = ctx.urls().origin;
  return page(
    'smart-policy reference SMART server',
    `<main><h1>smart-policy reference SMART server</h1>
<p>A sandbox SMART on FHIR authorization server whose every decision comes from the policy <strong>${escapeHtml(ctx.bundle.policy.name)}</strong>. The patients are made up; there are no passwords.</p>
<p><a class="button" href="/demo/launch">Launch the demo app</a></p>
<p>The demo app is a public client using PKCE. You will pick a patient, see the consent screen (in your browser's language), then see the token, its introspection, a FHIR search the policy narrows and a request it denies.</p>
<div class="card"><h2>Endpoints</h2><ul>
<li><a href="/.well-known/smart-configuration">${escapeHtml(`${o}/.well-known/smart-configuration`)}</a> (also at <code>/.well-known/oauth-authorization-server</code>)</li>
<li>FHIR base: <code>${escapeHtml(ctx.urls().fhirBase)}</code> (<a href="/fhir/metadata">metadata</a>)</li>
<li><code>/authorize</code>, <code>/token</code>, <code>/introspect</code>, <code>/revoke</code>, <code>/register</code></li>
<li>Connected apps of each sandbox patient: ${DEMO_PATIENTS.map((p) => `<a href="/account/${escapeHtml(p.id)}/connected-apps">${escapeHtml(`${p.given} ${p.family}`)}</a>`).join(', ')}</li>
<li><a href="/account/session">Your sandbox session</a> (signing out ends the apps' online access)</li>
</ul></div></main>`,
  );
}

async function post(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: await res.json() };
}

async function get(url: string, token: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

function categoriesOf(bundle: unknown): string[] {
  const entries = (bundle as { entry?: { resource?: { category?: { coding?: { code?: string }[] }[] } }[] }).entry ?? [];
  return entries.map((e) => e.resource?.category?.[0]?.coding?.[0]?.code ?? '?');
}

export function registerDemoRoutes(app: FastifyInstance, ctx: ReferenceContext, caller: IntrospectionCaller): void {
  const launches = new Map<string, DemoLaunch>();

  app.get('/', async (_request, reply) => html(reply, homePage(ctx)));

  app.get('/demo/launch', async (_request, reply) => {
    const now = ctx.clock();
    for (const [k, v] of launches) if (now - v.createdAt > 600 || launches.size > 1000) launches.delete(k);
    const state = randomToken();
    const verifier = randomToken(32);
    launches.set(state, { verifier, createdAt: now });
    const urls = ctx.urls();
    const url = new URL(`${urls.origin}/authorize`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: DEMO_APP_ID,
      redirect_uri: `${urls.origin}/demo/callback`,
      scope: DEMO_SCOPE,
      state,
      aud: urls.fhirBase,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    reply.header('set-cookie', `${COOKIE}=${state}; Path=/demo; HttpOnly; SameSite=Lax`);
    return reply.redirect(url.href, 303);
  });

  app.get('/demo/callback', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const state = typeof q['state'] === 'string' ? q['state'] : undefined;
    const launch = state !== undefined && state === cookieOf(request) ? launches.get(state) : undefined;
    if (state === undefined || launch === undefined) {
      return html(
        reply,
        page(
          'Demo app',
          '<main><h1>Demo app</h1><p>This callback does not belong to a launch of this browser. <a href="/">Start again</a>.</p></main>',
        ),
      );
    }
    launches.delete(state);
    if (typeof q['error'] === 'string') {
      return html(
        reply,
        page(
          'Demo app',
          `<main><h1>Demo app</h1><p class="deny">The authorization server answered <code>${escapeHtml(q['error'])}</code>.</p><p><a href="/">Back</a></p></main>`,
        ),
      );
    }
    const urls = ctx.urls();
    const token = await post(urls.tokenEndpoint, {
      grant_type: 'authorization_code',
      code: typeof q['code'] === 'string' ? q['code'] : '',
      redirect_uri: `${urls.origin}/demo/callback`,
      code_verifier: launch.verifier,
      client_id: DEMO_APP_ID,
    });
    const t = token.body as Record<string, unknown>;
    if (token.status !== 200 || typeof t['access_token'] !== 'string') {
      return html(
        reply,
        page('Demo app', `<main><h1>Demo app</h1><p class="deny">The token request failed.</p>${json(token.body)}</main>`),
      );
    }
    const accessToken = t['access_token'];
    const basic = Buffer.from(`${caller.clientId}:${caller.secret}`).toString('base64');
    const introspection = await post(`${urls.origin}/introspect`, { token: accessToken }, { authorization: `Basic ${basic}` });
    const patient = typeof t['patient'] === 'string' ? t['patient'] : '';
    const search = await get(`${urls.fhirBase}/Observation?patient=${encodeURIComponent(patient)}`, accessToken);
    const all = ctx.fhir.search('Observation', [{ name: 'patient', value: patient }]);
    const deniedRequest = await get(`${urls.fhirBase}/MedicationRequest?patient=${encodeURIComponent(patient)}`, accessToken);
    const shownResponse = {
      ...t,
      access_token: '(a signed JWT, decoded below)',
      ...(t['refresh_token'] !== undefined ? { refresh_token: '(opaque, 256 random bits; only its hash is stored)' } : {}),
      ...(t['id_token'] !== undefined ? { id_token: '(a signed JWT)' } : {}),
    };
    const body = `<main><h1>Demo app: what happened</h1>
<div class="card"><h2>1. Consent, then the token response</h2><p>Requested: <code>${escapeHtml(DEMO_SCOPE)}</code></p>${json(shownResponse)}</div>
<div class="card"><h2>2. The access token, decoded</h2>${json({ header: decodeProtectedHeader(accessToken), payload: decodeJwt(accessToken) })}</div>
<div class="card"><h2>3. Its introspection (RFC 7662, as a resource server sees it)</h2>${json(introspection.body)}</div>
<div class="card"><h2>4. A search the policy narrows</h2><p><code>GET /fhir/Observation?patient=${escapeHtml(patient)}</code> → HTTP ${search.status}: ${escapeHtml(String(categoriesOf(search.body).length))} of the patient's ${escapeHtml(String(all.length))} observations (categories: ${escapeHtml(categoriesOf(search.body).join(', '))}). The token only covers lab results and vital signs, so the server added those filters to the search.</p></div>
<div class="card"><h2 class="deny">5. A request the policy denies</h2><p><code>GET /fhir/MedicationRequest?patient=${escapeHtml(patient)}</code> → HTTP ${deniedRequest.status}</p>${json(deniedRequest.body)}</div>
<p><a class="button" href="/demo/launch">Launch again</a> <a href="/account/${escapeHtml(patient)}/connected-apps">Connected apps of this patient</a> <a href="/">Home</a></p></main>`;
    return html(reply, page('Demo app', body));
  });
}
