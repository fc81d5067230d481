import type { QueryPair, ResourceScope, ScopeLevel, ScopeParseResult } from './scope-types.js';
import { SCOPE_ERROR_CODES as E } from './scope-error-codes.js';
import { failure, quote } from './scope-error.js';
import { ABSTRACT_TYPE_SET, RESOURCE_TYPE_BY_LOWER_NAME, RESOURCE_TYPE_SET } from '../fhir/resource-types.js';

/** v1 permission words and the v2 letters they mean (SMART App Launch, Scopes and Launch Context: SMART v1 scopes). */
export const V1_PERMISSIONS: Readonly<Record<string, string>> = Object.freeze({
  read: 'rs',
  write: 'cud',
  '*': 'cruds',
});

const CRUDS = 'cruds';

/**
 * Parses the part of a resource scope after `level/` (SMART App Launch, Scopes and Launch Context: the scope grammar). The caller has checked
 * the level and the character set; `start` is the offset just after the `/`.
 * Single left-to-right pass, no regular expressions, so time is linear in the length.
 */
export function parseResourceScope(text: string, level: ScopeLevel, start: number): ScopeParseResult {
  const n = text.length;
  let i = start;
  while (i < n && text[i] !== '.' && text[i] !== '?') i++;
  const target = text.slice(start, i);

  const targetProblem = checkTarget(text, target, start);
  if (targetProblem) return targetProblem;

  if (i >= n || text[i] === '?') {
    return failure(
      text,
      E.permissionsMissing,
      `missing permissions after the resource type: write '${level}/${target}.rs' (v2 letters from 'cruds') or '${level}/${target}.read' (v1)`,
      i >= n ? n - 1 : i,
    );
  }

  const permsStart = i + 1;
  let j = permsStart;
  while (j < n && text[j] !== '?') j++;
  const written = text.slice(permsStart, j);

  const v1Letters = v1LettersFor(written);
  if (v1Letters !== null) {
    if (j < n) {
      return failure(
        text,
        E.queryAfterV1,
        `a query suffix is only allowed after v2 permission letters: write '${level}/${target}.${v1Letters}?…' instead of '.${written}?…'`,
        j,
        n - j,
      );
    }
    return ok(text, { level, resourceType: target, permissions: v1Letters, syntax: 'v1', query: [] });
  }

  const permsProblem = checkLetters(text, written, permsStart);
  if (permsProblem) return permsProblem;

  if (j >= n) {
    return ok(text, { level, resourceType: target, permissions: written, syntax: 'v2', query: [] });
  }
  const query = parseQuery(text, j);
  if (!Array.isArray(query)) return query as ScopeParseResult;
  return ok(text, { level, resourceType: target, permissions: written, syntax: 'v2', query });
}

function ok(text: string, parts: Pick<ResourceScope, 'level' | 'resourceType' | 'permissions' | 'syntax' | 'query'>): ScopeParseResult {
  const scope: ResourceScope = Object.freeze({
    type: 'resource',
    level: parts.level,
    resourceType: parts.resourceType,
    permissions: parts.permissions,
    syntax: parts.syntax,
    query: Object.freeze(parts.query),
    experimental: parts.query.some((pair) => isExperimentalName(pair.name)),
  });
  return Object.freeze({ ok: true, text, scope });
}

/** Modifiers (`code:in`), chains (`patient.birthdate`) and `_filter` are experimental (SMART App Launch, Scopes and Launch Context: "Finer-grained resource constraints using search parameters"). */
export function isExperimentalName(name: string): boolean {
  return name.includes(':') || name.includes('.') || name === '_filter';
}

function checkTarget(text: string, target: string, start: number): ScopeParseResult | null {
  if (target === '*' || RESOURCE_TYPE_SET.has(target)) return null;
  const len = Math.max(target.length, 1);
  if (target === '') {
    return failure(
      text,
      E.resourceEmpty,
      "missing resource type after '/': write a FHIR resource type such as 'Observation', or '*' for every type",
      start,
    );
  }
  if (target.includes('*')) {
    return failure(text, E.resourceWildcard, `${quote(target)} is not a resource: the wildcard is a single '*' on its own`, start, len);
  }
  if (ABSTRACT_TYPE_SET.has(target)) {
    return failure(
      text,
      E.resourceAbstract,
      `${quote(target)} is an abstract FHIR type and cannot be granted: name a concrete resource type, or '*' for every type`,
      start,
      len,
    );
  }
  const canonical = RESOURCE_TYPE_BY_LOWER_NAME.get(target.toLowerCase());
  if (canonical !== undefined) {
    return failure(text, E.resourceCase, `resource types are case-sensitive: write '${canonical}', not ${quote(target)}`, start, len);
  }
  const hint = target === 'DynamicClient' ? " (the registration scope is exactly 'system/DynamicClient.register')" : '';
  return failure(
    text,
    E.resourceUnknown,
    `${quote(target)} is not a FHIR R4 resource type${hint}: use a type such as 'Observation', or '*'`,
    start,
    len,
  );
}

/** Checks a v2 letter string: known letters first, then duplicates and order, so the first message is the most useful. */
function checkLetters(text: string, letters: string, start: number): ScopeParseResult | null {
  if (letters === '') {
    return failure(
      text,
      E.permissionsEmpty,
      "no permission letters after '.': write at least one of 'cruds' in that order, e.g. 'rs'",
      start - 1,
    );
  }
  for (let k = 0; k < letters.length; k++) {
    if (letterRank(letters.charCodeAt(k)) >= 0) continue;
    const ch = letters[k] as string;
    const lower = letters.toLowerCase();
    const v1 = v1LettersFor(lower);
    if (v1 !== null || looksLikeWord(letters)) {
      const hint =
        v1 !== null
          ? `v1 words are lower case: write '.${lower}' (or '.${v1}' in v2)`
          : "use letters from 'cruds' in that order (e.g. 'rs') or a v1 word 'read', 'write' or '*'";
      return failure(text, E.permissionsUnknownWord, `${quote(letters)} is not a permission: ${hint}`, start, letters.length);
    }
    return failure(
      text,
      E.permissionsUnknownLetter,
      `${quote(ch)} is not a permission letter: use letters from 'cruds' (create, read, update, delete, search) in that order`,
      start + k,
    );
  }
  let lastRank = -1;
  let seen = 0;
  for (let k = 0; k < letters.length; k++) {
    const rank = letterRank(letters.charCodeAt(k));
    const bit = 1 << rank;
    if (seen & bit) {
      return failure(
        text,
        E.permissionsDuplicate,
        `permission letter '${letters[k] as string}' appears twice: write '${canonicalLetters(letters)}', not ${quote(letters)}`,
        start + k,
      );
    }
    if (rank < lastRank) {
      return failure(
        text,
        E.permissionsOrder,
        `permission letters must be in cruds order: write '${canonicalLetters(letters)}', not ${quote(letters)}`,
        start + k,
      );
    }
    seen |= bit;
    lastRank = rank;
  }
  return null;
}

/** The v2 letters of a v1 word, or null (a switch, so untrusted text never indexes an object). */
function v1LettersFor(word: string): string | null {
  switch (word) {
    case 'read':
      return 'rs';
    case 'write':
      return 'cud';
    case '*':
      return 'cruds';
    default:
      return null;
  }
}

/** Position of a letter in `cruds` (by char code), or -1. */
function letterRank(code: number): number {
  switch (code) {
    case 0x63: // c
      return 0;
    case 0x72: // r
      return 1;
    case 0x75: // u
      return 2;
    case 0x64: // d
      return 3;
    case 0x73: // s
      return 4;
    default:
      return -1;
  }
}

/** A word rather than a typo: only ASCII letters, at least two of them outside `cruds` (`all`, `reads`). */
function looksLikeWord(letters: string): boolean {
  let foreign = 0;
  for (let k = 0; k < letters.length; k++) {
    const c = letters.charCodeAt(k);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
    if (!CRUDS.includes(letters[k] as string)) foreign++;
  }
  return foreign >= 2;
}

/** The distinct letters of `letters` (all from `cruds`) in `cruds` order. */
function canonicalLetters(letters: string): string {
  let out = '';
  for (const ch of CRUDS) if (letters.includes(ch)) out += ch;
  return out;
}

/** Parses `?name=value&…` starting at the `?` at `questionMark`; returns the pairs or a failure. */
function parseQuery(text: string, questionMark: number): QueryPair[] | ScopeParseResult {
  const n = text.length;
  if (questionMark + 1 >= n) {
    return failure(
      text,
      E.queryEmpty,
      "'?' must be followed by one or more name=value pairs joined by '&'; remove the '?' for an unrestricted scope",
      questionMark,
    );
  }
  const pairs: QueryPair[] = [];
  let pairStart = questionMark + 1;
  while (pairStart <= n) {
    let pairEnd = pairStart;
    let equals = -1;
    let badNameChar = -1;
    while (pairEnd < n && text[pairEnd] !== '&') {
      if (equals < 0) {
        if (text[pairEnd] === '=') equals = pairEnd;
        else if (text[pairEnd] === '?' && badNameChar < 0) badNameChar = pairEnd;
      }
      pairEnd++;
    }
    if (pairEnd === pairStart) {
      return failure(
        text,
        E.queryPairEmpty,
        "empty query pair: join name=value pairs with a single '&' and do not end with '&'",
        pairEnd < n ? pairEnd : pairStart - 1,
      );
    }
    const pairText = text.slice(pairStart, pairEnd);
    if (equals < 0) {
      return failure(
        text,
        E.queryMissingEquals,
        `query pair ${quote(pairText)} has no '=': write name=value, e.g. 'category=laboratory'`,
        pairStart,
        pairEnd - pairStart,
      );
    }
    if (equals === pairStart) {
      return failure(
        text,
        E.queryNameEmpty,
        "query pair has no parameter name before '=': write name=value, e.g. 'category=laboratory'",
        pairStart,
      );
    }
    if (badNameChar >= 0) {
      return failure(
        text,
        E.queryNameInvalid,
        "a query parameter name cannot contain '?': only the first '?' starts the query",
        badNameChar,
      );
    }
    if (equals === pairEnd - 1) {
      return failure(
        text,
        E.queryValueEmpty,
        `query parameter '${text.slice(pairStart, equals)}' has no value after '=': give a value or remove the pair`,
        equals,
      );
    }
    const badEscape = malformedEscapeAt(text, pairStart, pairEnd);
    if (badEscape >= 0) {
      return failure(
        text,
        E.queryEncoding,
        "malformed percent-encoding: '%' must start an escape of two hex digits, and escapes must spell UTF-8 (write '%25' for a literal '%')",
        badEscape,
        Math.min(3, pairEnd - badEscape),
      );
    }
    pairs.push(Object.freeze({ name: text.slice(pairStart, equals), value: text.slice(equals + 1, pairEnd) }));
    pairStart = pairEnd + 1;
    if (pairEnd >= n) break;
  }
  return pairs;
}

/**
 * Offset of the first malformed percent-escape in `text[from, to)`, or -1. A scope's query is in
 * FHIR search syntax, URL-encoded (a question the SMART App Launch IG leaves open): `%` needs two hex digits, and a run of escapes must
 * decode as UTF-8 (what `decodeURIComponent` accepts), else servers and this engine would read
 * the value differently. Linear, no allocation.
 */
export function malformedEscapeAt(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    if (text.charCodeAt(i) !== 0x25 /* % */) {
      i++;
      continue;
    }
    const start = i;
    const lead = hexByte(text, i, to);
    if (lead < 0) return start;
    // Bytes a UTF-8 sequence needs after its lead byte, and the range of the first of them
    // (excludes overlong forms, surrogates and code points above U+10FFFF).
    let more: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (lead < 0x80) more = 0;
    else if (lead >= 0xc2 && lead <= 0xdf) more = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      more = 2;
      if (lead === 0xe0) lo = 0xa0;
      else if (lead === 0xed) hi = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      more = 3;
      if (lead === 0xf0) lo = 0x90;
      else if (lead === 0xf4) hi = 0x8f;
    } else return start;
    i += 3;
    for (let k = 0; k < more; k++) {
      const b = text.charCodeAt(i) === 0x25 ? hexByte(text, i, to) : -1;
      if (b < lo || b > hi) return start;
      lo = 0x80;
      hi = 0xbf;
      i += 3;
    }
  }
  return -1;
}

/** The byte of the escape `%XY` at `at` (before `to`), or -1 when it is not one. */
function hexByte(text: string, at: number, to: number): number {
  if (at + 2 >= to) return -1;
  const h = hexDigit(text.charCodeAt(at + 1));
  const l = hexDigit(text.charCodeAt(at + 2));
  return h < 0 || l < 0 ? -1 : h * 16 + l;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
