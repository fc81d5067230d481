/**
 * The PostgreSQL store (pg). A rotation is one statement: a conditional `UPDATE … WHERE
 * rotated_at IS NULL` on the presented token (row lock: concurrent presentations queue and
 * re-check), chained in CTEs into the successor's `INSERT` and the family's update. Only when it
 * changes nothing does a second query classify the refusal (reuse, grace, revoked, expired).
 */
import { decodeFamily, encodeFamily, type FamilyRow, filterColumns } from './family-codec.js';
import { commonJsExport, loadOptionalPeer } from './load-optional-peer.js';
import { familyExpired, reuseOutcome } from './rotation-rules.js';
import type { ClientInstanceRecord, RotateOutcome, Store } from './store-types.js';

export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}
interface PgPool {
  query(text: string, params?: unknown[]): Promise<PgResult>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
type PgModule = { Pool: new (options: { connectionString: string; max?: number }) => PgPool };

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** Schema holding the tables (created when missing); one per deployment or test. */
  readonly schema?: string;
  readonly maxConnections?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const FAMILY_COLUMNS = 'doc, last_used_at, revoked_at, revoked_reason, last_reminded_at, generation';

function schemaSql(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.families (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, session_id TEXT, client_id TEXT NOT NULL, doc TEXT NOT NULL,
  expires_at BIGINT, idle_seconds BIGINT,
  last_used_at BIGINT NOT NULL, revoked_at BIGINT, revoked_reason TEXT, last_reminded_at BIGINT,
  generation INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS families_user ON ${s}.families(user_id);
CREATE INDEX IF NOT EXISTS families_session ON ${s}.families(session_id);
CREATE TABLE IF NOT EXISTS ${s}.tokens (hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, rotated_at BIGINT);
CREATE INDEX IF NOT EXISTS tokens_family ON ${s}.tokens(family_id);
CREATE TABLE IF NOT EXISTS ${s}.once_keys (ns TEXT NOT NULL, key TEXT NOT NULL, expires_at BIGINT, PRIMARY KEY (ns, key));
CREATE TABLE IF NOT EXISTS ${s}.reminders (user_id TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS reminders_user ON ${s}.reminders(user_id, at);
CREATE TABLE IF NOT EXISTS ${s}.instances (client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, doc TEXT NOT NULL, revoked_at BIGINT);
CREATE INDEX IF NOT EXISTS instances_user ON ${s}.instances(user_id);`;
}

/** The tables and indexes `schemaSql` makes: when all exist, opening a store runs no DDL. */
const SCHEMA_OBJECTS = [
  'families',
  'families_user',
  'families_session',
  'tokens',
  'tokens_family',
  'once_keys',
  'reminders',
  'reminders_user',
  'instances',
  'instances_user',
];

/**
 * Creates what is missing of the schema. DDL takes table locks (CREATE INDEX IF NOT EXISTS takes a
 * share lock even when the index exists), and a process starting while another rotates tokens
 * deadlocked with it (seen in the multi-process test). So the catalog is read first, which locks
 * no table, and DDL runs only when something is missing, under an advisory lock so that processes
 * starting at once take turns instead of colliding on the catalog.
 */
async function ensureSchema(pool: PgPool, s: string): Promise<void> {
  const present = await pool.query(
    `SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
     WHERE ns.nspname = $1 AND c.relname = ANY($2::text[])`,
    [s, SCHEMA_OBJECTS],
  );
  if (present.rows[0]?.['n'] === SCHEMA_OBJECTS.length) return;
  // One implicit transaction (no parameters, several statements): the advisory lock lasts until the DDL is committed.
  const ddl = `SELECT pg_advisory_xact_lock(hashtext('smart-policy schema ${s}'));${schemaSql(s)}`;
  await pool.query(ddl).catch(() => pool.query(ddl));
}

/** PostgreSQL rolled the statement back whole (deadlock, serialization failure): running it again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/** Every store statement is one statement, so one transaction: retried when PostgreSQL says it may be. */
export async function retrying(pool: Pick<PgPool, 'query'>, text: string, params: unknown[]): Promise<PgResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await pool.query(text, params);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

export async function openPostgresStore({
  connectionString,
  schema = 'smart_policy',
  maxConnections = 10,
}: PostgresStoreOptions): Promise<Store> {
  if (!IDENTIFIER.test(schema)) throw new RangeError('the PostgreSQL schema name must be a lower-case SQL identifier');
  const pg = commonJsExport<PgModule>(await loadOptionalPeer('pg', 'postgres store'));
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  const s = schema;
  // An idle connection that breaks emits 'error' on the pool; unheard, it would end the process.
  // Queries on a broken pool reject, so failures still surface where they matter.
  pool.on('error', () => {});
  try {
    await ensureSchema(pool, s);
  } catch (error) {
    await pool.end();
    const code = (error as { code?: unknown }).code;
    throw new Error(`the PostgreSQL store could not be opened${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  const query = (text: string, params: unknown[]) => retrying(pool, text, params);
  const one = async (text: string, params: unknown[]) => (await query(text, params)).rows[0];

  const rotateSql = `
WITH rot AS (
  UPDATE ${s}.tokens t SET rotated_at = CASE WHEN $4::text IS NULL THEN NULL ELSE $3::bigint END
  FROM ${s}.families f
  WHERE t.hash = $2 AND t.family_id = $1 AND t.rotated_at IS NULL AND f.id = $1 AND f.revoked_at IS NULL
    AND (f.expires_at IS NULL OR $3::bigint < f.expires_at)
    AND (f.idle_seconds IS NULL OR $3::bigint < f.last_used_at + f.idle_seconds)
  RETURNING t.family_id),
ins AS (INSERT INTO ${s}.tokens (hash, family_id, rotated_at) SELECT $4::text, family_id, NULL FROM rot WHERE $4::text IS NOT NULL RETURNING 1),
upd AS (UPDATE ${s}.families SET last_used_at = $3::bigint, generation = generation + CASE WHEN $4::text IS NULL THEN 0 ELSE 1 END
  FROM rot WHERE ${s}.families.id = rot.family_id
  RETURNING ${FAMILY_COLUMNS.split(', ')
    .map((c) => `${s}.families.${c}`)
    .join(', ')})
SELECT * FROM upd`;

  const instanceOf = (row: Record<string, unknown>): ClientInstanceRecord => ({
    ...(JSON.parse(row.doc as string) as ClientInstanceRecord),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  });

  return {
    kind: 'postgres',
    async createFamily(record, firstTokenHash) {
      await query(
        `WITH f AS (INSERT INTO ${s}.families (id, user_id, session_id, client_id, doc, expires_at, idle_seconds, last_used_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id)
         INSERT INTO ${s}.tokens (hash, family_id) SELECT $9, id FROM f`,
        [
          record.id,
          record.userId,
          record.userSessionId,
          record.clientId,
          encodeFamily(record),
          record.expiresAt,
          record.idleSeconds,
          record.createdAt,
          firstTokenHash,
        ],
      );
    },
    async getFamily(familyId) {
      const row = await one(`SELECT ${FAMILY_COLUMNS} FROM ${s}.families WHERE id = $1`, [familyId]);
      return row === undefined ? null : decodeFamily(row as unknown as FamilyRow);
    },
    async rotate({ familyId, presentedHash, successorHash, now }): Promise<RotateOutcome> {
      const rotated = await one(rotateSql, [familyId, presentedHash, now, successorHash]);
      if (rotated !== undefined) return { kind: 'rotated', family: decodeFamily(rotated as unknown as FamilyRow) };
      const row = await one(`SELECT ${FAMILY_COLUMNS} FROM ${s}.families WHERE id = $1`, [familyId]);
      const token = await one(`SELECT rotated_at FROM ${s}.tokens WHERE hash = $1 AND family_id = $2`, [presentedHash, familyId]);
      if (row === undefined || token === undefined) return { kind: 'unknown' };
      const family = decodeFamily(row as unknown as FamilyRow);
      if (family.revokedAt !== null) return { kind: 'revoked' };
      if (token.rotated_at === null) return familyExpired(family, now) ? { kind: 'expired' } : { kind: 'unknown' };
      const kind = reuseOutcome(family, Number(token.rotated_at), now);
      if (kind === 'reuse-revoked') {
        await query(`UPDATE ${s}.families SET revoked_at = $2, revoked_reason = 'reuse' WHERE id = $1 AND revoked_at IS NULL`, [
          familyId,
          now,
        ]);
      }
      return { kind };
    },
    async revokeFamily(familyId, now, reason) {
      const result = await query(`UPDATE ${s}.families SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL`, [
        familyId,
        now,
        reason,
      ]);
      return result.rowCount === 1;
    },
    async listFamilies(filter) {
      const pairs = filterColumns(filter);
      const where = pairs.map(([column], i) => `${column} = $${i + 1}`);
      const sql = `SELECT ${FAMILY_COLUMNS} FROM ${s}.families${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY id`;
      const result = await query(
        sql,
        pairs.map(([, value]) => value),
      );
      return result.rows.map((r) => decodeFamily(r as unknown as FamilyRow));
    },
    async tokenState(familyId, tokenHash) {
      const row = await one(`SELECT rotated_at FROM ${s}.tokens WHERE hash = $1 AND family_id = $2`, [tokenHash, familyId]);
      if (row === undefined) return null;
      return row.rotated_at === null ? 'live' : 'rotated';
    },
    async liveTokenCount(familyId) {
      const row = await one(
        `SELECT count(*) AS n FROM ${s}.tokens t JOIN ${s}.families f ON f.id = t.family_id
         WHERE t.family_id = $1 AND t.rotated_at IS NULL AND f.revoked_at IS NULL`,
        [familyId],
      );
      return Number(row?.n ?? 0);
    },
    async recordReminder(userId, familyIds, at) {
      await query(
        `WITH r AS (INSERT INTO ${s}.reminders (user_id, at) VALUES ($1, $2))
         UPDATE ${s}.families SET last_reminded_at = $2 WHERE id = ANY($3::text[])`,
        [userId, at, familyIds],
      );
    },
    async remindersSince(userId, since) {
      const result = await query(`SELECT at FROM ${s}.reminders WHERE user_id = $1 AND at >= $2 ORDER BY at`, [userId, since]);
      return result.rows.map((r) => Number(r.at));
    },
    async claimOnce(namespace, key, expiresAt, now) {
      const result = await query(
        `INSERT INTO ${s}.once_keys (ns, key, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (ns, key) DO UPDATE SET expires_at = EXCLUDED.expires_at
         WHERE ${s}.once_keys.expires_at IS NOT NULL AND ${s}.once_keys.expires_at <= $4`,
        [namespace, key, expiresAt, now],
      );
      return result.rowCount === 1;
    },
    async putClientInstance(instance) {
      await query(
        `INSERT INTO ${s}.instances (client_id, user_id, doc, revoked_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (client_id) DO UPDATE SET user_id = EXCLUDED.user_id, doc = EXCLUDED.doc, revoked_at = EXCLUDED.revoked_at`,
        [instance.clientId, instance.userId, JSON.stringify(instance), instance.revokedAt],
      );
    },
    async getClientInstance(clientId) {
      const row = await one(`SELECT doc, revoked_at FROM ${s}.instances WHERE client_id = $1`, [clientId]);
      return row === undefined ? null : instanceOf(row);
    },
    async listClientInstances(userId) {
      const result = await query(`SELECT doc, revoked_at FROM ${s}.instances WHERE user_id = $1 ORDER BY client_id`, [userId]);
      return result.rows.map(instanceOf);
    },
    async revokeClientInstance(clientId, now) {
      const result = await query(`UPDATE ${s}.instances SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL`, [clientId, now]);
      return result.rowCount === 1;
    },
    async close() {
      await pool.end();
    },
  };
}
