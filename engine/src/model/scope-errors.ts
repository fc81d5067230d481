/**
 * Splits the scope parser's error codes between two checker rules: a resource type the declared
 * FHIR version does not have (`semantic.unknown-resource-type`) and every other syntax problem
 * (`semantic.invalid-scope`), and derives the corrected scope when the parser's message names it.
 */
import type { ScopeError } from '../smart/scope-types.js';
import { SCOPE_ERROR_CODES as E } from '../smart/scope-error-codes.js';

const RESOURCE_TYPE_ERRORS: ReadonlySet<string> = new Set([E.resourceUnknown, E.resourceCase, E.resourceAbstract, E.launchTypeUnknown]);

/** True when the error is about the resource type name rather than the scope's syntax. */
export function isResourceTypeError(error: ScopeError): boolean {
  return RESOURCE_TYPE_ERRORS.has(error.code);
}

/**
 * The whole corrected scope when the parser's message says "write 'X', not 'Y'" and Y occurs
 * once in the scope text (the parser's own suggestion, applied).
 */
export function correctedScope(text: string, error: ScopeError): string | undefined {
  const m = /write '([^']*)', not '([^']*)'/.exec(error.message);
  if (!m) return undefined;
  const [, right, wrong] = m as unknown as [string, string, string];
  if (wrong === '' || text.indexOf(wrong) < 0 || text.indexOf(wrong) !== text.lastIndexOf(wrong)) return undefined;
  return text.replace(wrong, right);
}
