import type { ScopeError, ScopeParseResult } from './scope-types.js';
import type { ScopeErrorCode } from './scope-error-codes.js';

/** Longest piece of user input quoted in a message; keeps messages small for megabyte inputs. */
const MAX_QUOTED = 60;

/** Quotes a piece of the scope for an error message, shortened when long. */
export function quote(fragment: string): string {
  const shown = fragment.length > MAX_QUOTED ? `${fragment.slice(0, MAX_QUOTED)}…` : fragment;
  return `'${shown}'`;
}

/**
 * Builds a `ScopeError`, clamping the span inside the text so that every error of a non-empty
 * string covers at least one real character (editors underline it).
 */
export function scopeError(text: string, code: ScopeErrorCode, message: string, offset: number, length = 1): ScopeError {
  const n = text.length;
  if (n === 0) return Object.freeze({ code, message, offset: 0, length: 0 });
  const start = Math.min(Math.max(offset, 0), n - 1);
  const span = Math.min(Math.max(length, 1), n - start);
  return Object.freeze({ code, message, offset: start, length: span });
}

/** A failed parse result. */
export function failure(text: string, code: ScopeErrorCode, message: string, offset: number, length = 1): ScopeParseResult {
  return Object.freeze({ ok: false, text, error: scopeError(text, code, message, offset, length) });
}
