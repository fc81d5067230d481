/**
 * Until when access lasts: with `offline_access`, the app class's refresh lifetime from `now`
 * (and its idle limit); without it, the access token's lifetime (or the online refresh
 * lifetime). Dates are localized with Intl in the given time zone.
 */
import { formatDuration } from '../duration.js';
import { phrasebookFor } from '../phrasebook/index.js';
import type { CatalogOfflineAccess } from '../explanation-catalog.js';
import type { AccessPeriod } from './screen-types.js';

/** `now` as epoch milliseconds; an unreadable `now` is the epoch (deterministic, visibly wrong in review). */
export function instantOf(now: Date | number | string): number {
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(String(now));
  return Number.isFinite(ms) ? ms : 0;
}

/** The access period; `offline` is the class's offline limits when the screen offers offline access. */
export function accessPeriod(nowMs: number, offline: CatalogOfflineAccess | undefined, shortSeconds: number): AccessPeriod {
  if (offline) {
    return {
      until: offline.lifetimeSeconds === null ? null : safeIso(nowMs + offline.lifetimeSeconds * 1000),
      idleSeconds: offline.idleSeconds,
      offline: true,
    };
  }
  return { until: safeIso(nowMs + shortSeconds * 1000), idleSeconds: null, offline: false };
}

function safeIso(ms: number): string {
  const d = new Date(Math.min(Math.max(ms, -8.64e15), 8.64e15));
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

function validTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** A localized date (with the time when `withTime`), falling back to English for unknown locales. */
export function formatDate(iso: string, locale: string, timeZone: string | undefined, withTime: boolean): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: 'long', timeStyle: 'short', timeZone: validTimeZone(timeZone) }
    : { dateStyle: 'long', timeZone: validTimeZone(timeZone) };
  try {
    return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat('en', options).format(new Date(iso));
  }
}

/** A duration in words in the locale's phrasebook (English when it has none). */
export function durationWords(seconds: number, locale: string): string {
  const book = phrasebookFor(locale) ?? phrasebookFor('en');
  return book ? formatDuration(seconds, book) : `${Math.round(seconds)} s`;
}
