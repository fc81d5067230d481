import type { Scope, ScopeLevel, ScopeParseResult } from './scope-types.js';
import { SCOPE_ERROR_CODES as E } from './scope-error-codes.js';
import { failure, quote } from './scope-error.js';
import { parseResourceScope } from './parse-resource-scope.js';
import { parseLaunchContextScope } from './parse-launch-scope.js';
import { RESOURCE_TYPE_BY_LOWER_NAME, RESOURCE_TYPE_SET } from '../fhir/resource-types.js';

/** The registration scope of trusted dynamic registration (persistent-access proposal); not a v2 resource scope. */
export const REGISTRATION_SCOPE = 'system/DynamicClient.register';

const LEVELS: ReadonlySet<string> = new Set<ScopeLevel>(['patient', 'user', 'system']);

/** Scopes that are a single fixed word, with their parsed form (shared, frozen). */
const KEYWORD_SCOPES: ReadonlyMap<string, Scope> = new Map<string, Scope>([
  ['launch', Object.freeze({ type: 'launch' })],
  ['openid', Object.freeze({ type: 'identity', name: 'openid' })],
  ['fhirUser', Object.freeze({ type: 'identity', name: 'fhirUser' })],
  ['profile', Object.freeze({ type: 'identity', name: 'profile' })],
  ['offline_access', Object.freeze({ type: 'refresh', mode: 'offline' })],
  ['online_access', Object.freeze({ type: 'refresh', mode: 'online' })],
  [REGISTRATION_SCOPE, Object.freeze({ type: 'registration', name: REGISTRATION_SCOPE })],
]);

/** Lower-cased keyword → keyword, to suggest the right spelling of `OpenID`, `Launch`, … */
const KEYWORD_BY_LOWER: ReadonlyMap<string, string> = new Map([...KEYWORD_SCOPES.keys()].map((k) => [k.toLowerCase(), k] as const));

/**
 * Parses one SMART scope token (SMART App Launch, Scopes and Launch Context: resource, context, identity and extension scopes and their grammar; the persistent-access proposal).
 *
 * Never throws and runs in time linear in `text.length` (hand-written scanner, no
 * backtracking). A malformed scope is never reinterpreted: `patient/Observation.sr` is an
 * error, not `rs`. Error offsets are 0-based UTF-16 code-unit indexes into `text`.
 */
export function parseScope(text: string): ScopeParseResult {
  if (typeof text !== 'string') {
    return failure('', E.empty, 'a scope must be a string', 0, 0);
  }
  if (text.length === 0) {
    return failure(text, E.empty, 'empty scope: write a scope such as patient/Observation.rs, launch/patient or openid', 0, 0);
  }
  const charProblem = checkCharacters(text);
  if (charProblem) return charProblem;

  const keyword = KEYWORD_SCOPES.get(text);
  if (keyword) return Object.freeze({ ok: true, text, scope: keyword });

  if (text.startsWith('launch/')) return parseLaunchContextScope(text);
  if (text.startsWith('launch?')) {
    return failure(
      text,
      E.launchQueryInvalid,
      "plain 'launch' takes no parameters: use 'launch/<type>?role=<role>' to ask for a context with a role",
      6,
      text.length - 6,
    );
  }
  if (text.startsWith('__')) {
    if (text.length === 2) {
      return failure(text, E.extensionEmpty, "an extension scope needs a name after '__', e.g. '__profilePhoto.manage'", 0, 2);
    }
    return extension(text);
  }
  if (isAbsoluteUri(text)) return extension(text);

  const slash = text.indexOf('/');
  if (slash >= 0) {
    const level = text.slice(0, slash);
    if (LEVELS.has(level)) return parseResourceScope(text, level as ScopeLevel, slash + 1);
    if (!isLetters(level)) return unrecognised(text);
    const lower = level.toLowerCase();
    const hint = LEVELS.has(lower)
      ? `levels are lower case: write '${lower}', not ${quote(level)}`
      : `${quote(level)} is not a scope level: use 'patient', 'user' or 'system'`;
    return failure(text, E.levelUnknown, hint, 0, Math.max(slash, 1));
  }

  const dot = text.indexOf('.');
  if (dot > 0) {
    const head = text.slice(0, dot);
    if (head === '*' || RESOURCE_TYPE_SET.has(head) || RESOURCE_TYPE_BY_LOWER_NAME.has(head.toLowerCase())) {
      return failure(
        text,
        E.levelMissing,
        `a resource scope needs a level: write 'patient/${quote(text).slice(1, -1)}', 'user/…' or 'system/…'`,
        0,
        dot,
      );
    }
  }
  return unrecognised(text);
}

function unrecognised(text: string): ScopeParseResult {
  const suggestion = KEYWORD_BY_LOWER.get(text.toLowerCase());
  const hint =
    suggestion !== undefined
      ? `scopes are case-sensitive: write '${suggestion}'`
      : "use a resource scope (patient/Observation.rs), launch, launch/<type>, openid, fhirUser, profile, offline_access, online_access, or an extension ('__name' or an absolute URI)";
  return failure(text, E.unrecognised, `${quote(text)} is not a SMART scope: ${hint}`, 0, text.length);
}

function extension(text: string): ScopeParseResult {
  return Object.freeze({ ok: true, text, scope: Object.freeze({ type: 'extension', name: text }) });
}

/**
 * Scope tokens are printable ASCII except space, `"` and `\` (RFC 6749 §3.3 NQCHAR without
 * space). Reports the first offending character.
 */
function checkCharacters(text: string): ScopeParseResult | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c) {
      return failure(
        text,
        E.whitespace,
        'a scope cannot contain whitespace: separate scopes with a single space in the scope parameter, and give each its own token',
        i,
      );
    }
    if (c === 0x22 || c === 0x5c) {
      return failure(
        text,
        E.characterForbidden,
        `the character ${c === 0x22 ? "'\"'" : "'\\'"} is not allowed in a scope (RFC 6749 §3.3)`,
        i,
      );
    }
    return failure(
      text,
      E.characterInvalid,
      `character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in a scope: only printable ASCII (percent-encode others in query values)`,
      i,
    );
  }
  return null;
}

/** An absolute URI starts with a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`) and has something after it. */
function isAbsoluteUri(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!isAlpha(first)) return false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a) return i + 1 < text.length;
    if (!(isAlpha(c) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e)) return false;
  }
  return false;
}

/** Only ASCII letters (the empty string counts: `/Observation.rs` lacks a level). */
function isLetters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isAlpha(text.charCodeAt(i))) return false;
  return true;
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
