/**
 * The SQLite store: one file, embedded and persistent (better-sqlite3, WAL). A rotation is an
 * IMMEDIATE transaction around a conditional update (`… WHERE rotated_at IS NULL`), so two
 * processes or threads on one file never both rotate one token.
 */
import { decodeFamily, encodeFamily, type FamilyRow, filterColumns } from './family-codec.js';
import { commonJsExport, loadOptionalPeer } from './load-optional-peer.js';
import { familyExpired, reuseOutcome } from './rotation-rules.js';
import type { ClientInstanceRecord, FamilyFilter, RotateOutcome, RotateRequest, Store } from './store-types.js';

/** The slice of better-sqlite3's API this store uses (its types stay out of the public API). */
interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface SqliteDatabase {
  pragma(source: string): unknown;
  exec(source: string): unknown;
  prepare(source: string): SqliteStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { immediate(...args: A): R };
  close(): void;
}
type SqliteConstructor = new (file: string, options?: { timeout?: number }) => SqliteDatabase;

export interface SqliteStoreOptions {
  readonly file: string;
  /** How long a writer waits for another process's lock (ms, default 5000). */
  readonly busyTimeoutMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS families (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, session_id TEXT, client_id TEXT NOT NULL, doc TEXT NOT NULL,
  last_used_at INTEGER NOT NULL, revoked_at INTEGER, revoked_reason TEXT, last_reminded_at INTEGER,
  generation INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS families_user ON families(user_id);
CREATE INDEX IF NOT EXISTS families_session ON families(session_id);
CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, family_id TEXT NOT NULL, rotated_at INTEGER);
CREATE INDEX IF NOT EXISTS tokens_family ON tokens(family_id);
CREATE TABLE IF NOT EXISTS once_keys (ns TEXT NOT NULL, key TEXT NOT NULL, expires_at INTEGER, PRIMARY KEY (ns, key));
CREATE TABLE IF NOT EXISTS reminders (user_id TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS reminders_user ON reminders(user_id, at);
CREATE TABLE IF NOT EXISTS instances (client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, doc TEXT NOT NULL, revoked_at INTEGER);
CREATE INDEX IF NOT EXISTS instances_user ON instances(user_id);
`;

const FAMILY_COLUMNS = 'doc, last_used_at, revoked_at, revoked_reason, last_reminded_at, generation';

export async function openSqliteStore({ file, busyTimeoutMs = 5000 }: SqliteStoreOptions): Promise<Store> {
  const Database = commonJsExport<SqliteConstructor>(await loadOptionalPeer('better-sqlite3', 'sqlite store'));
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);

  const q = {
    insertFamily: db.prepare(
      'INSERT INTO families (id, user_id, session_id, client_id, doc, last_used_at, generation) VALUES (?, ?, ?, ?, ?, ?, 0)',
    ),
    insertToken: db.prepare('INSERT INTO tokens (hash, family_id, rotated_at) VALUES (?, ?, NULL)'),
    family: db.prepare(`SELECT ${FAMILY_COLUMNS} FROM families WHERE id = ?`),
    familyAndToken: db.prepare(
      `SELECT ${FAMILY_COLUMNS}, t.family_id AS token_family, t.rotated_at AS token_rotated_at
       FROM families LEFT JOIN tokens t ON t.hash = ? WHERE families.id = ?`,
    ),
    token: db.prepare('SELECT family_id, rotated_at FROM tokens WHERE hash = ?'),
    rotateToken: db.prepare('UPDATE tokens SET rotated_at = ? WHERE hash = ? AND rotated_at IS NULL'),
    touchFamily: db.prepare('UPDATE families SET last_used_at = ?, generation = generation + ? WHERE id = ?'),
    revoke: db.prepare('UPDATE families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL'),
    live: db.prepare('SELECT count(*) AS n FROM tokens WHERE family_id = ? AND rotated_at IS NULL'),
    reminder: db.prepare('INSERT INTO reminders (user_id, at) VALUES (?, ?)'),
    reminded: db.prepare('UPDATE families SET last_reminded_at = ? WHERE id = ?'),
    reminders: db.prepare('SELECT at FROM reminders WHERE user_id = ? AND at >= ? ORDER BY at'),
    claim: db.prepare(
      `INSERT INTO once_keys (ns, key, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (ns, key) DO UPDATE SET expires_at = excluded.expires_at
       WHERE once_keys.expires_at IS NOT NULL AND once_keys.expires_at <= ?`,
    ),
    putInstance: db.prepare(
      'INSERT INTO instances (client_id, user_id, doc, revoked_at) VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET user_id = excluded.user_id, doc = excluded.doc, revoked_at = excluded.revoked_at',
    ),
    instance: db.prepare('SELECT doc, revoked_at FROM instances WHERE client_id = ?'),
    instances: db.prepare('SELECT doc, revoked_at FROM instances WHERE user_id = ? ORDER BY client_id'),
    revokeInstance: db.prepare('UPDATE instances SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL'),
  };

  const rotate = db.transaction(({ familyId, presentedHash, successorHash, now }: RotateRequest): RotateOutcome => {
    const row = q.familyAndToken.get(presentedHash, familyId) as
      | (FamilyRow & { token_family: string | null; token_rotated_at: number | null })
      | undefined;
    if (row === undefined || row.token_family !== familyId) return { kind: 'unknown' };
    const family = decodeFamily(row);
    if (family.revokedAt !== null) return { kind: 'revoked' };
    if (row.token_rotated_at !== null) {
      const kind = reuseOutcome(family, row.token_rotated_at, now);
      if (kind === 'reuse-revoked') q.revoke.run(now, 'reuse', familyId);
      return { kind };
    }
    if (familyExpired(family, now)) return { kind: 'expired' };
    if (successorHash !== null) {
      if (q.rotateToken.run(now, presentedHash).changes !== 1) return { kind: 'unknown' };
      q.insertToken.run(successorHash, familyId);
    }
    const step = successorHash === null ? 0 : 1;
    q.touchFamily.run(now, step, familyId);
    return { kind: 'rotated', family: { ...family, lastUsedAt: now, generation: family.generation + step } };
  });

  const instanceOf = (row: { doc: string; revoked_at: number | null }): ClientInstanceRecord => ({
    ...(JSON.parse(row.doc) as ClientInstanceRecord),
    revokedAt: row.revoked_at,
  });

  return {
    kind: 'sqlite',
    async createFamily(record, firstTokenHash) {
      db.transaction(() => {
        q.insertFamily.run(record.id, record.userId, record.userSessionId, record.clientId, encodeFamily(record), record.createdAt);
        q.insertToken.run(firstTokenHash, record.id);
      }).immediate();
    },
    async getFamily(familyId) {
      const row = q.family.get(familyId) as FamilyRow | undefined;
      return row === undefined ? null : decodeFamily(row);
    },
    async rotate(request) {
      return rotate.immediate(request);
    },
    async revokeFamily(familyId, now, reason) {
      return q.revoke.run(now, reason, familyId).changes === 1;
    },
    async listFamilies(filter: FamilyFilter) {
      const pairs = filterColumns(filter);
      const where = pairs.map(([column]) => `${column} = ?`);
      // better-sqlite3 binds an array's items as the anonymous parameters.
      const params = pairs.map(([, value]) => value);
      const sql = `SELECT ${FAMILY_COLUMNS} FROM families${where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`} ORDER BY id`;
      return (db.prepare(sql).all(params) as FamilyRow[]).map(decodeFamily);
    },
    async tokenState(familyId, tokenHash) {
      const token = q.token.get(tokenHash) as { family_id: string; rotated_at: number | null } | undefined;
      if (token === undefined || token.family_id !== familyId) return null;
      return token.rotated_at === null ? 'live' : 'rotated';
    },
    async liveTokenCount(familyId) {
      const row = q.family.get(familyId) as FamilyRow | undefined;
      if (row === undefined || row.revoked_at !== null) return 0;
      return (q.live.get(familyId) as { n: number }).n;
    },
    async recordReminder(userId, familyIds, at) {
      db.transaction(() => {
        q.reminder.run(userId, at);
        for (const id of familyIds) q.reminded.run(at, id);
      }).immediate();
    },
    async remindersSince(userId, since) {
      return (q.reminders.all(userId, since) as { at: number }[]).map((r) => r.at);
    },
    async claimOnce(namespace, key, expiresAt, now) {
      return q.claim.run(namespace, key, expiresAt, now).changes === 1;
    },
    async putClientInstance(instance) {
      q.putInstance.run(instance.clientId, instance.userId, JSON.stringify(instance), instance.revokedAt);
    },
    async getClientInstance(clientId) {
      const row = q.instance.get(clientId) as { doc: string; revoked_at: number | null } | undefined;
      return row === undefined ? null : instanceOf(row);
    },
    async listClientInstances(userId) {
      return (q.instances.all(userId) as { doc: string; revoked_at: number | null }[]).map(instanceOf);
    },
    async revokeClientInstance(clientId, now) {
      return q.revokeInstance.run(now, clientId).changes === 1;
    },
    async close() {
      db.close();
    },
  };
}
