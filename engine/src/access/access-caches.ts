/**
 * The caches of one access evaluator: prepared tokens for scope arrays and strings, parsed scope
 * strings, the last merged options and parsed server bases. An evaluator owns one; nothing here
 * is shared between evaluators, so a fresh evaluator decides from a cold start and two
 * evaluators never see each other's requests. Every cache is bounded.
 */
import { ScopeParseMemo } from '../smart/parse-scope-cached.js';
import type { ScopeParseResult } from '../smart/scope-types.js';
import type { AccessOptions } from './access-types.js';
import { prepareToken, type PreparedToken } from './prepared-token.js';
import { parseServerBase, type ServerBase } from './server-base.js';

/** Prepared tokens kept by joined scope text before the oldest is dropped. */
const MAX_TOKENS = 1000;
/** Parsed server bases kept (a server has one or a few). */
const MAX_SERVER_BASES = 64;

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class AccessCaches {
  /** Granted scope strings, parsed (they repeat across tokens). */
  readonly scopes = new ScopeParseMemo();
  // Tokens given as string arrays: first by array identity, checked element by element against a
  // snapshot (strings compare by pointer when unchanged, so a server that reuses its array pays
  // O(n) comparisons and no join), then by the joined text in a bounded insertion-ordered Map.
  readonly #byArray = new WeakMap<readonly string[], { readonly token: PreparedToken; readonly snapshot: readonly string[] }>();
  readonly #byText = new Map<string, PreparedToken>();
  #optionsIn: Partial<AccessOptions> | undefined;
  #optionsBase: AccessOptions | undefined;
  #optionsOut: AccessOptions | undefined;
  readonly #serverBases = new Map<string, ServerBase | null>();
  readonly #parse = (text: string): ScopeParseResult => this.scopes.parse(text);

  /** A token prepared with this evaluator's scope memo (not cached by itself). */
  prepare(granted: readonly unknown[]): PreparedToken {
    return prepareToken(granted as readonly string[], this.#parse);
  }

  /** The prepared form of a string array, from the caches when possible. */
  token(granted: readonly string[]): PreparedToken {
    const hit = this.#byArray.get(granted);
    if (hit !== undefined && sameStrings(granted, hit.snapshot)) return hit.token;
    for (let i = 0; i < granted.length; i++) if (typeof granted[i] !== 'string') return this.prepare(granted);
    const key = granted.join(' ');
    let p = this.#byText.get(key);
    if (p === undefined) {
      p = this.prepare(granted);
      if (this.#byText.size >= MAX_TOKENS) {
        const oldest = this.#byText.keys().next();
        if (!oldest.done) this.#byText.delete(oldest.value);
      }
      this.#byText.set(key, p);
    }
    this.#byArray.set(granted, { token: p, snapshot: granted.slice() });
    return p;
  }

  /**
   * `overrides` merged onto `base`, or `base` itself when there are none. A policy passes the
   * same options object on every call: the last merge is kept.
   */
  options(overrides: Partial<AccessOptions> | undefined, base: AccessOptions): AccessOptions {
    if (overrides === undefined || overrides === null || typeof overrides !== 'object') return base;
    if (overrides === this.#optionsIn && base === this.#optionsBase && this.#optionsOut !== undefined) return this.#optionsOut;
    const merged = { ...base, ...overrides };
    this.#optionsIn = overrides;
    this.#optionsBase = base;
    this.#optionsOut = merged;
    return merged;
  }

  /** A parsed server base (null when invalid), kept for the first few distinct bases. */
  serverBase(raw: string): ServerBase | null {
    const hit = this.#serverBases.get(raw);
    if (hit !== undefined) return hit;
    const parsed = parseServerBase(raw);
    if (this.#serverBases.size < MAX_SERVER_BASES) this.#serverBases.set(raw, parsed);
    return parsed;
  }
}
