/** Refresh-token families through the real evaluator: rotation, reuse, binding, narrowing, sessions, user control. */
import { describe, expect, it } from 'vitest';
import { dueReminders, hashToken, OAuthFailure, recordReminders } from '../../../src/runtime/index.js';
import { DPOP_JKT, OTHER_JKT, setup } from './refresh-fixture.js';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthFailure);
    const f = error as OAuthFailure;
    return `${f.error} ${f.check}`;
  }
  return 'accepted';
}

describe('refresh-token families', () => {
  it('issues an opaque 256-bit token and stores only its hash', async () => {
    const { start, store } = setup();
    const { refreshToken, family } = await start(undefined, DPOP_JKT);
    expect(refreshToken).toMatch(/^spr1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(family).toMatchObject({ userId: 'pat-user', clientId: 'portal-app', mode: 'offline', binding: { kind: 'dpop', jkt: DPOP_JKT } });
    expect(family.scope).toContain('offline_access');
    expect(JSON.stringify(await store.listFamilies({}))).not.toContain(refreshToken.split('.')[2]);
    expect(await store.tokenState(family.id, hashToken(refreshToken))).toBe('live');
  });

  it('rotates on every use; the rotated-out token then revokes the whole family', async () => {
    const { start, runtime, advance } = setup();
    const { refreshToken: t0, family } = await start(undefined, DPOP_JKT);
    advance(60);
    const r1 = await runtime.refresh({ refreshToken: t0, client: null, dpopJkt: DPOP_JKT });
    expect(r1.refreshToken).toBeDefined();
    expect(r1.refreshToken).not.toBe(t0);
    expect(r1.decision.granted.scopes).toContain('patient/Observation.rs');
    expect(r1.family.generation).toBe(1);
    advance(60);
    expect(await refusal(runtime.refresh({ refreshToken: t0, client: null, dpopJkt: DPOP_JKT }))).toBe('invalid_grant refresh.reuse');
    expect(await refusal(runtime.refresh({ refreshToken: r1.refreshToken as string, client: null, dpopJkt: DPOP_JKT }))).toBe(
      'invalid_grant refresh.revoked',
    );
    expect(await runtime.listUserGrants('pat-user')).toEqual([]);
    expect(family.id).toBe(r1.family.id);
  });

  it('inside the grace window a concurrent retry is refused but the family lives', async () => {
    const { start, runtime, advance } = setup({ graceSeconds: 10 });
    const { refreshToken: t0 } = await start(undefined, DPOP_JKT);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => runtime.refresh({ refreshToken: t0, client: null, dpopJkt: DPOP_JKT })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBe(1);
    const successor = (ok[0] as PromiseFulfilledResult<{ refreshToken?: string }>).value.refreshToken as string;
    advance(5);
    await expect(runtime.refresh({ refreshToken: successor, client: null, dpopJkt: DPOP_JKT })).resolves.toBeTruthy();
  });

  it('a DPoP-bound token needs a proof from its key', async () => {
    const { start, runtime } = setup();
    const { refreshToken } = await start(undefined, DPOP_JKT);
    expect(await refusal(runtime.refresh({ refreshToken, client: null }))).toBe('invalid_dpop_proof refresh.binding-missing');
    expect(await refusal(runtime.refresh({ refreshToken, client: null, dpopJkt: OTHER_JKT }))).toBe('invalid_grant refresh.binding-key');
    await expect(runtime.refresh({ refreshToken, client: null, dpopJkt: DPOP_JKT })).resolves.toBeTruthy();
  });

  it('works only for the client it was issued to', async () => {
    const { start, runtime } = setup();
    const { refreshToken } = await start(undefined, DPOP_JKT);
    const thief = { clientId: 'other-app', type: 'public' as const, authMethod: 'none' };
    expect(await refusal(runtime.refresh({ refreshToken, client: thief, dpopJkt: DPOP_JKT }))).toBe('invalid_grant refresh.client');
  });

  it('narrows scope per policy; wider scope is invalid_scope; the successor keeps the original grant', async () => {
    const { start, runtime } = setup();
    const { refreshToken } = await start(undefined, DPOP_JKT);
    const narrowed = await runtime.refresh({ refreshToken, client: null, dpopJkt: DPOP_JKT, requestedScope: 'patient/Observation.rs' });
    expect(narrowed.decision.granted.scope).toBe('patient/Observation.rs');
    expect(narrowed.family.scope).toContain('patient/Condition.rs');
    const wider = runtime.refresh({
      refreshToken: narrowed.refreshToken as string,
      client: null,
      dpopJkt: DPOP_JKT,
      requestedScope: 'patient/Observation.rs patient/Patient.rs',
    });
    expect(await refusal(wider)).toBe('invalid_scope refresh.policy');
    // A refused request does not consume the token.
    await expect(runtime.refresh({ refreshToken: narrowed.refreshToken as string, client: null, dpopJkt: DPOP_JKT })).resolves.toBeTruthy();
  });

  it('ends by idle timeout and by absolute lifetime', async () => {
    const idle = setup({ idle: 100, lifetime: 1000 });
    const a = await idle.start(undefined, DPOP_JKT);
    idle.advance(100);
    expect(await refusal(idle.runtime.refresh({ refreshToken: a.refreshToken, client: null, dpopJkt: DPOP_JKT }))).toBe(
      'invalid_grant refresh.expired',
    );
    const life = setup({ idle: 100, lifetime: 150 });
    const b = await life.start(undefined, DPOP_JKT);
    life.advance(90);
    const b1 = await life.runtime.refresh({ refreshToken: b.refreshToken, client: null, dpopJkt: DPOP_JKT });
    life.advance(90);
    expect(await refusal(life.runtime.refresh({ refreshToken: b1.refreshToken as string, client: null, dpopJkt: DPOP_JKT }))).toBe(
      'invalid_grant refresh.expired',
    );
  });

  it('online_access families end with the user session', async () => {
    const { start, runtime } = setup();
    const online = await start('patient/Observation.rs launch/patient online_access', DPOP_JKT, 'session-1');
    const offline = await start(undefined, DPOP_JKT);
    expect(online.family).toMatchObject({ mode: 'online', userSessionId: 'session-1' });
    expect(await runtime.endSession('session-1')).toBe(1);
    expect(await refusal(runtime.refresh({ refreshToken: online.refreshToken, client: null, dpopJkt: DPOP_JKT }))).toBe(
      'invalid_grant refresh.revoked',
    );
    await expect(runtime.refresh({ refreshToken: offline.refreshToken, client: null, dpopJkt: DPOP_JKT })).resolves.toBeTruthy();
  });

  it('online_access families end at the first refresh after their session is over, however it ended; offline ones do not', async () => {
    const live = new Set(['session-1', 'session-2']);
    const asked: string[] = [];
    const { start, runtime, store } = setup({}, undefined, async (id) => {
      asked.push(id);
      return live.has(id);
    });
    const one = await start('patient/Observation.rs launch/patient online_access', DPOP_JKT, 'session-1');
    const two = await start('patient/Observation.rs launch/patient online_access', DPOP_JKT, 'session-2');
    const offline = await start(undefined, DPOP_JKT, 'session-1');
    const one1 = await runtime.refresh({ refreshToken: one.refreshToken, client: null, dpopJkt: DPOP_JKT });
    live.delete('session-1');
    // Another client, or the wrong key, learns nothing and ends nothing.
    expect(
      await refusal(
        runtime.refresh({
          refreshToken: one1.refreshToken as string,
          client: { clientId: 'someone-else', type: 'public', authMethod: 'none' },
          dpopJkt: DPOP_JKT,
        }),
      ),
    ).toBe('invalid_grant refresh.client');
    expect(await refusal(runtime.refresh({ refreshToken: one1.refreshToken as string, client: null, dpopJkt: OTHER_JKT }))).toBe(
      'invalid_grant refresh.binding-key',
    );
    expect((await store.getFamily(one.family.id))?.revokedAt).toBeNull();
    expect(await refusal(runtime.refresh({ refreshToken: one1.refreshToken as string, client: null, dpopJkt: DPOP_JKT }))).toBe(
      'invalid_grant refresh.session-ended',
    );
    expect(await store.getFamily(one.family.id)).toMatchObject({ revokedReason: 'session-ended' });
    // Ended for good, even if the session id were live again.
    live.add('session-1');
    expect(await refusal(runtime.refresh({ refreshToken: one1.refreshToken as string, client: null, dpopJkt: DPOP_JKT }))).toBe(
      'invalid_grant refresh.revoked',
    );
    await expect(runtime.refresh({ refreshToken: two.refreshToken, client: null, dpopJkt: DPOP_JKT })).resolves.toBeTruthy();
    await expect(runtime.refresh({ refreshToken: offline.refreshToken, client: null, dpopJkt: DPOP_JKT })).resolves.toBeTruthy();
    // Offline families never ask.
    expect(asked.every((id) => id === 'session-1' || id === 'session-2')).toBe(true);
    expect(asked.filter((id) => id === 'session-2')).toHaveLength(1);
  });

  it('lists and revokes a user grants (connected apps)', async () => {
    const { start, runtime, advance, now } = setup({ idle: 1000, lifetime: 5000 });
    const a = await start(undefined, DPOP_JKT);
    advance(10);
    await start();
    const grants = await runtime.listUserGrants('pat-user');
    expect(grants).toHaveLength(2);
    expect(grants[0]).toMatchObject({
      familyId: a.family.id,
      app: 'portal',
      appTitle: 'Patient portal apps',
      binding: 'dpop',
      since: now() - 10,
      lastUsedAt: now() - 10,
      expiresAt: now() - 10 + 1000,
      mode: 'offline',
    });
    expect(await runtime.revokeUserGrant('someone-else', a.family.id)).toBe(false);
    expect(await runtime.revokeUserGrant('pat-user', a.family.id)).toBe(true);
    expect(await runtime.listUserGrants('pat-user')).toHaveLength(1);
  });

  it('RFC 7009: revokes a refresh token of the calling client only; junk is ignored', async () => {
    const { start, runtime } = setup();
    const { refreshToken, family } = await start(undefined, DPOP_JKT);
    expect(await runtime.revokeToken(refreshToken, 'other-app')).toBe(false);
    expect(await runtime.revokeToken(`spr1.${family.id}.${'x'.repeat(43)}`, 'portal-app')).toBe(false);
    expect(await runtime.revokeToken('garbage', 'portal-app')).toBe(false);
    expect(await runtime.revokeToken(refreshToken, 'portal-app')).toBe(true);
    expect(await refusal(runtime.refresh({ refreshToken, client: null, dpopJkt: DPOP_JKT }))).toBe('invalid_grant refresh.revoked');
  });

  it('a forged secret under a real family id learns nothing about the family', async () => {
    const { start, runtime } = setup();
    const { family } = await start(undefined, DPOP_JKT);
    const forged = `spr1.${family.id}.${'C'.repeat(43)}`;
    const thief = { clientId: 'other-app', type: 'public' as const, authMethod: 'none' };
    expect(await refusal(runtime.refresh({ refreshToken: forged, client: thief }))).toBe('invalid_grant refresh.unknown');
    await runtime.revokeUserGrant('pat-user', family.id);
    expect(await refusal(runtime.refresh({ refreshToken: forged, client: null }))).toBe('invalid_grant refresh.unknown');
  });

  it('refuses malformed tokens without echoing them', async () => {
    const { runtime } = setup();
    for (const bad of ['', 'spr1.x.y', 'a'.repeat(500), 'spr1.AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB']) {
      try {
        await runtime.refresh({ refreshToken: bad, client: null });
        throw new Error('accepted');
      } catch (error) {
        expect((error as OAuthFailure).check).toBe('refresh.unknown');
        if (bad.length > 0) expect((error as OAuthFailure).description).not.toContain(bad);
      }
    }
  });
});

describe('offline-access reminders', () => {
  it('batches due apps per user and holds back beyond the cap', async () => {
    const { start, store, advance, now } = setup({ remindEvery: 100, reminderCap: { count: 2, perSeconds: 1000 } });
    const a = await start(undefined, DPOP_JKT);
    const b = await start(undefined, DPOP_JKT);
    expect(await dueReminders(store, now() + 99)).toEqual([]);
    advance(100);
    const first = await dueReminders(store, now());
    expect(first).toHaveLength(1);
    expect(first[0]?.userId).toBe('pat-user');
    expect(first[0]?.apps.map((x) => x.familyId).sort()).toEqual([a.family.id, b.family.id].sort());
    await recordReminders(store, first);
    expect(await dueReminders(store, now() + 50)).toEqual([]);
    advance(100);
    const second = await dueReminders(store, now());
    expect(second).toHaveLength(1);
    await recordReminders(store, second);
    advance(100);
    expect(await dueReminders(store, now())).toEqual([]);
    advance(1000);
    expect(await dueReminders(store, now())).toHaveLength(1);
  });

  it('never reminds of revoked, expired or online families', async () => {
    const { start, store, runtime, advance, now } = setup({ remindEvery: 100, idle: null, lifetime: 150 });
    const a = await start(undefined, DPOP_JKT);
    await start('patient/Observation.rs launch/patient online_access', DPOP_JKT, 's1');
    advance(100);
    expect((await dueReminders(store, now()))[0]?.apps).toHaveLength(1);
    await runtime.revokeUserGrant('pat-user', a.family.id);
    expect(await dueReminders(store, now())).toEqual([]);
    await start(undefined, DPOP_JKT);
    advance(200);
    expect(await dueReminders(store, now())).toEqual([]);
  });
});
