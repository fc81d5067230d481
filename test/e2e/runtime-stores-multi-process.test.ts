/**
 * More than one machine: separate server processes sharing one Redis or PostgreSQL store pass the
 * same race, and SIGKILL of one process in the middle of a load of refreshes loses no family and
 * leaves no family with two live tokens. The workers run the built engine (`npm test` builds
 * first). Fails, never skips, when Redis or PostgreSQL is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../engine/src/runtime/index.js';
import { POSTGRES_URL, REDIS_URL } from '../../engine/test/runtime/stores/service-urls.js';
import { family } from '../../engine/test/runtime/stores/store-contract.js';

const WORKER = fileURLToPath(new URL('./runtime-rotation-worker.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../engine/dist/runtime/index.js', import.meta.url));
const NOW = 1_800_000_000;
const hash = () => randomBytes(32).toString('hex');

function worker(
  location: string,
  namespace: string,
  mode: string,
  task: unknown,
): { child: ChildProcess; lines: string[]; done: Promise<number | null> } {
  const child = spawn(process.execPath, [WORKER, location, namespace, mode, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) lines.push(line);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      if (code !== 0 && code !== null && stderr !== '') lines.push(`stderr: ${stderr}`);
      resolve(code);
    });
  });
  return { child, lines, done };
}

const SHARED = [
  ['redis', REDIS_URL, () => `mp-${randomBytes(5).toString('hex')}`],
  ['postgres', POSTGRES_URL, () => `mp_${randomBytes(5).toString('hex')}`],
] as const;

describe.each(SHARED)('two processes sharing one %s store', (_name, location, newNamespace) => {
  it('the built engine exists (npm test builds it first)', () => {
    expect(existsSync(BUILT)).toBe(true);
  });

  for (const grace of [10, 0]) {
    it(`race across processes, grace ${grace}: ${grace > 0 ? 'exactly one success' : 'the family ends revoked'}, never two live successors`, async () => {
      const namespace = newNamespace();
      const store: Store = await openStore(location, { namespace });
      try {
        const f = family({ graceSeconds: grace });
        const t0 = hash();
        await store.createFamily(f, t0);
        const task = { familyId: f.id, presentedHash: t0, count: 25, now: NOW + 1, startAt: Date.now() + 1500 };
        const workers = [worker(location, namespace, 'race', task), worker(location, namespace, 'race', task)];
        const codes = await Promise.all(workers.map((w) => w.done));
        expect(codes, workers.flatMap((w) => w.lines).join('\n')).toEqual([0, 0]);
        const kinds = workers.flatMap((w) => JSON.parse(w.lines[0] ?? '[]') as string[]);
        expect(kinds).toHaveLength(50);
        expect(kinds.filter((k) => k === 'rotated')).toHaveLength(1);
        const live = await store.liveTokenCount(f.id);
        if (grace > 0) {
          expect(kinds.filter((k) => k !== 'rotated').every((k) => k === 'retry-in-grace')).toBe(true);
          expect(live).toBe(1);
        } else {
          expect((await store.getFamily(f.id))?.revokedAt).not.toBeNull();
          expect(live).toBe(0);
        }
      } finally {
        await store.close();
      }
    });
  }

  it('SIGKILL of one process during a refresh load loses no family and leaves none with two live tokens', async () => {
    const namespace = newNamespace();
    const store: Store = await openStore(location, { namespace });
    try {
      const families = Array.from({ length: 40 }, () => ({ record: family({ expiresAt: null, idleSeconds: null }), hash: hash() }));
      for (const f of families) await store.createFamily(f.record, f.hash);
      const half = (i: number) => families.filter((_, j) => j % 2 === i).map((f) => ({ id: f.record.id, hash: f.hash }));
      const victim = worker(location, namespace, 'load', { families: half(0), rounds: 1000, now: NOW + 1 });
      const survivor = worker(location, namespace, 'load', { families: half(1), rounds: 25, now: NOW + 1 });
      // Kill the victim once it is well into its load.
      for (let i = 0; i < 400 && victim.lines.length < 200; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(victim.lines.length, victim.lines.slice(-3).join('\n')).toBeGreaterThanOrEqual(200);
      victim.child.kill('SIGKILL');
      expect(await victim.done).toBeNull();
      expect(await survivor.done, survivor.lines.slice(-3).join('\n')).toBe(0);
      for (const f of families) {
        const stored = await store.getFamily(f.record.id);
        expect(stored, 'a family was lost').not.toBeNull();
        expect(stored?.revokedAt).toBeNull();
        expect(await store.liveTokenCount(f.record.id)).toBe(1);
      }
      // The survivor's last successors are the live tokens of its families.
      const last = new Map<string, string>();
      for (const line of survivor.lines.slice(1)) {
        const { familyId, hash: h } = JSON.parse(line) as { familyId: string; hash: string };
        last.set(familyId, h);
      }
      for (const [familyId, h] of last) expect(await store.tokenState(familyId, h)).toBe('live');
    } finally {
      await store.close();
    }
  });
});
