/**
 * The Redis store (ioredis). A rotation is one Lua script: the refresh token carries its family
 * id, so the script names the family's two keys (hash-tagged by family, so they share a cluster
 * slot) and checks, rotates or revokes atomically. Every key lives under `sp:<namespace>:`.
 */
import { commonJsExport, loadOptionalPeer } from './load-optional-peer.js';
import type { ClientInstanceRecord, RefreshFamilyRecord, RotateOutcome, Store, StoredFamily } from './store-types.js';

interface RedisMulti {
  hset(key: string, ...args: (string | number | Record<string, string | number>)[]): RedisMulti;
  sadd(key: string, ...members: string[]): RedisMulti;
  exec(): Promise<unknown>;
}
interface RedisClient {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  hgetall(key: string): Promise<Record<string, string>>;
  hget(key: string, field: string): Promise<string | null>;
  hvals(key: string): Promise<string[]>;
  hset(key: string, ...args: (string | number)[]): Promise<number>;
  hsetnx(key: string, field: string, value: string | number): Promise<number>;
  sadd(key: string, ...members: string[]): Promise<number>;
  smembers(key: string): Promise<string[]>;
  rpush(key: string, ...values: (string | number)[]): Promise<number>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  set(key: string, value: string, ...args: (string | number)[]): Promise<string | null>;
  multi(): RedisMulti;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
type RedisConstructor = new (url: string, options?: Record<string, unknown>) => RedisClient;

export interface RedisStoreOptions {
  readonly url: string;
  /** Prefix of every key (one per deployment or test). */
  readonly namespace?: string;
}

/** Check-and-rotate; returns {outcome, ...HGETALL of the family when rotated}. */
const ROTATE = `
local fam, tok = KEYS[1], KEYS[2]
local presented, successor, now = ARGV[1], ARGV[2], tonumber(ARGV[3])
if redis.call('EXISTS', fam) == 0 then return {'unknown'} end
local state = redis.call('HGET', tok, presented)
if not state then return {'unknown'} end
local f = redis.call('HMGET', fam, 'revoked_at', 'expires_at', 'idle_seconds', 'last_used_at', 'grace', 'reuse', 'generation')
if f[1] then return {'revoked'} end
if state ~= 'L' then
  local grace = tonumber(f[5])
  if grace > 0 and now - tonumber(state) <= grace then return {'retry-in-grace'} end
  if f[6] == 'revoke-grant' then
    redis.call('HSET', fam, 'revoked_at', now, 'revoked_reason', 'reuse')
    return {'reuse-revoked'}
  end
  return {'reuse-refused'}
end
if f[2] and now >= tonumber(f[2]) then return {'expired'} end
if f[3] and now >= tonumber(f[4]) + tonumber(f[3]) then return {'expired'} end
local generation = tonumber(f[7])
if successor ~= '' then
  redis.call('HSET', tok, presented, tostring(now), successor, 'L')
  generation = generation + 1
end
redis.call('HSET', fam, 'last_used_at', now, 'generation', generation)
local result = redis.call('HGETALL', fam)
table.insert(result, 1, 'rotated')
return result`;

const REVOKE = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'revoked_at') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'revoked_at', ARGV[1], 'revoked_reason', ARGV[2])
return 1`;

/**
 * A claim: the key is free, or holds an expiry at or before `now` (the injected clock decides;
 * the relative TTL only lets Redis drop dead claims by itself).
 */
const CLAIM = `
local held = redis.call('GET', KEYS[1])
local now = tonumber(ARGV[2])
if held and (held == '' or tonumber(held) > now) then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[1] ~= '' then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1]) - now + 1) end
return 1`;

const NAMESPACE = /^[A-Za-z0-9_-]{1,64}$/;

function pairsToRecord(pairs: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) record[pairs[i] as string] = pairs[i + 1] as string;
  return record;
}

function decode(hash: Record<string, string>): StoredFamily {
  const record = JSON.parse(hash.doc as string) as RefreshFamilyRecord;
  const optional = (name: string) => (Object.hasOwn(hash, name) ? Number(hash[name]) : null);
  return {
    ...record,
    lastUsedAt: Number(hash.last_used_at),
    revokedAt: optional('revoked_at'),
    revokedReason: Object.hasOwn(hash, 'revoked_reason') ? (hash.revoked_reason as string) : null,
    lastRemindedAt: optional('last_reminded_at'),
    generation: Number(hash.generation),
  };
}

export async function openRedisStore({ url, namespace = 'default' }: RedisStoreOptions): Promise<Store> {
  if (!NAMESPACE.test(namespace)) throw new RangeError('the Redis namespace must be 1-64 characters of A-Z a-z 0-9 _ -');
  const Redis = commonJsExport<RedisConstructor>(await loadOptionalPeer('ioredis', 'redis store'));
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  const p = `sp:${namespace}`;
  const famKey = (id: string) => `${p}:{${id}}:fam`;
  const tokKey = (id: string) => `${p}:{${id}}:tok`;
  const allFamilies = `${p}:families`;
  const userKey = (id: string) => `${p}:user:${id}`;
  const sessionKey = (id: string) => `${p}:session:${id}`;
  const clientKey = (id: string) => `${p}:client:${id}`;
  const remindersKey = (id: string) => `${p}:reminders:${id}`;
  const instancesKey = `${p}:instances`;
  const instancesRevokedKey = `${p}:instances-revoked`;
  const userInstancesKey = (id: string) => `${p}:user-instances:${id}`;

  const getFamily = async (id: string): Promise<StoredFamily | null> => {
    const hash = await redis.hgetall(famKey(id));
    return Object.hasOwn(hash, 'doc') ? decode(hash) : null;
  };
  const instanceOf = async (clientId: string, doc: string | null): Promise<ClientInstanceRecord | null> => {
    if (doc === null) return null;
    const revoked = await redis.hget(instancesRevokedKey, clientId);
    return { ...(JSON.parse(doc) as ClientInstanceRecord), revokedAt: revoked === null ? null : Number(revoked) };
  };
  // Connection errors reach every command as a rejection (fail closed); the client's own error
  // events would only be logged, with the URL, so they are consumed here.
  redis.on('error', () => {});
  // Fail now, not at first use, when the server is missing.
  try {
    await redis.set(`${p}:opened`, String(Date.now()));
  } catch {
    redis.disconnect();
    throw new Error('the Redis store could not be reached');
  }

  return {
    kind: 'redis',
    async createFamily(record, firstTokenHash) {
      const fields: Record<string, string | number> = {
        doc: JSON.stringify(record),
        last_used_at: record.createdAt,
        generation: 0,
        grace: record.graceSeconds,
        reuse: record.reuse,
        ...(record.expiresAt === null ? {} : { expires_at: record.expiresAt }),
        ...(record.idleSeconds === null ? {} : { idle_seconds: record.idleSeconds }),
      };
      const tx = redis.multi();
      tx.hset(famKey(record.id), fields);
      tx.hset(tokKey(record.id), firstTokenHash, 'L');
      tx.sadd(allFamilies, record.id);
      tx.sadd(userKey(record.userId), record.id);
      tx.sadd(clientKey(record.clientId), record.id);
      if (record.userSessionId !== null) tx.sadd(sessionKey(record.userSessionId), record.id);
      await tx.exec();
    },
    getFamily,
    async rotate({ familyId, presentedHash, successorHash, now }): Promise<RotateOutcome> {
      const result = (await redis.eval(ROTATE, 2, famKey(familyId), tokKey(familyId), presentedHash, successorHash ?? '', now)) as string[];
      const kind = result[0] as RotateOutcome['kind'];
      if (kind === 'rotated') return { kind, family: decode(pairsToRecord(result.slice(1))) };
      return { kind } as RotateOutcome;
    },
    async revokeFamily(familyId, now, reason) {
      return (await redis.eval(REVOKE, 1, famKey(familyId), now, reason)) === 1;
    },
    async listFamilies(filter) {
      const sets = [
        filter.userId === undefined ? null : userKey(filter.userId),
        filter.userSessionId === undefined ? null : sessionKey(filter.userSessionId),
        filter.clientId === undefined ? null : clientKey(filter.clientId),
      ].filter((k): k is string => k !== null);
      let ids = await redis.smembers(sets[0] ?? allFamilies);
      for (const other of sets.slice(1)) {
        const members = new Set(await redis.smembers(other));
        ids = ids.filter((id) => members.has(id));
      }
      const families: StoredFamily[] = [];
      for (const id of ids.sort()) {
        const family = await getFamily(id);
        if (family !== null) families.push(family);
      }
      return families;
    },
    async tokenState(familyId, tokenHash) {
      const state = await redis.hget(tokKey(familyId), tokenHash);
      if (state === null) return null;
      return state === 'L' ? 'live' : 'rotated';
    },
    async liveTokenCount(familyId) {
      const family = await getFamily(familyId);
      if (family === null || family.revokedAt !== null) return 0;
      return (await redis.hvals(tokKey(familyId))).filter((v) => v === 'L').length;
    },
    async recordReminder(userId, familyIds, at) {
      await redis.rpush(remindersKey(userId), at);
      for (const id of familyIds) await redis.hset(famKey(id), 'last_reminded_at', at);
    },
    async remindersSince(userId, since) {
      return (await redis.lrange(remindersKey(userId), 0, -1)).map(Number).filter((t) => t >= since);
    },
    async claimOnce(namespace, key, expiresAt, now) {
      if (expiresAt !== null && expiresAt <= now) return true;
      return (await redis.eval(CLAIM, 1, `${p}:once:${namespace}:${key}`, expiresAt === null ? '' : expiresAt, now)) === 1;
    },
    async putClientInstance(instance) {
      await redis.hset(instancesKey, instance.clientId, JSON.stringify(instance));
      await redis.sadd(userInstancesKey(instance.userId), instance.clientId);
      if (instance.revokedAt !== null) await redis.hsetnx(instancesRevokedKey, instance.clientId, instance.revokedAt);
    },
    async getClientInstance(clientId) {
      return instanceOf(clientId, await redis.hget(instancesKey, clientId));
    },
    async listClientInstances(userId) {
      const instances: ClientInstanceRecord[] = [];
      for (const id of (await redis.smembers(userInstancesKey(userId))).sort()) {
        const instance = await instanceOf(id, await redis.hget(instancesKey, id));
        if (instance !== null) instances.push(instance);
      }
      return instances;
    },
    async revokeClientInstance(clientId, now) {
      if ((await redis.hget(instancesKey, clientId)) === null) return false;
      return (await redis.hsetnx(instancesRevokedKey, clientId, now)) === 1;
    },
    async close() {
      await redis.quit();
    },
  };
}
