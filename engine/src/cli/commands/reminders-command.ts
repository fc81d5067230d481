import { parseArgs } from 'node:util';
import { dueReminders, recordReminders } from '../../runtime/index.js';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { loadPolicyBundle } from './load-policy-bundle.js';
import { singlePolicyArgument } from './single-policy-argument.js';
import { openStoreFlag } from './store-flag.js';
import { readVerifyKey } from './verify-key-flag.js';

/**
 * `smart-policy reminders <policy> --store S [--at T] [--record]`: the offline-access reminders
 * due at time T (default now), one JSON line per user listing the apps that keep offline access;
 * `--record` marks them sent (they then count against the policy's cap).
 */
export async function remindersCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      namespace: { type: 'string' },
      at: { type: 'string' },
      record: { type: 'boolean' },
      'verify-key': { type: 'string' },
    },
  });
  const entry = singlePolicyArgument(positionals, 'reminders', 'source-or-bundle');
  if (values.store === undefined) throw new CliError('reminders needs --store (sqlite:FILE, redis://…, postgres://… or memory)');
  const at = parseTime(values.at);
  const bundle = await loadPolicyBundle(io, entry, { verifyKey: await readVerifyKey(io, values['verify-key']) });
  const store = await openStoreFlag(io, values.store, values.namespace);
  try {
    const batches = await dueReminders(store, at, { bundle });
    for (const batch of batches) io.out(JSON.stringify(batch));
    if (values.record) await recordReminders(store, batches);
  } finally {
    await store.close();
  }
  return EXIT.ok;
}

/** `--at`: epoch seconds or an ISO 8601 date-time; default now. */
function parseTime(text: string | undefined): number {
  if (text === undefined) return Math.floor(Date.now() / 1000);
  if (/^[0-9]{1,12}$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) throw new CliError('--at must be epoch seconds or an ISO 8601 date-time');
  return Math.floor(ms / 1000);
}
