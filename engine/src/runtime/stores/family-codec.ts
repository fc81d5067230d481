/**
 * How SQL stores keep a family: the fixed record as one JSON document plus the columns that
 * change (last use, revocation, reminders, generation) or are looked up.
 */
import type { FamilyFilter, RefreshFamilyRecord, StoredFamily } from './store-types.js';

export interface FamilyRow {
  readonly doc: string;
  readonly last_used_at: number | string;
  readonly revoked_at: number | string | null;
  readonly revoked_reason: string | null;
  readonly last_reminded_at: number | string | null;
  readonly generation: number | string;
}

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v));
const numOrNull = (v: number | string | null): number | null => (v === null ? null : num(v));

export function encodeFamily(record: RefreshFamilyRecord): string {
  return JSON.stringify(record);
}

export function decodeFamily(row: FamilyRow): StoredFamily {
  const record = JSON.parse(row.doc) as RefreshFamilyRecord;
  return {
    ...record,
    lastUsedAt: num(row.last_used_at),
    revokedAt: numOrNull(row.revoked_at),
    revokedReason: row.revoked_reason,
    lastRemindedAt: numOrNull(row.last_reminded_at),
    generation: num(row.generation),
  };
}

/** The columns a family filter constrains, with their values. */
export function filterColumns(filter: FamilyFilter): [string, string][] {
  const pairs: [string, string][] = [];
  if (filter.userId !== undefined) pairs.push(['user_id', filter.userId]);
  if (filter.userSessionId !== undefined) pairs.push(['session_id', filter.userSessionId]);
  if (filter.clientId !== undefined) pairs.push(['client_id', filter.clientId]);
  return pairs;
}
