/**
 * `npm start`: the reference SMART server on the embedded demo policy (or a policy file given as
 * the first argument), on the SQLite store by default. Prints its URL.
 *
 *   node engine/dist/server/reference/main.js [policy.smartpolicy] [--port 8080] [--host 127.0.0.1]
 *        [--store memory|sqlite:FILE|redis://…|postgres://…] [--keys FILE] [--log-level info|warn|silent]
 *
 * With a persistent store the signing key is kept in a file too (default
 * .smart-policy/reference-server-key.json, made on first start, mode 0600), so tokens stay valid
 * across restarts like the grants in the store; with the memory store it is made for the process.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import type { PolicyBundle } from '../../compile/bundle-types.js';
import { compilePolicyFile } from '../../node/compile-policy-file.js';
import { openStore } from '../../runtime/index.js';
import { compileDemoPolicy } from './demo-policy.js';
import { loadOrCreateServerKeys } from './server-keys.js';
import { startReferenceServer } from './start-reference-server.js';

const DEFAULT_STORE = 'sqlite:.smart-policy/reference-server.sqlite';
const DEFAULT_KEY_FILE = '.smart-policy/reference-server-key.json';

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function policyOf(path: string | undefined): PolicyBundle {
  if (path === undefined) return compileDemoPolicy();
  const result = compilePolicyFile(path);
  if (result.bundle === null) {
    for (const d of result.diagnostics)
      process.stderr.write(`${d.uri ?? path}:${d.range.start.line}:${d.range.start.column}: ${d.code} ${d.message}\n`);
    process.exit(1);
  }
  return result.bundle;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const positional = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1]?.startsWith('--') ?? false));
  const bundle = policyOf(positional[0]);
  const storeUrl = option(args, '--store') ?? DEFAULT_STORE;
  if (storeUrl.startsWith('sqlite:')) mkdirSync(dirname(storeUrl.slice('sqlite:'.length)), { recursive: true });
  const store = await openStore(storeUrl);
  const keyFile = option(args, '--keys') ?? (storeUrl === 'memory' ? undefined : DEFAULT_KEY_FILE);
  if (keyFile !== undefined) mkdirSync(dirname(keyFile), { recursive: true });
  const keys = keyFile === undefined ? undefined : await loadOrCreateServerKeys(keyFile);
  const port = Number(option(args, '--port') ?? process.env['PORT'] ?? 8080);
  const logger = pino({ level: option(args, '--log-level') ?? 'info', base: { service: 'smart-policy-reference' } }, pino.destination(2));
  const running = await startReferenceServer({
    bundle,
    store,
    port,
    host: option(args, '--host') ?? '127.0.0.1',
    logger,
    ...(keys !== undefined ? { keys } : {}),
  });
  process.stdout.write(
    `smart-policy reference SMART server: ${running.url}/  (policy "${bundle.policy.name}", store ${storeUrl.split(':')[0]})\n`,
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`smart-policy reference server could not start: ${e instanceof Error ? e.message : 'unknown error'}\n`);
  process.exit(1);
});
