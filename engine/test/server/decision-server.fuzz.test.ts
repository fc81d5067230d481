/**
 * Fuzz: whatever JSON a client sends to any decision route — random shapes, mutated valid inputs
 * with a secret planted in any string — the server answers 200 or 400 in JSON, never 5xx, and
 * neither the answer of a 400 nor any log line carries the planted secret.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/runtime/index.js';
import { createDecisionServer, type DecisionServer, staticPolicySource } from '../../src/server/decision/index.js';
import { capturedLog, INPUTS, policyBundle } from './decision-fixtures.js';

const PLANT = 'PLANTED-0123456789-SECRET';
const log = capturedLog('debug');
let server: DecisionServer;

beforeAll(async () => {
  server = await createDecisionServer({
    policy: () => staticPolicySource(policyBundle()),
    logger: log.logger,
    store: createMemoryStore(),
  });
});
afterAll(async () => server.app.close());

const routes = Object.keys(INPUTS) as (keyof typeof INPUTS)[];

/** Replaces the value at a random path of a valid input by `replacement`. */
function mutate(input: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || input === null || typeof input !== 'object') return replacement;
  const entries = Array.isArray(input) ? input.map((v, i) => [i, v] as const) : Object.entries(input);
  if (entries.length === 0) return replacement;
  const [key, value] = entries[(path[0] as number) % entries.length] as readonly [string | number, unknown];
  const copy = (Array.isArray(input) ? [...input] : { ...input }) as Record<string | number, unknown>;
  copy[key] = mutate(value, path.slice(1), replacement);
  return copy;
}

const planted = fc.oneof(
  fc.constant(PLANT),
  fc.constant(`patient/${PLANT}.rs`),
  fc.constant(`Bearer ${PLANT}`),
  fc.constant([PLANT]),
  fc.constant({ [PLANT]: PLANT }),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
);

describe('the decision server under fuzzed bodies', () => {
  it('answers 200 or 400 in JSON, never 5xx, and never echoes a planted value in a 400 or a log line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc.record({ path: fc.array(fc.nat(), { maxLength: 4 }), value: planted }).map((m) => ({ kind: 'mutated' as const, ...m })),
          fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'random' as const, value })),
        ),
        async (route, body) => {
          const payload = body.kind === 'mutated' ? mutate(INPUTS[route], body.path, body.value) : body.value;
          const res = await server.app.inject({
            method: 'POST',
            url: route,
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect([200, 400]).toContain(res.statusCode);
          const json = res.json() as Record<string, unknown>;
          if (res.statusCode === 400) {
            expect(json['error']).toBe('invalid_request');
            expect(res.body).not.toContain(PLANT);
          }
        },
      ),
      { numRuns: 300, seed: 9 },
    );
    expect(log.text()).not.toContain(PLANT);
  });

  it('reminders (with a store): any query or body gets 200 JSON Lines or a 400 in JSON, never 5xx, never an echo', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(PLANT),
          fc.string({ maxLength: 20 }),
          fc.nat().map(String),
          fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
          fc.constant(`${PLANT}&at=1`),
        ),
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }),
          fc.record({ at: fc.oneof(fc.integer(), fc.double(), fc.constant(PLANT), fc.constant(null)) }),
        ),
        async (at, body) => {
          const get = await server.app.inject({ method: 'GET', url: `/v1/reminders?at=${encodeURIComponent(at)}` });
          const post = await server.app.inject({
            method: 'POST',
            url: '/v1/reminders',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(body),
          });
          for (const res of [get, post]) {
            expect([200, 400]).toContain(res.statusCode);
            expect(res.body).not.toContain(PLANT);
            if (res.statusCode === 400) expect(res.json().error).toBe('invalid_request');
            else expect(res.headers['content-type']).toMatch(/^application\/jsonl/);
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });
});
