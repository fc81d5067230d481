/**
 * Lists of words inside one language's frames: permission verbs ("see and search", "add, change
 * and delete") and nouns ("lab results and medications"). Joined by the language's own
 * `listMiddle` and `listPair` ICU messages, never by hard-coded English conjunctions.
 */
import { formatMessage } from './messages.js';
import type { Phrasebook } from './phrasebook/index.js';

/** Letters in reading order: looking before changing ("see, search, add, change and delete"). */
const VERB_ORDER = ['r', 's', 'c', 'u', 'd'] as const;

/** Spanish writes "e" instead of "y" before a word starting with the sound /i/ (i-, hi- but not hie-, hia-). */
function startsWithI(word: string): boolean {
  return /^(?:i|í|hi(?![aeoué]))/i.test(word);
}

/** Joins items with the language's list frames; `''` for none. */
export function joinList(items: readonly string[], book: Phrasebook): string {
  const [first, ...rest] = items;
  if (first === undefined) return '';
  const last = rest.pop();
  if (last === undefined) return first;
  let head = first;
  for (const item of rest) head = formatMessage(book, 'listMiddle', { a: head, b: item });
  return formatMessage(book, 'listPair', { a: head, b: last, bStartsWithI: startsWithI(last) ? 'yes' : 'no' });
}

/** The verb phrase of a `cruds` permission string. */
export function verbPhrase(permissions: string, book: Phrasebook): string {
  const words = VERB_ORDER.filter((letter) => permissions.includes(letter)).map((letter) => formatMessage(book, 'verb', { letter }));
  return joinList(words, book);
}
