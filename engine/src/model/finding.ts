/** Small builders shared by rules, so messages and data stay uniform. */
import type { Range } from '../language/range.js';
import type { RuleFinding } from './rule-types.js';
import { editDistance } from '../language/suggest.js';

/** A finding; `data` and `uri` are left out when undefined. */
export function finding(range: Range, message: string, uri: string | undefined, data?: Readonly<Record<string, unknown>>): RuleFinding {
  const f: { range: Range; message: string; uri?: string; data?: Readonly<Record<string, unknown>> } = { range, message };
  if (uri !== undefined) f.uri = uri;
  if (data !== undefined) f.data = data;
  return f;
}

/**
 * A closest-match suggestion among candidates: a case-insensitive match first, then the nearest
 * by edit distance (a swap of neighbouring letters is one edit) — at most 1 for words of up to 4 characters (so `fr` never suggests `en`),
 * at most 2 otherwise.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = word.length <= 4 ? 2 : 3;
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const d = distance(lower, c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Edit distance with neighbour swaps as one edit (the language's `editDistance`), capped at `limit`. */
function distance(a: string, b: string, limit: number): number {
  return Math.min(limit, editDistance(a, b, limit));
}

/** " Did you mean X?" or "". */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
}
