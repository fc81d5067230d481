import type { ScopeParseResult } from './scope-types.js';
import { parseScope } from './scope-parser.js';

/** Entries kept before the oldest are evicted; enough for every distinct scope a server sees. */
const MAX_ENTRIES = 10_000;
/** Longer strings are parsed but not cached, so the cache's memory stays bounded. */
const MAX_CACHED_LENGTH = 2_048;

const cache = new Map<string, ScopeParseResult>();

/**
 * `parseScope` with a bounded memo (insertion-ordered Map, oldest evicted first). Results are
 * frozen, so sharing them between callers is safe. Used by the access engine for granted
 * scope strings, which repeat across requests.
 */
export function parseScopeCached(text: string): ScopeParseResult {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const result = parseScope(text);
  if (typeof text === 'string' && text.length <= MAX_CACHED_LENGTH) {
    if (cache.size >= MAX_ENTRIES) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(text, result);
  }
  return result;
}

/** Number of cached parse results (for tests and diagnostics). */
export function scopeCacheSize(): number {
  return cache.size;
}

/** Empties the parse cache (for tests). */
export function clearScopeCache(): void {
  cache.clear();
}
