/**
 * The contract every store meets, run against all four (memory, SQLite, Redis, PostgreSQL).
 * `fresh()` gives a new empty namespace (a file, key prefix or schema) and a way to open more
 * connections to it, so the race runs across connections where the store has them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { RefreshFamilyRecord, Store } from '../../../src/runtime/index.js';

export interface StoreNamespace {
  /** Opens another connection to the same namespace (memory: the same store). */
  open(): Promise<Store>;
}

export type FreshNamespace = () => Promise<StoreNamespace>;

const NOW = 1_800_000_000;
const hash = () => randomBytes(32).toString('hex');
const familyId = () => randomBytes(16).toString('base64url');

export function family(fields: Partial<RefreshFamilyRecord> = {}): RefreshFamilyRecord {
  return {
    id: familyId(),
    userId: 'user-1',
    clientId: 'client-1',
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
    expiresAt: NOW + 1000,
    idleSeconds: 100,
    rotate: 'every-use',
    reuse: 'revoke-grant',
    graceSeconds: 0,
    remindEvery: null,
    reminderCap: null,
    ...fields,
  };
}

export function describeStoreContract(name: string, fresh: FreshNamespace): void {
  describe(`${name} store contract`, () => {
    const opened: Store[] = [];
    const store = async (): Promise<Store> => {
      const s = await (await fresh()).open();
      opened.push(s);
      return s;
    };
    afterAll(async () => {
      for (const s of opened) await s.close();
    });

    it('keeps a family and its first token', async () => {
      const s = await store();
      const f = family({ userSessionId: 'sess-1', context: { patient: 'p1', fhirContext: [{ reference: 'Encounter/e1' }] } });
      const first = hash();
      await s.createFamily(f, first);
      const got = await s.getFamily(f.id);
      expect(got).toMatchObject({ ...f, lastUsedAt: NOW, revokedAt: null, revokedReason: null, lastRemindedAt: null, generation: 0 });
      expect(await s.tokenState(f.id, first)).toBe('live');
      expect(await s.tokenState(f.id, hash())).toBeNull();
      expect(await s.liveTokenCount(f.id)).toBe(1);
      expect(await s.getFamily(familyId())).toBeNull();
    });

    it('rotates a live token once; the successor is the one live token', async () => {
      const s = await store();
      const f = family();
      const [t0, t1, t2] = [hash(), hash(), hash()];
      await s.createFamily(f, t0);
      const r1 = await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: t1, now: NOW + 5 });
      expect(r1.kind).toBe('rotated');
      if (r1.kind === 'rotated') expect(r1.family).toMatchObject({ lastUsedAt: NOW + 5, generation: 1, scope: f.scope });
      expect(await s.tokenState(f.id, t0)).toBe('rotated');
      expect(await s.tokenState(f.id, t1)).toBe('live');
      expect(await s.liveTokenCount(f.id)).toBe(1);
      expect((await s.rotate({ familyId: f.id, presentedHash: t1, successorHash: t2, now: NOW + 6 })).kind).toBe('rotated');
      expect(await s.liveTokenCount(f.id)).toBe(1);
    });

    it('a reused token revokes the whole family (grace off)', async () => {
      const s = await store();
      const f = family();
      const [t0, t1] = [hash(), hash()];
      await s.createFamily(f, t0);
      await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: t1, now: NOW + 1 });
      expect((await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: hash(), now: NOW + 2 })).kind).toBe('reuse-revoked');
      expect(await s.getFamily(f.id)).toMatchObject({ revokedAt: NOW + 2, revokedReason: 'reuse' });
      expect(await s.liveTokenCount(f.id)).toBe(0);
      expect((await s.rotate({ familyId: f.id, presentedHash: t1, successorHash: hash(), now: NOW + 3 })).kind).toBe('revoked');
    });

    it('inside the grace window a reuse is refused without revoking; after it, it revokes', async () => {
      const s = await store();
      const f = family({ graceSeconds: 10 });
      const [t0, t1] = [hash(), hash()];
      await s.createFamily(f, t0);
      await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: t1, now: NOW + 1 });
      expect((await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: hash(), now: NOW + 11 })).kind).toBe('retry-in-grace');
      expect((await s.getFamily(f.id))?.revokedAt).toBeNull();
      expect(await s.tokenState(f.id, t1)).toBe('live');
      expect((await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: hash(), now: NOW + 12 })).kind).toBe('reuse-revoked');
    });

    it('under "on reuse reject" a reuse is refused and the family lives', async () => {
      const s = await store();
      const f = family({ reuse: 'reject' });
      const [t0, t1] = [hash(), hash()];
      await s.createFamily(f, t0);
      await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: t1, now: NOW + 1 });
      expect((await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: hash(), now: NOW + 2 })).kind).toBe('reuse-refused');
      expect(await s.liveTokenCount(f.id)).toBe(1);
    });

    it('ends families by absolute expiry and by idle timeout', async () => {
      const s = await store();
      const absolute = family({ expiresAt: NOW + 50, idleSeconds: null });
      const idle = family({ expiresAt: null, idleSeconds: 30 });
      const [a0, i0, i1] = [hash(), hash(), hash()];
      await s.createFamily(absolute, a0);
      await s.createFamily(idle, i0);
      expect((await s.rotate({ familyId: absolute.id, presentedHash: a0, successorHash: hash(), now: NOW + 50 })).kind).toBe('expired');
      expect((await s.rotate({ familyId: idle.id, presentedHash: i0, successorHash: i1, now: NOW + 29 })).kind).toBe('rotated');
      expect((await s.rotate({ familyId: idle.id, presentedHash: i1, successorHash: hash(), now: NOW + 59 })).kind).toBe('expired');
    });

    it('unknown tokens, and tokens of another family, are unknown', async () => {
      const s = await store();
      const [f, g] = [family(), family()];
      const [f0, g0] = [hash(), hash()];
      await s.createFamily(f, f0);
      await s.createFamily(g, g0);
      expect((await s.rotate({ familyId: f.id, presentedHash: hash(), successorHash: hash(), now: NOW })).kind).toBe('unknown');
      expect((await s.rotate({ familyId: f.id, presentedHash: g0, successorHash: hash(), now: NOW })).kind).toBe('unknown');
      expect((await s.rotate({ familyId: familyId(), presentedHash: f0, successorHash: hash(), now: NOW })).kind).toBe('unknown');
      expect(await s.tokenState(f.id, g0)).toBeNull();
    });

    it('without rotation the presented token stays live', async () => {
      const s = await store();
      const f = family({ rotate: 'never' });
      const t0 = hash();
      await s.createFamily(f, t0);
      const r = await s.rotate({ familyId: f.id, presentedHash: t0, successorHash: null, now: NOW + 3 });
      expect(r.kind).toBe('rotated');
      if (r.kind === 'rotated') expect(r.family).toMatchObject({ generation: 0, lastUsedAt: NOW + 3 });
      expect(await s.tokenState(f.id, t0)).toBe('live');
    });

    it('revokes once, and lists families by user, session and client', async () => {
      const s = await store();
      const a = family({ userId: 'u-a', userSessionId: 's-1', mode: 'online', clientId: 'c-1' });
      const b = family({ userId: 'u-a', clientId: 'c-2' });
      const c = family({ userId: 'u-b', userSessionId: 's-1', mode: 'online', clientId: 'c-1' });
      for (const f of [a, b, c]) await s.createFamily(f, hash());
      const ids = async (filter: Parameters<Store['listFamilies']>[0]) => (await s.listFamilies(filter)).map((f) => f.id).sort();
      expect(await ids({ userId: 'u-a' })).toEqual([a.id, b.id].sort());
      expect(await ids({ userSessionId: 's-1' })).toEqual([a.id, c.id].sort());
      expect(await ids({ userId: 'u-a', clientId: 'c-1' })).toEqual([a.id]);
      expect((await ids({})).length).toBeGreaterThanOrEqual(3);
      expect(await s.revokeFamily(a.id, NOW + 1, 'user')).toBe(true);
      expect(await s.revokeFamily(a.id, NOW + 2, 'user')).toBe(false);
      expect(await s.revokeFamily(familyId(), NOW + 2, 'user')).toBe(false);
      expect(await s.getFamily(a.id)).toMatchObject({ revokedAt: NOW + 1, revokedReason: 'user' });
    });

    it('claims a key once until it expires; null never expires', async () => {
      const s = await store();
      const key = hash();
      expect(await s.claimOnce('jti', key, NOW + 10, NOW)).toBe(true);
      expect(await s.claimOnce('jti', key, NOW + 10, NOW + 5)).toBe(false);
      expect(await s.claimOnce('other', key, NOW + 10, NOW + 5)).toBe(true);
      expect(await s.claimOnce('forever', key, null, NOW)).toBe(true);
      expect(await s.claimOnce('forever', key, null, NOW + 1e6)).toBe(false);
      expect(await s.claimOnce('jti', key, NOW + 30, NOW + 20)).toBe(true);
    });

    it('records reminders per user and restarts the families reminder clocks', async () => {
      const s = await store();
      const f = family({ userId: 'u-rem', remindEvery: 100, reminderCap: { count: 2, perSeconds: 1000 } });
      await s.createFamily(f, hash());
      await s.recordReminder('u-rem', [f.id], NOW + 100);
      await s.recordReminder('u-rem', [f.id], NOW + 300);
      expect(await s.remindersSince('u-rem', NOW + 200)).toEqual([NOW + 300]);
      expect(await s.remindersSince('u-rem', 0)).toEqual([NOW + 100, NOW + 300]);
      expect((await s.getFamily(f.id))?.lastRemindedAt).toBe(NOW + 300);
    });

    it('keeps client instances and revokes them once', async () => {
      const s = await store();
      const clientId = familyId();
      const instance = {
        clientId,
        softwareId: 'sw',
        baseClientId: 'base',
        userId: 'u-inst',
        scope: 'patient/Observation.rs',
        context: { patient: 'p1' },
        app: 'patient_apps',
        jwks: { keys: [{ kty: 'EC', crv: 'P-384', x: 'x', y: 'y', kid: 'k1' }] },
        keyThumbprints: ['t'],
        algorithms: ['ES384'],
        createdAt: NOW,
        expiresAt: null,
        revokedAt: null,
      };
      await s.putClientInstance(instance);
      expect(await s.getClientInstance(clientId)).toEqual(instance);
      expect((await s.listClientInstances('u-inst')).map((i) => i.clientId)).toEqual([clientId]);
      expect(await s.revokeClientInstance(clientId, NOW + 1)).toBe(true);
      expect(await s.revokeClientInstance(clientId, NOW + 2)).toBe(false);
      expect((await s.getClientInstance(clientId))?.revokedAt).toBe(NOW + 1);
      expect(await s.getClientInstance('nobody')).toBeNull();
    });

    for (const n of [2, 10, 50]) {
      for (const grace of [10, 0]) {
        it(`${n} concurrent refreshes with one token, grace ${grace}: ${grace > 0 ? 'exactly one succeeds' : 'the family ends revoked'}; never two live successors`, async () => {
          const ns = await fresh();
          const connections: Store[] = [];
          for (let i = 0; i < Math.min(n, 4); i += 1) connections.push(await ns.open());
          opened.push(...connections);
          const f = family({ graceSeconds: grace });
          const t0 = hash();
          await (connections[0] as Store).createFamily(f, t0);
          const outcomes = await Promise.all(
            Array.from({ length: n }, (_, i) =>
              (connections[i % connections.length] as Store).rotate({
                familyId: f.id,
                presentedHash: t0,
                successorHash: hash(),
                now: NOW + 1,
              }),
            ),
          );
          const kinds = outcomes.map((o) => o.kind);
          const live = await (connections[0] as Store).liveTokenCount(f.id);
          expect(kinds.filter((k) => k === 'rotated').length).toBe(1);
          expect(live).toBeLessThanOrEqual(1);
          if (grace > 0) {
            expect(kinds.filter((k) => k !== 'rotated').every((k) => k === 'retry-in-grace')).toBe(true);
            expect(live).toBe(1);
          } else {
            expect((await (connections[0] as Store).getFamily(f.id))?.revokedAt).not.toBeNull();
            expect(live).toBe(0);
          }
        });
      }
    }
  });
}
