// Refresh-token rotations per second on each store, beside that store's own floor measured in the
// same run on the same connection kind:
//   store.rotate     the runtime store's atomic check-and-rotate (classify, rotate, successor, family update)
//   runtime.refresh  the whole refresh grant: token parse, family read, binding, decideRefresh, rotate
//   floor            SQLite/PostgreSQL: a bare conditional UPDATE plus the successor's INSERT (SQLite in an
//                    IMMEDIATE transaction, PostgreSQL in one statement); Redis: a bare Lua script that
//                    checks and flips one hash field and writes the successor
// Sequential (one client), median of 3 rounds. Redis and PostgreSQL on 127.0.0.1 (skipped with a note
// when they are not running: a bench measures, the store tests are what fail).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const runtime = await import(pathToFileURL(join(here, '../../engine/dist/runtime/index.js')).href);
const engine = await import(pathToFileURL(join(here, '../../engine/dist/index.js')).href);
const require = createRequire(import.meta.url);
const REDIS_URL = process.env.SMART_POLICY_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.SMART_POLICY_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const NOW = 1_800_000_000;
const hash = () => randomBytes(32).toString('hex');

function familyRecord() {
  return {
    id: randomBytes(16).toString('base64url'),
    userId: 'bench-user',
    clientId: 'bench-client',
    clientType: 'public',
    authMethod: 'none',
    userType: 'patient',
    app: 'patient_apps',
    userSessionId: null,
    mode: 'offline',
    scope: 'patient/Observation.rs offline_access',
    context: { patient: 'p1' },
    binding: { kind: 'none' },
    createdAt: NOW,
    expiresAt: null,
    idleSeconds: null,
    rotate: 'every-use',
    reuse: 'revoke-grant',
    graceSeconds: 0,
    remindEvery: null,
    reminderCap: null,
  };
}

/** One timed round of `count` sequential operations, in operations per second. */
async function perSecond(count, op) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await op();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Runs the measurements' rounds interleaved (a, b, c, a, b, c, …) so machine noise hits them
 * alike, and returns each one's median of 3.
 */
async function interleaved(measurements) {
  const rounds = measurements.map(() => []);
  for (let r = 0; r < 3; r++) {
    for (const [i, m] of measurements.entries()) if (m !== null) rounds[i].push(await m());
  }
  return rounds.map((rates) => (rates.length === 0 ? null : rates.sort((a, b) => a - b)[1]));
}

async function storeRotate(store, count) {
  const f = familyRecord();
  let current = hash();
  await store.createFamily(f, current);
  return () =>
    perSecond(count, async () => {
      const next = hash();
      const outcome = await store.rotate({ familyId: f.id, presentedHash: current, successorHash: next, now: NOW + 1 });
      if (outcome.kind !== 'rotated') throw new Error(outcome.kind);
      current = next;
    });
}

/** The whole refresh grant through the patient-portal policy (public client, DPoP-bound family). */
async function runtimeRefresh(store, count) {
  const { bundle } = engine.compilePolicyFile(join(here, '../../policies/patient-portal/portal.smartpolicy'));
  const evaluator = engine.createEvaluator(bundle);
  const refresh = runtime.createRefreshRuntime({ store, evaluator, clock: () => NOW });
  const jkt = 'A'.repeat(43);
  const request = {
    grantType: 'authorization_code',
    client: { clientId: 'portal-app', type: 'public', authMethod: 'none' },
    user: { type: 'patient', id: 'u1' },
    launch: 'standalone',
    requestedScope: 'launch/patient patient/Observation.rs patient/Condition.rs offline_access',
    availableContext: { patient: 'p1' },
    binding: { dpopJkt: jkt },
  };
  const decision = evaluator.decideToken(request);
  let { refreshToken } = await refresh.startFamily({ request, decision, userId: 'u1', context: { patient: 'p1' } });
  return () =>
    perSecond(count, async () => {
      const result = await refresh.refresh({ refreshToken, client: null, dpopJkt: jkt });
      refreshToken = result.refreshToken;
    });
}

async function sqliteFloor(file, count) {
  const Database = require('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS floor (hash TEXT PRIMARY KEY, used INTEGER NOT NULL DEFAULT 0)');
  const update = db.prepare('UPDATE floor SET used = 1 WHERE hash = ? AND used = 0');
  const insert = db.prepare('INSERT INTO floor (hash) VALUES (?)');
  const rotate = db.transaction((current, next) => {
    if (update.run(current).changes !== 1) throw new Error('lost');
    insert.run(next);
  });
  let current = hash();
  insert.run(current);
  return () =>
    perSecond(count, async () => {
      const next = hash();
      rotate.immediate(current, next);
      current = next;
    });
}

async function postgresFloor(count) {
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: POSTGRES_URL, max: 1 });
  const schema = `bench_floor_${randomBytes(4).toString('hex')}`;
  await pool.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.floor (hash TEXT PRIMARY KEY, used_at BIGINT)`);
  let current = hash();
  await pool.query(`INSERT INTO ${schema}.floor (hash) VALUES ($1)`, [current]);
  const sql = `WITH old AS (UPDATE ${schema}.floor SET used_at = $3 WHERE hash = $1 AND used_at IS NULL RETURNING hash)
               INSERT INTO ${schema}.floor (hash) SELECT $2 FROM old RETURNING hash`;
  const round = () =>
    perSecond(count, async () => {
      const next = hash();
      const r = await pool.query(sql, [current, next, NOW]);
      if (r.rowCount !== 1) throw new Error('lost');
      current = next;
    });
  round.close = async () => {
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
    await pool.end();
  };
  return round;
}

async function redisFloor(count) {
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL);
  const key = `bench-floor:{${randomBytes(4).toString('hex')}}`;
  const script = `if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'L' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[2], 'L') return 1`;
  let current = hash();
  await redis.hset(key, current, 'L');
  const round = () =>
    perSecond(count, async () => {
      const next = hash();
      if ((await redis.eval(script, 1, key, current, next, NOW)) !== 1) throw new Error('lost');
      current = next;
    });
  round.close = async () => {
    await redis.del(key);
    await redis.quit();
  };
  return round;
}

async function reachable(open) {
  try {
    const store = await open();
    return store;
  } catch (error) {
    console.log(`  (skipped: ${error.message})`);
    return null;
  }
}

function row(name, rotate, refresh, floor) {
  const fmt = (n) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));
  const ratio = floor === null ? '—' : `${((rotate / floor) * 100).toFixed(0)} %`;
  console.log(
    `  ${name.padEnd(9)} store.rotate ${fmt(rotate).padStart(7)}/s   runtime.refresh ${fmt(refresh).padStart(7)}/s   floor ${fmt(floor).padStart(7)}/s   rotate/floor ${ratio}`,
  );
}

async function measure(name, store, counts, floor) {
  const rates = await interleaved([await storeRotate(store, counts[0]), await runtimeRefresh(store, counts[1]), floor]);
  row(name, ...rates);
  await floor?.close?.();
  await store.close();
}

export async function run() {
  console.log('refresh rotations per second, sequential, rounds interleaved, median of 3:');
  await measure('memory', runtime.createMemoryStore(), [20000, 5000], null);

  const dir = mkdtempSync(join(tmpdir(), 'bench-sqlite-'));
  const sqlite = await runtime.openSqliteStore({ file: join(dir, 'store.db') });
  await measure('sqlite', sqlite, [5000, 3000], await sqliteFloor(join(dir, 'floor.db'), 5000));

  const redis = await reachable(() => runtime.openRedisStore({ url: REDIS_URL, namespace: `bench-${randomBytes(4).toString('hex')}` }));
  if (redis !== null) await measure('redis', redis, [3000, 2000], await redisFloor(3000));

  const pg = await reachable(() =>
    runtime.openPostgresStore({ connectionString: POSTGRES_URL, schema: `bench_${randomBytes(4).toString('hex')}`, maxConnections: 1 }),
  );
  if (pg !== null) await measure('postgres', pg, [1000, 1000], await postgresFloor(1000));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
