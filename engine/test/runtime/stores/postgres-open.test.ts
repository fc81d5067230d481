/**
 * Opening a PostgreSQL store beside processes already using it: no DDL (so no table lock) when the
 * schema is complete — a process starting while another rotated tokens once deadlocked with it —
 * and statements PostgreSQL rolls back whole (deadlock, serialization failure) are run again.
 * Runs against this machine's PostgreSQL; fails, never skips, when it is missing.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/runtime/index.js';
import { type PgResult, retrying } from '../../../src/runtime/stores/postgres-store.js';
import { POSTGRES_URL } from './service-urls.js';

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
}
const pg = createRequire(import.meta.url)('pg') as { Client: new (options: { connectionString: string }) => PgClient };

describe('opening a PostgreSQL store', () => {
  it('takes no table lock when the schema exists: it opens while another session holds every table exclusively', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const first = await openPostgresStore({ connectionString: POSTGRES_URL, schema, maxConnections: 2 });
    const holder = new pg.Client({ connectionString: POSTGRES_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        `LOCK TABLE ${schema}.families, ${schema}.tokens, ${schema}.once_keys, ${schema}.reminders, ${schema}.instances IN ACCESS EXCLUSIVE MODE`,
      );
      const second = await Promise.race([
        openPostgresStore({ connectionString: POSTGRES_URL, schema, maxConnections: 2 }),
        new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5000)),
      ]);
      expect(second, 'opening waited for a table lock: it ran DDL on an existing schema').not.toBe('blocked');
      if (second !== 'blocked') await second.close();
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
      await first.close();
    }
  });

  it('creates a missing schema even when several processes open it at once', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresStore({ connectionString: POSTGRES_URL, schema, maxConnections: 1 })),
    );
    for (const store of stores) expect(await store.getFamily('none')).toBeNull();
    await Promise.all(stores.map((store) => store.close()));
  });
});

describe('statements PostgreSQL rolled back whole', () => {
  const ok: PgResult = { rows: [{ n: 1 }], rowCount: 1 };
  const failing = (codes: (string | undefined)[]) => {
    let calls = 0;
    return {
      calls: () => calls,
      query: async (): Promise<PgResult> => {
        const code = codes[calls];
        calls += 1;
        if (calls <= codes.length) throw Object.assign(new Error('pg error'), code === undefined ? {} : { code });
        return ok;
      },
    };
  };

  it('are run again after a deadlock or a serialization failure', async () => {
    const pool = failing(['40P01', '40001']);
    expect(await retrying(pool, 'SELECT 1', [])).toBe(ok);
    expect(pool.calls()).toBe(3);
  });

  it('give up after four attempts, and never retry other errors', async () => {
    const always = failing(['40P01', '40P01', '40P01', '40P01']);
    await expect(retrying(always, 'SELECT 1', [])).rejects.toThrow('pg error');
    expect(always.calls()).toBe(4);
    for (const code of ['23505', '42P01', undefined]) {
      const other = failing([code]);
      await expect(retrying(other, 'SELECT 1', [])).rejects.toThrow('pg error');
      expect(other.calls()).toBe(1);
    }
  });
});
