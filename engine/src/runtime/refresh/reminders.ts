/**
 * Offline-access reminders (SMART App Launch best practices: remind users which apps have
 * offline access): at time `at`, every user with live `offline_access` families due by their
 * policy's `remind every`, batched into one message per user, and held back when the user's
 * reminders in the cap's window reached `remind at most N per …` so nobody is flooded.
 */
import type { BundleRefreshPolicy, PolicyBundle } from '../../compile/bundle-types.js';
import type { Store, StoredFamily } from '../stores/store-types.js';
import { familyExpired } from '../stores/rotation-rules.js';
import type { ReminderBatch } from './reminder-types.js';

export interface ReminderOptions {
  /**
   * The policy in force now: its refresh policy for a family's app class decides `remind every`
   * and the cap (a policy edit applies to grants made before it); without one, each family's
   * settings from when it was granted.
   */
  readonly bundle?: PolicyBundle;
}

type ReminderSettings = Pick<StoredFamily, 'remindEvery' | 'reminderCap'>;

function isDue(family: StoredFamily, settings: ReminderSettings, at: number): boolean {
  if (family.mode !== 'offline' || settings.remindEvery === null || family.revokedAt !== null || familyExpired(family, at)) return false;
  return at >= (family.lastRemindedAt ?? family.createdAt) + settings.remindEvery;
}

/** The batches due at `at`, one per user, users and apps in a stable order. */
export async function dueReminders(store: Store, at: number, options: ReminderOptions = {}): Promise<ReminderBatch[]> {
  const policies = new Map<string, BundleRefreshPolicy>((options.bundle?.refresh ?? []).map((r) => [r.app, r]));
  const settingsOf = (family: StoredFamily): ReminderSettings => policies.get(family.app) ?? family;
  const byUser = new Map<string, StoredFamily[]>();
  for (const family of await store.listFamilies({})) {
    if (!isDue(family, settingsOf(family), at)) continue;
    const list = byUser.get(family.userId) ?? [];
    list.push(family);
    byUser.set(family.userId, list);
  }
  const batches: ReminderBatch[] = [];
  for (const userId of [...byUser.keys()].sort()) {
    const due: StoredFamily[] = [];
    for (const family of byUser.get(userId) ?? []) {
      const cap = settingsOf(family).reminderCap;
      if (cap !== null && (await store.remindersSince(userId, at - cap.perSeconds)).length >= cap.count) continue;
      due.push(family);
    }
    if (due.length === 0) continue;
    due.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    batches.push({
      userId,
      at,
      apps: due.map((f) => ({
        familyId: f.id,
        clientId: f.clientId,
        app: f.app,
        ...(f.appTitle === undefined ? {} : { appTitle: f.appTitle }),
        scope: f.scope,
        since: f.createdAt,
        lastUsedAt: f.lastUsedAt,
      })),
    });
  }
  return batches;
}

/** Records the batches as sent (they count against the cap; their families' clocks restart). */
export async function recordReminders(store: Store, batches: readonly ReminderBatch[]): Promise<void> {
  for (const batch of batches) {
    await store.recordReminder(
      batch.userId,
      batch.apps.map((a) => a.familyId),
      batch.at,
    );
  }
}
