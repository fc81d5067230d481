/**
 * Model-based property: any sequence of presentations — the live token, an older one, or an
 * unknown one, at any pace — gives the outcome a plain model predicts, on the memory and SQLite
 * stores (Redis and PostgreSQL share the contract suite and its race); a family never has more
 * than one live token, and none once revoked.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, openSqliteStore, type RotateOutcome, type Store } from '../../../src/runtime/index.js';
import { family } from './store-contract.js';

const NOW = 1_800_000_000;
const hash = () => randomBytes(32).toString('hex');
type Step = { readonly pick: 'live' | 'old' | 'unknown'; readonly index: number; readonly wait: number };

const step = fc.record({
  pick: fc.constantFrom('live', 'live', 'old', 'unknown'),
  index: fc.nat(),
  wait: fc.integer({ min: 0, max: 8 }),
}) as fc.Arbitrary<Step>;

async function check(store: Store, grace: number, steps: readonly Step[]): Promise<void> {
  const f = family({ graceSeconds: grace, expiresAt: null, idleSeconds: null });
  const chain = [{ hash: hash(), rotatedAt: null as number | null }];
  await store.createFamily(f, chain[0]?.hash as string);
  let now = NOW;
  let revoked = false;
  for (const s of steps) {
    now += s.wait;
    const live = chain[chain.length - 1] as { hash: string; rotatedAt: number | null };
    const old = chain.length > 1 ? chain[s.index % (chain.length - 1)] : undefined;
    const presented = s.pick === 'live' ? live : s.pick === 'old' && old !== undefined ? old : { hash: hash(), rotatedAt: null };
    const known = chain.includes(presented);
    let expected: RotateOutcome['kind'];
    if (!known) expected = 'unknown';
    else if (revoked) expected = 'revoked';
    else if (presented.rotatedAt === null) expected = 'rotated';
    else if (grace > 0 && now - presented.rotatedAt <= grace) expected = 'retry-in-grace';
    else expected = 'reuse-revoked';
    const successor = hash();
    const outcome = await store.rotate({ familyId: f.id, presentedHash: presented.hash, successorHash: successor, now });
    expect(outcome.kind).toBe(expected);
    if (expected === 'rotated') {
      presented.rotatedAt = now;
      chain.push({ hash: successor, rotatedAt: null });
    }
    if (expected === 'reuse-revoked') revoked = true;
    expect(await store.liveTokenCount(f.id)).toBe(revoked ? 0 : 1);
  }
}

describe('rotation outcomes follow the model', () => {
  const stores: [string, () => Promise<Store>][] = [
    ['memory', async () => createMemoryStore()],
    ['sqlite', async () => openSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'sp-prop-')), 'store.db') })],
  ];
  for (const [name, open] of stores) {
    it(name, async () => {
      const store = await open();
      try {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(0, 5), fc.array(step, { minLength: 1, maxLength: 15 }), (grace, steps) =>
            check(store, grace, steps),
          ),
          { numRuns: 60 },
        );
      } finally {
        await store.close();
      }
    });
  }
});
