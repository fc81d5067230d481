/** The in-process store: for tests, demos and a single server process. */
import { familyExpired, reuseOutcome } from './rotation-rules.js';
import type {
  ClientInstanceRecord,
  FamilyFilter,
  RefreshFamilyRecord,
  RotateOutcome,
  RotateRequest,
  Store,
  StoredFamily,
} from './store-types.js';

interface TokenRow {
  readonly familyId: string;
  rotatedAt: number | null;
}

export function createMemoryStore(): Store {
  const families = new Map<string, StoredFamily>();
  const tokens = new Map<string, TokenRow>();
  const once = new Map<string, number | null>();
  const reminders = new Map<string, number[]>();
  const instances = new Map<string, ClientInstanceRecord>();

  const revoke = (familyId: string, now: number, reason: string): boolean => {
    const family = families.get(familyId);
    if (family === undefined || family.revokedAt !== null) return false;
    families.set(familyId, { ...family, revokedAt: now, revokedReason: reason });
    return true;
  };

  return {
    kind: 'memory',
    async createFamily(record: RefreshFamilyRecord, firstTokenHash: string) {
      families.set(record.id, {
        ...record,
        lastUsedAt: record.createdAt,
        revokedAt: null,
        revokedReason: null,
        lastRemindedAt: null,
        generation: 0,
      });
      tokens.set(firstTokenHash, { familyId: record.id, rotatedAt: null });
    },
    async getFamily(familyId) {
      return families.get(familyId) ?? null;
    },
    async rotate({ familyId, presentedHash, successorHash, now }: RotateRequest): Promise<RotateOutcome> {
      const family = families.get(familyId);
      const token = tokens.get(presentedHash);
      if (family === undefined || token === undefined || token.familyId !== familyId) return { kind: 'unknown' };
      if (family.revokedAt !== null) return { kind: 'revoked' };
      if (token.rotatedAt !== null) {
        const kind = reuseOutcome(family, token.rotatedAt, now);
        if (kind === 'reuse-revoked') revoke(familyId, now, 'reuse');
        return { kind };
      }
      if (familyExpired(family, now)) return { kind: 'expired' };
      const next: StoredFamily = { ...family, lastUsedAt: now, generation: family.generation + (successorHash === null ? 0 : 1) };
      if (successorHash !== null) {
        token.rotatedAt = now;
        tokens.set(successorHash, { familyId, rotatedAt: null });
      }
      families.set(familyId, next);
      return { kind: 'rotated', family: next };
    },
    async revokeFamily(familyId, now, reason) {
      return revoke(familyId, now, reason);
    },
    async listFamilies(filter: FamilyFilter) {
      return [...families.values()].filter(
        (f) =>
          (filter.userId === undefined || f.userId === filter.userId) &&
          (filter.userSessionId === undefined || f.userSessionId === filter.userSessionId) &&
          (filter.clientId === undefined || f.clientId === filter.clientId),
      );
    },
    async tokenState(familyId, tokenHash) {
      const token = tokens.get(tokenHash);
      if (token === undefined || token.familyId !== familyId) return null;
      return token.rotatedAt === null ? 'live' : 'rotated';
    },
    async liveTokenCount(familyId) {
      const family = families.get(familyId);
      if (family === undefined || family.revokedAt !== null) return 0;
      let live = 0;
      for (const token of tokens.values()) if (token.familyId === familyId && token.rotatedAt === null) live += 1;
      return live;
    },
    async recordReminder(userId, familyIds, at) {
      const log = reminders.get(userId) ?? [];
      log.push(at);
      reminders.set(userId, log);
      for (const id of familyIds) {
        const family = families.get(id);
        if (family !== undefined) families.set(id, { ...family, lastRemindedAt: at });
      }
    },
    async remindersSince(userId, since) {
      return (reminders.get(userId) ?? []).filter((t) => t >= since);
    },
    async claimOnce(namespace, key, expiresAt, now) {
      const id = `${namespace}\u0000${key}`;
      const held = once.get(id);
      if (held !== undefined && (held === null || held > now)) return false;
      once.set(id, expiresAt);
      return true;
    },
    async putClientInstance(instance) {
      instances.set(instance.clientId, instance);
    },
    async getClientInstance(clientId) {
      return instances.get(clientId) ?? null;
    },
    async listClientInstances(userId) {
      return [...instances.values()].filter((i) => i.userId === userId);
    },
    async revokeClientInstance(clientId, now) {
      const instance = instances.get(clientId);
      if (instance === undefined || instance.revokedAt !== null) return false;
      instances.set(clientId, { ...instance, revokedAt: now });
      return true;
    },
    async close() {},
  };
}
