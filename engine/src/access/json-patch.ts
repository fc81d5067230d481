/**
 * Applies a JSON Patch (RFC 6902) to a copy of a resource, so that a `PATCH` under `patient/` or
 * query-restricted scopes can be checked on the resource it would produce: a patch must not move
 * a record to another patient or out of the scope's query. Never throws; never changes its input.
 *
 * The patch and the resource are attacker-controlled data, so nothing here may reach a prototype:
 * a path token may not be `__proto__`, `constructor` or `prototype`; pointers walk own properties
 * only (array indexes in RFC 6901 form); copies are built with `defineProperty`, so a data key
 * `"__proto__"` stays an ordinary own property instead of setting the copy's prototype.
 */

/** The patched copy, or why the patch cannot be applied. */
export type PatchResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const MAX_OPS = 10_000;
const MAX_DEPTH = 200;

/** Keys that name a prototype or a constructor on JavaScript objects, whatever the object. */
const FORBIDDEN_TOKENS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a key that may never be used as a path step (see FORBIDDEN_TOKENS). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_TOKENS.has(key);
}

function hasOwn(o: object, key: string): boolean {
  return Object.hasOwn(o, key);
}

/** An own property of a plain object, never an inherited one. */
function ownValue(o: object, key: string): unknown {
  return hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

type Decoded = { readonly tokens: string[] } | { readonly error: 'syntax' | 'forbidden' };

function decodePointer(pointer: string): Decoded {
  if (pointer === '') return { tokens: [] };
  if (pointer.charCodeAt(0) !== 47) return { error: 'syntax' };
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const t of tokens) if (isForbiddenKey(t)) return { error: 'forbidden' };
  return { tokens };
}

/** An RFC 6901 array index (`0` or no leading zero), or -1. */
function arrayIndex(token: string): number {
  if (token.length === 0 || token.length > 9) return -1;
  if (token.length > 1 && token.charCodeAt(0) === 48) return -1;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  return Number(token);
}

/** Sets an own data property, also for the key `__proto__` (assignment would set the prototype). */
function defineOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A deep copy of JSON-like data: own enumerable string keys only, no prototype taken from data. */
function clone(v: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new Error('the resource is too deep to patch');
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) out.push(clone(v[i], depth + 1));
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) defineOwn(out, k, clone((v as Record<string, unknown>)[k], depth + 1));
    return out;
  }
  return v;
}

/** The container holding the last token's target, walking own properties only. */
function parentOf(root: unknown, tokens: readonly string[]): unknown {
  let cur = root;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as string;
    if (Array.isArray(cur)) {
      const at = arrayIndex(t);
      if (at < 0 || at >= cur.length) return undefined;
      cur = cur[at];
    } else if (cur !== null && typeof cur === 'object') cur = ownValue(cur, t);
    else return undefined;
  }
  return cur;
}

function get(root: unknown, tokens: readonly string[]): unknown {
  if (tokens.length === 0) return root;
  const p = parentOf(root, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(p)) {
    const at = arrayIndex(last);
    return at < 0 || at >= p.length ? undefined : p[at];
  }
  if (p !== null && typeof p === 'object') return ownValue(p, last);
  return undefined;
}

function remove(root: unknown, tokens: readonly string[]): boolean {
  const p = parentOf(root, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(p)) {
    const i = arrayIndex(last);
    if (i < 0 || i >= p.length) return false;
    p.splice(i, 1);
    return true;
  }
  if (p !== null && typeof p === 'object' && hasOwn(p, last)) {
    delete (p as Record<string, unknown>)[last];
    return true;
  }
  return false;
}

function add(root: unknown, tokens: readonly string[], value: unknown): boolean {
  const p = parentOf(root, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(p)) {
    const i = last === '-' ? p.length : arrayIndex(last);
    if (i < 0 || i > p.length) return false;
    p.splice(i, 0, value);
    return true;
  }
  if (p !== null && typeof p === 'object') {
    defineOwn(p as Record<string, unknown>, last, value);
    return true;
  }
  return false;
}

/** Structural equality of JSON values (`test`): key order does not matter. */
function jsonEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw new Error('the patch value is too deep to compare');
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!hasOwn(b, k) || !jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/** Applies `patch` (an array of operations) to a copy of `resource`. */
export function applyJsonPatch(resource: unknown, patch: unknown): PatchResult {
  try {
    if (!Array.isArray(patch)) return { ok: false, message: 'a JSON Patch is an array of operations' };
    if (patch.length > MAX_OPS) return { ok: false, message: 'the patch has too many operations' };
    let doc = clone(resource);
    for (let i = 0; i < patch.length; i++) {
      const op: unknown = patch[i];
      if (op === null || typeof op !== 'object' || Array.isArray(op)) return { ok: false, message: `operation ${i} is not an object` };
      const rawPath = ownValue(op, 'path');
      const decoded = typeof rawPath === 'string' ? decodePointer(rawPath) : ({ error: 'syntax' } as const);
      if ('error' in decoded) {
        return {
          ok: false,
          message:
            decoded.error === 'forbidden'
              ? `operation ${i} has a forbidden path token (__proto__, constructor or prototype)`
              : `operation ${i} has no valid path`,
        };
      }
      const path = decoded.tokens;
      const kind = ownValue(op, 'op');
      const hasValue = hasOwn(op, 'value');
      const value = ownValue(op, 'value');
      if (path.length === 0) {
        if ((kind === 'replace' || kind === 'add') && hasValue) {
          doc = clone(value);
          continue;
        }
        if (kind === 'test') {
          if (!jsonEqual(doc, value)) return { ok: false, message: `operation ${i} (test) fails` };
          continue;
        }
        return { ok: false, message: `operation ${i} cannot apply its op to the whole resource` };
      }
      switch (kind) {
        case 'add':
          if (!hasValue || !add(doc, path, clone(value))) return { ok: false, message: `operation ${i} (add) does not apply` };
          break;
        case 'remove':
          if (!remove(doc, path)) return { ok: false, message: `operation ${i} (remove) does not apply` };
          break;
        case 'replace':
          if (!hasValue || !remove(doc, path) || !add(doc, path, clone(value))) {
            return { ok: false, message: `operation ${i} (replace) does not apply` };
          }
          break;
        case 'move':
        case 'copy': {
          const rawFrom = ownValue(op, 'from');
          const from = typeof rawFrom === 'string' ? decodePointer(rawFrom) : ({ error: 'syntax' } as const);
          if ('error' in from) {
            return {
              ok: false,
              message:
                from.error === 'forbidden'
                  ? `operation ${i} has a forbidden from token (__proto__, constructor or prototype)`
                  : `operation ${i} has no valid from`,
            };
          }
          if (from.tokens.length === 0) return { ok: false, message: `operation ${i} has no valid from` };
          const v = clone(get(doc, from.tokens));
          if (v === undefined) return { ok: false, message: `operation ${i} (${kind}) has nothing at from` };
          if (kind === 'move' && !remove(doc, from.tokens)) return { ok: false, message: `operation ${i} (move) does not apply` };
          if (!add(doc, path, v)) return { ok: false, message: `operation ${i} (${kind}) does not apply` };
          break;
        }
        case 'test':
          if (!hasValue || !jsonEqual(get(doc, path), value)) return { ok: false, message: `operation ${i} (test) fails` };
          break;
        default:
          return { ok: false, message: `operation ${i} has an unknown op` };
      }
    }
    return { ok: true, value: doc };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : 'the patch cannot be applied' };
  }
}
