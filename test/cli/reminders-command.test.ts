/** `smart-policy reminders`: offline-access reminders from a real SQLite store, under the portal policy's cadence and cap. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../engine/src/runtime/index.js';
import { family } from '../../engine/test/runtime/stores/store-contract.js';
import { cli, jsonLinesOf } from './cli-harness.js';

const DAY = 86_400;
const T = 1_800_000_000;
const POLICY = 'policies/patient-portal/portal.smartpolicy';

describe('smart-policy reminders', () => {
  it('prints one JSON line per user due at --at (the policy: every 90 days, at most 4 per 365 days) and records with --record', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sp-reminders-')), 'store.db');
    const store = await openSqliteStore({ file });
    const a = family({ userId: 'alice', app: 'patient_apps', createdAt: T, expiresAt: null, idleSeconds: null });
    const b = family({
      userId: 'alice',
      app: 'patient_apps',
      clientId: 'client-2',
      createdAt: T + DAY,
      expiresAt: null,
      idleSeconds: null,
    });
    const c = family({ userId: 'bob', app: 'patient_apps', createdAt: T + 50 * DAY, expiresAt: null, idleSeconds: null });
    for (const f of [a, b, c]) await store.createFamily(f, f.id);
    await store.close();

    const early = await cli(['reminders', POLICY, '--store', `sqlite:${file}`, '--at', String(T + 89 * DAY)]);
    expect([early.code, early.stdout]).toEqual([0, '']);

    const run = await cli(['reminders', POLICY, '--store', `sqlite:${file}`, '--at', String(T + 91 * DAY), '--record']);
    expect(run.code, run.stderr).toBe(0);
    const lines = jsonLinesOf(run.stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ userId: 'alice', at: T + 91 * DAY });
    const apps = (lines[0]?.apps ?? []) as { familyId: string }[];
    expect(apps.map((x) => x.familyId)).toEqual([a.id, b.id]);

    // Recorded: not due again the next day; bob is due after his 90 days.
    const next = await cli(['reminders', POLICY, '--store', `sqlite:${file}`, '--at', new Date((T + 141 * DAY) * 1000).toISOString()]);
    expect(jsonLinesOf(next.stdout).map((l) => l.userId)).toEqual(['bob']);
  });

  it('refuses a bad --at or a missing --store with a clear message', async () => {
    expect((await cli(['reminders', POLICY])).stderr).toMatch(/needs --store/);
    const bad = await cli(['reminders', POLICY, '--store', 'memory', '--at', 'yesterday']);
    expect([bad.code, bad.stderr.trim()]).toEqual([3, 'smart-policy reminders: --at must be epoch seconds or an ISO 8601 date-time']);
    const store = await cli(['reminders', POLICY, '--store', 'mysql://user:secret@h/db']);
    expect(store.code).toBe(3);
    expect(store.stderr).not.toContain('secret');
  });
});
