// Token endpoint of the reference SMART server, in process (Fastify inject, no socket) on the
// SQLite store (a temporary file, WAL), bounded in time:
//   exchanges   authorization-code exchanges/s (PKCE check, code claimed once in the store,
//               decideToken, a new refresh-token family, an ES256 access token)
//   refreshes   refresh-token rotations/s (family rotated in one IMMEDIATE transaction, decideRefresh,
//               an ES256 access token)
//   baselines   in the same run: a bare inject of a constant route on the same app (HTTP plumbing
//               floor) and a bare ES256 JWT signature (the crypto each response needs at least)
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SignJWT, generateKeyPair } from 'jose';

const here = dirname(fileURLToPath(import.meta.url));
const dist = (p) => import(pathToFileURL(join(here, '../../engine/dist', p)).href);
const { openStore } = await dist('runtime/index.js');
const { createReferenceServer } = await dist('server/reference/create-reference-server.js');
const { compileDemoPolicy } = await dist('server/reference/demo-policy.js');

const SECONDS = 1.5;
const CLIENT = 'bench-app';
const REDIRECT = 'http://127.0.0.1:1/cb';

async function rate(label, fn) {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(SECONDS * 1e9);
  while (process.hrtime.bigint() < end) {
    await fn();
    n++;
  }
  const perSecond = n / (Number(process.hrtime.bigint() - start) / 1e9);
  console.log(`  ${label.padEnd(44)} ${perSecond.toFixed(0).padStart(7)} /s`);
  return perSecond;
}

function form(fields) {
  return new URLSearchParams(fields).toString();
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'token-endpoint-bench-'));
  const store = await openStore(`sqlite:${join(dir, 'bench.sqlite')}`);
  const server = await createReferenceServer({
    bundle: compileDemoPolicy(),
    store,
    origin: 'http://127.0.0.1:8080',
    clients: [{ clientId: CLIENT, type: 'public', authMethod: 'none', redirectUris: [REDIRECT] }],
  });
  server.app.get('/bench/constant', async () => ({ ok: true }));
  await server.app.ready();
  const { app, context } = server;
  try {
    const bare = await rate('bare inject (constant route)', async () => {
      await app.inject({ method: 'GET', url: '/bench/constant' });
    });
    const { privateKey } = await generateKeyPair('ES256');
    const sign = await rate('bare ES256 JWT signature', async () => {
      await new SignJWT({ scope: 'patient/Patient.rs' }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    });

    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const newCode = () =>
      context.authorizations.issueCode({
        clientId: CLIENT,
        redirectUri: REDIRECT,
        codeChallenge: challenge,
        userId: 'ana',
        approvedScope: 'launch/patient patient/Patient.rs patient/Observation.rs offline_access',
        context: { patient: 'ana', encounter: 'ana-enc-2' },
        expiresAt: context.clock() + 600,
      });
    let lastRefresh = '';
    const exchanges = await rate('authorization-code exchanges (SQLite)', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({
          grant_type: 'authorization_code',
          code: newCode(),
          redirect_uri: REDIRECT,
          client_id: CLIENT,
          code_verifier: verifier,
        }),
      });
      if (res.statusCode !== 200) throw new Error(`exchange failed: ${res.statusCode}`);
      lastRefresh = res.json().refresh_token;
    });
    const refreshes = await rate('refresh rotations (SQLite)', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form({ grant_type: 'refresh_token', refresh_token: lastRefresh }),
      });
      if (res.statusCode !== 200) throw new Error(`refresh failed: ${res.statusCode}`);
      lastRefresh = res.json().refresh_token;
    });
    console.log(`  exchange / bare inject      ${(exchanges / bare).toFixed(3)}`);
    console.log(`  exchange / ES256 signature  ${(exchanges / sign).toFixed(3)}`);
    console.log(`  refresh / bare inject       ${(refreshes / bare).toFixed(3)}`);
    console.log(`  refresh / ES256 signature   ${(refreshes / sign).toFixed(3)}`);
  } finally {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
