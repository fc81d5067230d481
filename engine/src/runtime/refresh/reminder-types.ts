/** Offline-access reminders: who is told, at time t, which apps keep offline access. */

export interface ReminderApp {
  readonly familyId: string;
  readonly clientId: string;
  readonly app: string;
  readonly appTitle?: string;
  readonly scope: string;
  readonly since: number;
  readonly lastUsedAt: number;
}

/** One message to one user listing every app due (batched per user). */
export interface ReminderBatch {
  readonly userId: string;
  readonly at: number;
  readonly apps: readonly ReminderApp[];
}
