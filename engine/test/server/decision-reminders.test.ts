/**
 * `serve --store`: the decision server answers the offline-access reminders due in its store,
 * exactly the batches the runtime (and `smart-policy reminders`) computes; POST records them, so
 * they are not due again until the policy says; bad `at` values get 400 with a pointer, no echo.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore, dueReminders } from '../../src/runtime/index.js';
import { createDecisionServer, staticPolicySource } from '../../src/server/index.js';
import { compileDemoPolicy } from '../../src/server/reference/demo-policy.js';
import { startOfflineGrants } from './decision-fixtures.js';

const DAY = 24 * 3600;

async function setup() {
  const bundle = compileDemoPolicy();
  const store = createMemoryStore();
  const now = 1_900_000_000;
  await startOfflineGrants(store, bundle, ['ana', 'john', 'ana'], now);
  const server = await createDecisionServer({ policy: () => staticPolicySource(bundle), store, clock: () => now });
  return { server, store, bundle, now: () => now };
}

const lines = (body: string) =>
  body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { userId: string; apps: unknown[] });

describe('reminders on the decision server (serve --store)', () => {
  it('answers the batches the runtime computes, as JSON Lines; POST records them and they stop being due', async () => {
    const { server, store, bundle, now } = await setup();
    const early = await server.app.inject({ method: 'GET', url: `/v1/reminders?at=${now() + DAY}` });
    expect(early.statusCode).toBe(200);
    expect(early.body).toBe('');
    const at = now() + 15 * DAY;
    const due = await server.app.inject({ method: 'GET', url: `/v1/reminders?at=${at}` });
    expect(due.headers['content-type']).toMatch(/^application\/jsonl/);
    const expected = await dueReminders(store, at, { bundle });
    expect(due.body).toBe(expected.map((b) => `${JSON.stringify(b)}\n`).join(''));
    expect(lines(due.body).map((b) => [b.userId, b.apps.length])).toEqual([
      ['ana', 2],
      ['john', 1],
    ]);
    // GET changes nothing; POST records.
    expect((await server.app.inject({ method: 'GET', url: `/v1/reminders?at=${at}` })).body).toBe(due.body);
    const recorded = await server.app.inject({ method: 'POST', url: '/v1/reminders', payload: { at } });
    expect(recorded.body).toBe(due.body);
    expect((await server.app.inject({ method: 'GET', url: `/v1/reminders?at=${at + 60}` })).body).toBe('');
    await server.app.close();
  });

  it('refuses a bad at with 400 and a pointer, never echoing it', async () => {
    const { server, now } = await setup();
    const SECRET = 'x-secret-value';
    for (const url of [`/v1/reminders?at=${SECRET}`, '/v1/reminders?at=-5', `/v1/reminders?at=${now() + 20 * 365 * DAY}`]) {
      const res = await server.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', pointer: '/at' });
      expect(res.body).not.toContain(SECRET);
    }
    for (const payload of [{ at: 'soon' }, { at: 1.5 }, { [SECRET]: 1 }, [1]]) {
      const res = await server.app.inject({ method: 'POST', url: '/v1/reminders', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('invalid_request');
      expect(res.body).not.toContain(SECRET);
    }
    await server.app.close();
  });

  it('is not offered without a store', async () => {
    const bundle = compileDemoPolicy();
    const server = await createDecisionServer({ policy: () => staticPolicySource(bundle) });
    expect((await server.app.inject({ method: 'GET', url: '/v1/reminders' })).statusCode).toBe(404);
    await server.app.close();
  });
});
