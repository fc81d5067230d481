import type { ScopeParseResult } from './scope-types.js';
import { parseScope } from './scope-parser.js';

/** Entries kept before the oldest are evicted; enough for every distinct scope a server sees. */
const MAX_ENTRIES = 10_000;
/** Longer strings are parsed but not cached, so the cache's memory stays bounded. */
const MAX_CACHED_LENGTH = 2_048;

/**
 * `parseScope` with a bounded memo (insertion-ordered Map, oldest evicted first). Results are
 * frozen, so sharing them between callers is safe. Each evaluator owns one (its decisions never
 * depend on another's traffic).
 */
export class ScopeParseMemo {
  readonly #cache = new Map<string, ScopeParseResult>();

  parse(text: string): ScopeParseResult {
    const hit = this.#cache.get(text);
    if (hit !== undefined) return hit;
    const result = parseScope(text);
    if (typeof text === 'string' && text.length <= MAX_CACHED_LENGTH) {
      if (this.#cache.size >= MAX_ENTRIES) {
        const oldest = this.#cache.keys().next();
        if (!oldest.done) this.#cache.delete(oldest.value);
      }
      this.#cache.set(text, result);
    }
    return result;
  }

  /** Number of cached parse results (for tests and diagnostics). */
  get size(): number {
    return this.#cache.size;
  }

  clear(): void {
    this.#cache.clear();
  }
}

/** The memo of the tools (checker, scope lists); decisions use their evaluator's own. */
const tools = new ScopeParseMemo();

/** `parseScope` through the tools' memo (the checker and `parseScopeList`). */
export function parseScopeCached(text: string): ScopeParseResult {
  return tools.parse(text);
}

/** Number of results in the tools' memo (for tests and diagnostics). */
export function scopeCacheSize(): number {
  return tools.size;
}

/** Empties the tools' memo (for tests). */
export function clearScopeCache(): void {
  tools.clear();
}
