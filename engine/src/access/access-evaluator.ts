/**
 * An access evaluator: `authorize` with its own caches and its own base options. Everything a
 * decision remembers (prepared tokens, parsed scopes, merged options, per-type outcomes) lives
 * in the evaluator, so decisions of one evaluator never depend on another's traffic. The plain
 * `authorize()` is this, over one default evaluator with the engine's default options.
 */
import { authorizeWith } from './authorize.js';
import { AccessCaches } from './access-caches.js';
import { DEFAULT_ACCESS_OPTIONS } from './access-options.js';
import type { AccessOptions, AccessRequest, AccessResult } from './access-types.js';
import type { PreparedToken } from './prepared-token.js';

export interface AccessEvaluator {
  /** The options every decision starts from (a request's `options` override them). */
  readonly options: AccessOptions;
  /** Decides one request. Pure, synchronous, never throws: errors deny with `errors` set. */
  authorize(request: AccessRequest): AccessResult;
  /** A token prepared with this evaluator's scope memo; pass it as `granted`. */
  prepareToken(granted: readonly string[]): PreparedToken;
}

/** True when `options` holds the defaults, member by member (so the fast path may answer). */
function isDefault(options: AccessOptions): boolean {
  const d = DEFAULT_ACCESS_OPTIONS as unknown as Record<string, unknown>;
  const o = options as unknown as Record<string, unknown>;
  const keys = Object.keys(d);
  if (Object.keys(o).length !== keys.length) return false;
  for (const k of keys) {
    if (!Object.hasOwn(o, k)) return false;
    const a = d[k];
    const b = o[k];
    if (a === b) continue;
    // Only `operations` is an object; the default is empty.
    if (k !== 'operations' || b === null || typeof b !== 'object' || Object.keys(b).length !== 0) return false;
  }
  return true;
}

/**
 * An evaluator deciding under `options` (the engine's defaults when absent; a partial object is
 * merged onto them). Options equal to the defaults are the defaults, so the fast path applies.
 */
export function createAccessEvaluator(options?: Partial<AccessOptions>): AccessEvaluator {
  const merged = options === undefined || options === null ? DEFAULT_ACCESS_OPTIONS : { ...DEFAULT_ACCESS_OPTIONS, ...options };
  const base = isDefault(merged) ? DEFAULT_ACCESS_OPTIONS : Object.freeze(merged);
  const caches = new AccessCaches();
  return {
    options: base,
    authorize: (request) => authorizeWith(request, caches, base),
    prepareToken: (granted) => caches.prepare(Array.isArray(granted) ? granted : []),
  };
}
