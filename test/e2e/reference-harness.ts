/**
 * Starts the reference SMART server for end-to-end tests (a real socket on 127.0.0.1) and drives
 * its pages over HTTP the way a browser would: the user picker, then the consent form.
 */
import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import type { Clock, Store } from '../../engine/src/runtime/index.js';
import { createMemoryStore } from '../../engine/src/runtime/index.js';
import type { PolicyBundle } from '../../engine/src/compile/bundle-types.js';
import { compilePolicySet } from '../../engine/src/compile/compile-policy-set.js';
import { loadPolicySetWithHost } from '../../engine/src/language/policy-set.js';
import { compileDemoPolicy, DEMO_POLICY_PATH, DEMO_POLICY_TEXT } from '../../engine/src/server/reference/demo-policy.js';
import type { RegisteredClient } from '../../engine/src/server/reference/reference-types.js';
import { type RunningReferenceServer, startReferenceServer } from '../../engine/src/server/reference/start-reference-server.js';

export const TEST_APP = 'e2e-public-app';
export const TEST_REDIRECT = 'http://127.0.0.1:1/callback';
export const RESOURCE_SERVER = { clientId: 'e2e-resource-server', secret: 'e2e-resource-server-secret-0123456789' };

export interface HarnessOptions {
  /** The policy (default: the embedded demo policy). */
  readonly bundle?: PolicyBundle;
  readonly store?: Store;
  readonly backendJwks?: Readonly<Record<string, JSONWebKeySet>>;
  readonly extraClients?: readonly RegisteredClient[];
  readonly clock?: Clock;
  readonly dpopNonces?: boolean;
  readonly logger?: Logger;
}

export async function startHarness(options: HarnessOptions = {}): Promise<RunningReferenceServer> {
  const backends: RegisteredClient[] = Object.entries(options.backendJwks ?? {}).map(([clientId, jwks]) => ({
    clientId,
    type: 'confidential-asymmetric',
    authMethod: 'private_key_jwt',
    redirectUris: [],
    jwks,
  }));
  return startReferenceServer({
    bundle: options.bundle ?? compileDemoPolicy(),
    store: options.store ?? createMemoryStore(),
    clients: [
      { clientId: TEST_APP, type: 'public', authMethod: 'none', redirectUris: [TEST_REDIRECT], name: 'E2E test app' },
      ...backends,
      ...(options.extraClients ?? []),
    ],
    introspectionCallers: [RESOURCE_SERVER],
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    ...(options.dpopNonces !== undefined ? { dpopNonces: options.dpopNonces } : {}),
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
}

/** The demo policy with an edit (the edit must keep it compiling). */
export function compileDemoVariant(edit: (text: string) => string): PolicyBundle {
  const text = edit(DEMO_POLICY_TEXT);
  if (text === DEMO_POLICY_TEXT) throw new Error('the edit changed nothing');
  const set = loadPolicySetWithHost(DEMO_POLICY_PATH, { readFile: (p) => (p === DEMO_POLICY_PATH ? text : undefined) }, undefined);
  const result = compilePolicySet({ files: set.files.map((f) => f.ast), diagnostics: set.diagnostics });
  if (result.bundle === null) throw new Error(`the demo variant does not compile: ${result.diagnostics[0]?.message ?? ''}`);
  return result.bundle;
}

function hidden(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (m === null) throw new Error(`no hidden field ${name} on the page`);
  return m[1] as string;
}

function cookie(res: Response, name = 'sp_authz'): string {
  const c = res.headers.getSetCookie().find((v) => v.startsWith(`${name}=`));
  if (c === undefined) throw new Error(`no ${name} cookie set`);
  return c.split(';')[0] as string;
}

export interface ConsentOptions {
  readonly user?: string;
  readonly decision?: 'allow' | 'deny';
  readonly acceptLanguage?: string;
  /** Group ids to leave unticked. */
  readonly untick?: readonly string[];
  /** The browser's sign-in session cookie (`sp_session=…`), when it is already signed in. */
  readonly session?: string;
}

export interface ConsentOutcome {
  /** The redirect back to the app. */
  readonly redirect: URL;
  /** The sign-in session cookie the browser holds afterwards (`sp_session=…`), if any. */
  readonly session?: string;
}

/** Follows an authorization URL through the user picker and the consent form; returns the redirect back to the app. */
export async function authorizeThroughConsent(authorizationUrl: URL, options: ConsentOptions = {}): Promise<URL> {
  return (await consentFlow(authorizationUrl, options)).redirect;
}

/** As `authorizeThroughConsent`, also saying which sign-in session the browser ends up in. */
export async function consentFlow(authorizationUrl: URL, options: ConsentOptions = {}): Promise<ConsentOutcome> {
  const lang = { 'accept-language': options.acceptLanguage ?? 'en' };
  const start = await fetch(authorizationUrl, { redirect: 'manual', headers: lang });
  if (start.status !== 200) {
    const location = start.headers.get('location');
    if (location !== null) return { redirect: new URL(location) };
    throw new Error(`authorize answered ${start.status}`);
  }
  const authz = cookie(start);
  let session = options.session;
  const jar = () => (session === undefined ? authz : `${authz}; ${session}`);
  const tx = hidden(await start.text(), 'tx');
  const origin = authorizationUrl.origin;
  const form = (fields: [string, string][]) => new URLSearchParams(fields);
  const picked = await fetch(`${origin}/authorize/user`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...lang, cookie: jar(), 'content-type': 'application/x-www-form-urlencoded' },
    body: form([
      ['tx', tx],
      ['user', options.user ?? 'ana'],
    ]),
  });
  if (picked.headers.getSetCookie().some((c) => c.startsWith('sp_session='))) session = cookie(picked, 'sp_session');
  if (picked.status !== 200) {
    const location = picked.headers.get('location');
    if (location !== null) return { redirect: new URL(location), ...(session !== undefined ? { session } : {}) };
    throw new Error(`the user picker answered ${picked.status}`);
  }
  const consent = await picked.text();
  const groups = [...consent.matchAll(/name="group" value="([^"]*)"( checked)?/g)]
    .filter((m) => m[2] !== undefined && !(options.untick ?? []).includes(m[1] as string))
    .map((m): [string, string] => ['group', (m[1] as string).replace(/&#39;/g, "'").replace(/&amp;/g, '&')]);
  const done = await fetch(`${origin}/authorize/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...lang, cookie: jar(), 'content-type': 'application/x-www-form-urlencoded' },
    body: form([['tx', hidden(consent, 'tx')], ...groups, ['decision', options.decision ?? 'allow']]),
  });
  const location = done.headers.get('location');
  if (done.status !== 303 || location === null) throw new Error(`the consent form answered ${done.status}`);
  return { redirect: new URL(location), ...(session !== undefined ? { session } : {}) };
}
