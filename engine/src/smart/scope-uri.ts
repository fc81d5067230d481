import type { Scope, ScopeParseResult } from './scope-types.js';
import { SCOPE_ERROR_CODES as E } from './scope-error-codes.js';
import { failure, quote } from './scope-error.js';
import { parseScope } from './scope-parser.js';
import { formatScope } from './format-scope.js';

/** URI prefix for scopes SMART defines (SMART App Launch, Scopes and Launch Context: scopes as URIs). */
export const SMART_SCOPE_URI_PREFIX = 'http://smarthealthit.org/fhir/scopes/';
/** URI prefix for scopes OpenID Connect defines (SMART App Launch, Scopes and Launch Context: scopes as URIs). */
export const OPENID_SCOPE_URI_PREFIX = 'http://openid.net/specs/openid-connect-core-1_0#';

/**
 * Scopes that take the OpenID prefix: the ones OpenID Connect Core defines and SMART only reuses.
 * `fhirUser` is defined by SMART (OIDC knows no such scope), so it takes the SMART prefix.
 * `offline_access` also appears in OIDC Core §11, but SMART defines its own meaning for it
 * (and `online_access` has no OIDC counterpart), so both refresh scopes take the SMART prefix.
 */
const OPENID_NAMES: ReadonlySet<string> = new Set(['openid', 'profile']);

/**
 * The URI form of a scope, for exchanging scopes where URIs are required:
 * `patient/*.r` → `http://smarthealthit.org/fhir/scopes/patient/*.r`, `openid` →
 * `http://openid.net/specs/openid-connect-core-1_0#openid`. Resource scopes use their
 * canonical v2 form. An extension scope that already is a URI is its own URI form; a
 * `__name` extension has none (null), since it is not a SMART scope.
 */
export function toScopeUri(scope: Scope): string | null {
  if (scope.type === 'extension') return scope.name.startsWith('__') ? null : scope.name;
  if (scope.type === 'identity' && OPENID_NAMES.has(scope.name)) return OPENID_SCOPE_URI_PREFIX + scope.name;
  return SMART_SCOPE_URI_PREFIX + formatScope(scope, { syntax: 'v2' });
}

/**
 * Parses the URI form of a scope back into a scope. A URI with neither prefix is parsed as an
 * ordinary token (an absolute URI is an extension scope). A scope under the wrong prefix
 * (`…openid-connect-core-1_0#fhirUser`, `…/scopes/openid`) is an error. Error offsets are into
 * `uri`. Never throws.
 */
export function fromScopeUri(uri: string): ScopeParseResult {
  if (typeof uri !== 'string') return parseScope(uri);
  const prefix = uri.startsWith(SMART_SCOPE_URI_PREFIX)
    ? SMART_SCOPE_URI_PREFIX
    : uri.startsWith(OPENID_SCOPE_URI_PREFIX)
      ? OPENID_SCOPE_URI_PREFIX
      : null;
  if (prefix === null) return parseScope(uri);
  const inner = parseScope(uri.slice(prefix.length));
  if (!inner.ok) {
    return { ok: false, text: uri, error: { ...inner.error, offset: inner.error.offset + prefix.length } };
  }
  const expected = toScopeUri(inner.scope);
  if (expected === null || !expected.startsWith(prefix)) {
    const right =
      expected === null
        ? 'no URI form'
        : `the prefix '${expected.startsWith(SMART_SCOPE_URI_PREFIX) ? SMART_SCOPE_URI_PREFIX : OPENID_SCOPE_URI_PREFIX}'`;
    return failure(uri, E.uriNamespace, `${quote(inner.text)} does not belong under '${prefix}': it takes ${right}`, 0, prefix.length);
  }
  return { ok: true, text: uri, scope: inner.scope };
}
