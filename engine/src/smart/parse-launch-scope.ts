import type { ScopeParseResult } from './scope-types.js';
import { SCOPE_ERROR_CODES as E } from './scope-error-codes.js';
import { failure, quote } from './scope-error.js';
import { RESOURCE_TYPE_BY_LOWER_NAME } from '../fhir/resource-types.js';

const PREFIX = 'launch/';
const ROLE = 'role=';

/**
 * Parses `launch/<type>[?role=<role>]` (SMART App Launch, Scopes and Launch Context: "Scopes for requesting context data"). The caller has checked the
 * prefix and the character set. `<type>` must be a lower-cased FHIR R4 resource type name
 * (`imagingstudy`): the IG asks for "any other resource type, all lower case", so names that
 * are not R4 types are refused rather than passed through.
 */
export function parseLaunchContextScope(text: string): ScopeParseResult {
  const n = text.length;
  const start = PREFIX.length;
  let i = start;
  let firstUpper = -1;
  let firstOther = -1;
  while (i < n && text[i] !== '?') {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) {
      if (firstUpper < 0) firstUpper = i;
    } else if (!(c >= 0x61 && c <= 0x7a) && firstOther < 0) {
      firstOther = i;
    }
    i++;
  }
  const contextType = text.slice(start, i);
  if (contextType === '') {
    return failure(
      text,
      E.launchTypeEmpty,
      "missing context type after 'launch/': write e.g. 'launch/patient' or 'launch/encounter', or plain 'launch' for an EHR launch",
      start - 1,
    );
  }
  if (firstOther >= 0) {
    return failure(
      text,
      E.launchTypeInvalid,
      `${quote(contextType)} is not a launch context type: write a resource type name in lower-case letters, e.g. 'launch/patient'`,
      firstOther,
    );
  }
  if (firstUpper >= 0) {
    return failure(
      text,
      E.launchUppercase,
      `launch context types are written all lower case: write 'launch/${contextType.toLowerCase()}', not ${quote(`launch/${contextType}`)}`,
      start,
      contextType.length,
    );
  }
  if (!RESOURCE_TYPE_BY_LOWER_NAME.has(contextType)) {
    return failure(
      text,
      E.launchTypeUnknown,
      `${quote(contextType)} is not a lower-cased FHIR R4 resource type: write e.g. 'launch/patient', 'launch/encounter' or 'launch/imagingstudy'`,
      start,
      contextType.length,
    );
  }
  if (i >= n) return ok(text, contextType, null);

  const queryStart = i + 1;
  if (!text.startsWith(ROLE, queryStart)) {
    return failure(
      text,
      E.launchQueryInvalid,
      `a launch context scope only takes '?role=<role>': write 'launch/${contextType}?role=https://…'`,
      i,
      n - i,
    );
  }
  const roleStart = queryStart + ROLE.length;
  let roleEnd = roleStart;
  while (roleEnd < n && text[roleEnd] !== '&') roleEnd++;
  if (roleEnd === roleStart) {
    return failure(
      text,
      E.launchRoleEmpty,
      "'role=' needs a value: an absolute URI such as 'https://example.org/med-list-at-home'",
      queryStart,
      ROLE.length,
    );
  }
  if (roleEnd < n) {
    const repeated = text.startsWith(ROLE, roleEnd + 1);
    return repeated
      ? failure(
          text,
          E.launchRoleRepeated,
          'a launch context scope carries at most one role: send one scope per role, e.g. two launch/list?role=… scopes',
          roleEnd + 1,
          n - roleEnd - 1,
        )
      : failure(text, E.launchQueryInvalid, "a launch context scope only takes a single '?role=<role>' parameter", roleEnd, n - roleEnd);
  }
  return ok(text, contextType, text.slice(roleStart, roleEnd));
}

function ok(text: string, contextType: string, role: string | null): ScopeParseResult {
  return Object.freeze({ ok: true, text, scope: Object.freeze({ type: 'launch-context', contextType, role }) });
}
