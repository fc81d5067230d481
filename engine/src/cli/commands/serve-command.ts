import { parseArgs } from 'node:util';
import pino, { type Level } from 'pino';
import type { BundleKey } from '../../compile/index.js';
import { staticPolicySource, startFilePolicySource, startUrlPolicySource } from '../../server/decision/index.js';
import { createDecisionServer } from '../../server/decision/create-decision-server.js';
import type { PolicySource, PolicySourceListener } from '../../server/decision/loaded-policy.js';
import { PolicyLoadError } from '../../server/decision/loaded-policy.js';
import { createBatchedLogDestination } from '../../server/batched-log-destination.js';
import { describeStoreSpec, parseStoreSpec, type StoreSpec } from '../../server/store-spec.js';
import { CliError } from '../cli-error.js';
import { maxInputBytes, type CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { singlePolicyEntry } from './policy-entries.js';
import { singlePolicyArgument } from './single-policy-argument.js';
import { openStoreFlag } from './store-flag.js';
import { readVerifyKey } from './verify-key-flag.js';

const LOG_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function wholeNumber(text: string | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,10}$/.test(text) || Number(text) < min || Number(text) > max)
    throw new CliError(`${flag} must be a whole number from ${min} to ${max}`);
  return Number(text);
}

function isUrl(policy: string): boolean {
  return /^https?:\/\//i.test(policy);
}

/**
 * `smart-policy serve <policy> [--port N] [--host H] [--store S]`: the decision server. The policy
 * is a `.smartpolicy` entry file or folder (recompiled on change), a compiled bundle `.json`, or
 * an `http(s)://` URL serving a compiled bundle (polled with ETag). With `--store`, the
 * offline-access reminders due in that store too (`GET`/`POST /v1/reminders`). Runs until SIGINT
 * or SIGTERM.
 */
export async function serveCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      store: { type: 'string' },
      'log-level': { type: 'string' },
      'poll-interval': { type: 'string' },
      'body-limit': { type: 'string' },
      'verify-key': { type: 'string' },
    },
  });
  const policyArg = singlePolicyArgument(positionals, 'serve', 'source-or-bundle');
  const port = wholeNumber(values.port, '--port', 0, 65535, 8080);
  const host = values.host ?? '127.0.0.1';
  const pollMs = wholeNumber(values['poll-interval'], '--poll-interval', 100, 86_400_000, 5000);
  const bodyLimit = wholeNumber(values['body-limit'], '--body-limit', 1024, 64 * 1024 * 1024, 1024 * 1024);
  const level = values['log-level'] ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  let storeSpec: StoreSpec = { kind: 'memory' };
  if (values.store !== undefined) {
    const parsed = parseStoreSpec(values.store);
    if (!parsed.ok) throw new CliError(parsed.message);
    storeSpec = parsed.spec;
  }
  const verifyKey = await readVerifyKey(io, values['verify-key']);
  // Lines batched in memory and written to standard output about 16 kB at a time, and at least
  // once a second: a write per decision would cost about as much as the decision (measured).
  const logDestination = createBatchedLogDestination({ dest: 1 });
  const logger = pino({ level: level as Level | 'silent', base: { service: 'smart-policy-serve' } }, logDestination);
  const startSource = await sourceStarter(io, policyArg, verifyKey, pollMs);

  // With --store, the server also answers the offline-access reminders due in it.
  const store = values.store === undefined ? undefined : await openStoreFlag(io, values.store);
  let server: Awaited<ReturnType<typeof createDecisionServer>>;
  try {
    server = await createDecisionServer({ policy: startSource, logger, bodyLimit, ...(store !== undefined ? { store } : {}) });
  } catch (error) {
    await store?.close();
    if (error instanceof PolicyLoadError) throw new CliError(error.message);
    throw error;
  }
  const address = await server.app.listen({ port, host });
  io.err(`smart-policy serve: listening on ${address} (policy ${server.source.current().hash}, store ${describeStoreSpec(storeSpec)})`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.app
        .close()
        .then(() => store?.close())
        .then(() => logDestination.close())
        .then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT.ok;
}

async function sourceStarter(
  io: CliIo,
  policy: string,
  verifyKey: BundleKey | undefined,
  pollMs: number,
): Promise<(listener: PolicySourceListener) => PolicySource | Promise<PolicySource>> {
  if (isUrl(policy)) {
    return (listener) =>
      startUrlPolicySource(policy, listener, {
        intervalMs: pollMs,
        maxBytes: maxInputBytes(io),
        ...(verifyKey !== undefined ? { verifyKey } : {}),
      });
  }
  if (policy.endsWith('.json')) {
    const bundle = await loadPolicyBundle(io, policy, { verifyKey });
    return (listener) => {
      const source = staticPolicySource(bundle);
      listener.loaded(source.current(), true);
      return source;
    };
  }
  const entry = singlePolicyEntry(io, policy);
  return (listener) => startFilePolicySource(entry, listener, { maxBytes: maxInputBytes(io) });
}
