/**
 * Offline-access reminders over HTTP, for `serve --store`: `GET /v1/reminders?at=T` answers the
 * batches due at T (epoch seconds, default now) as JSON Lines, exactly the lines
 * `smart-policy reminders` prints; `POST /v1/reminders` with `{"at": T}` (or `{}`) answers the
 * same and marks them sent, as `reminders --record` does, so they count against the policy's cap
 * and are not due again at once. The policy in force gives each app's cadence and cap.
 *
 * The lines name users and apps: like the decision routes, these are for the services beside the
 * server (it binds 127.0.0.1 unless told otherwise), not for the public.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { dueReminders, recordReminders, type ReminderBatch, type Store } from '../../runtime/index.js';
import { oauthError } from '../oauth-error.js';
import type { PolicySource } from './loaded-policy.js';

/** How far ahead `at` may be: a mailer plans days ahead, not decades. */
const MAX_HORIZON_SECONDS = 10 * 365 * 24 * 3600;

export interface ReminderRoutesOptions {
  readonly store: Store;
  readonly source: PolicySource;
  /** Epoch seconds now. */
  readonly clock: () => number;
}

function jsonLines(reply: FastifyReply, batches: readonly ReminderBatch[]): FastifyReply {
  return reply
    .code(200)
    .type('application/jsonl; charset=utf-8')
    .send(batches.map((b) => `${JSON.stringify(b)}\n`).join(''));
}

/** `at` as given (a string of digits in the query, an integer in a body), checked; a message when it is wrong. */
function atOf(value: unknown, now: number): { readonly at: number } | { readonly problem: string; readonly pointer: string } {
  if (value === undefined) return { at: now };
  const at = typeof value === 'string' && /^[0-9]{1,12}$/.test(value) ? Number(value) : value;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) return { problem: 'at must be epoch seconds', pointer: '/at' };
  if (at > now + MAX_HORIZON_SECONDS) return { problem: 'at is too far in the future', pointer: '/at' };
  return { at };
}

export function registerReminderRoutes(app: FastifyInstance, { store, source, clock }: ReminderRoutesOptions): void {
  app.get('/v1/reminders', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const checked = atOf(Object.hasOwn(query, 'at') ? query['at'] : undefined, clock());
    if ('problem' in checked) return reply.code(400).send(oauthError('invalid_request', `$.at: ${checked.problem}`, checked.pointer));
    return jsonLines(reply, await dueReminders(store, checked.at, { bundle: source.current().evaluator.bundle }));
  });

  app.post('/v1/reminders', async (request, reply) => {
    const body = request.body ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return reply.code(400).send(oauthError('invalid_request', '$: must be an object', ''));
    // The unknown member's name is input: it is not echoed.
    if (Object.keys(body).some((key) => key !== 'at'))
      return reply.code(400).send(oauthError('invalid_request', '$: only "at" is allowed', ''));
    const checked = atOf((body as { at?: unknown }).at, clock());
    if ('problem' in checked) return reply.code(400).send(oauthError('invalid_request', `$.at: ${checked.problem}`, checked.pointer));
    const batches = await dueReminders(store, checked.at, { bundle: source.current().evaluator.bundle });
    await recordReminders(store, batches);
    return jsonLines(reply, batches);
  });
}
