/** Seconds → "90 days" / "90 días" through the phrasebook's `duration` frame (ICU plurals). */
import { formatMessage } from './messages.js';
import type { Phrasebook } from './phrasebook/index.js';

const UNITS: readonly (readonly [string, number])[] = [
  ['year', 365 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** The largest unit that divides the duration exactly; weeks only below 8 (56 days reads better). */
export function splitDuration(seconds: number): { unit: string; n: number } {
  for (const [unit, size] of UNITS) {
    if (seconds >= size && seconds % size === 0) {
      if (unit === 'week' && seconds / size >= 8) continue;
      return { unit, n: seconds / size };
    }
  }
  return { unit: 'second', n: seconds };
}

/** Formats a duration in seconds for a sentence. */
export function formatDuration(seconds: number, book: Phrasebook): string {
  const { unit, n } = splitDuration(Math.max(0, Math.round(seconds)));
  return formatMessage(book, 'duration', { unit, n });
}
