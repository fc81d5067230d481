import type { Scope, ScopeError, ScopeParseResult } from './scope-types.js';
import { SCOPE_ERROR_CODES as E } from './scope-error-codes.js';
import { scopeError } from './scope-error.js';
import { parseScopeCached } from './parse-scope-cached.js';

/** One token of a scope parameter and where it starts in the parameter. */
export interface ScopeListEntry {
  /** 0-based offset of the token's first character in the parameter string. */
  readonly offset: number;
  /** The token's parse result; its error offset (if any) is relative to the token. */
  readonly result: ScopeParseResult;
}

/** A parsed `scope` parameter (RFC 6749 §3.3). */
export interface ScopeListResult {
  /** True when every token is a valid scope and the separators are single spaces. */
  readonly ok: boolean;
  /** Every non-empty token in order, valid or not. */
  readonly entries: readonly ScopeListEntry[];
  /** The valid scopes, in order (duplicates kept as written). */
  readonly scopes: readonly Scope[];
  /**
   * Every problem, with offsets into the whole parameter: separator errors
   * (`scope.list.*`) and each invalid token's error shifted by the token's offset.
   */
  readonly errors: readonly ScopeError[];
}

/**
 * Splits and parses an RFC 6749 `scope` parameter: tokens separated by single spaces; the
 * empty string means no scopes. Leading, trailing and repeated spaces are reported (and
 * skipped, so the tokens are still parsed). Other whitespace stays inside a token and makes
 * that token invalid. Never throws; linear in the parameter's length.
 */
export function parseScopeList(param: string): ScopeListResult {
  const entries: ScopeListEntry[] = [];
  const scopes: Scope[] = [];
  const errors: ScopeError[] = [];
  if (typeof param !== 'string') {
    errors.push(scopeError('', E.empty, 'the scope parameter must be a string', 0, 0));
    return { ok: false, entries, scopes, errors };
  }
  const n = param.length;
  let i = 0;
  while (i < n) {
    if (param[i] === ' ') {
      let run = i;
      while (run < n && param[run] === ' ') run++;
      errors.push(spaceError(param, i, run));
      i = run;
      continue;
    }
    let end = i;
    while (end < n && param[end] !== ' ') end++;
    const result = parseScopeCached(param.slice(i, end));
    entries.push({ offset: i, result });
    if (result.ok) scopes.push(result.scope);
    else errors.push({ ...result.error, offset: result.error.offset + i });
    // Consume exactly one separator; extra spaces are reported by the branch above.
    i = end < n ? end + 1 : end;
    if (end < n && i === n) errors.push(spaceError(param, end, n));
  }
  return { ok: errors.length === 0, entries, scopes, errors };
}

function spaceError(param: string, start: number, end: number) {
  if (start === 0) {
    return scopeError(param, E.listLeadingSpace, 'the scope parameter cannot start with a space: remove it', start, end - start);
  }
  if (end >= param.length) {
    return scopeError(param, E.listTrailingSpace, 'the scope parameter cannot end with a space: remove it', start, end - start);
  }
  return scopeError(param, E.listDoubleSpace, 'scopes are separated by exactly one space: remove the extra spaces', start, end - start);
}
