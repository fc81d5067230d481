/**
 * Applies a JSON Patch (RFC 6902) to a copy of a resource, so that a `PATCH` under `patient/` or
 * query-restricted scopes can be checked on the resource it would produce: a patch must not move
 * a record to another patient or out of the scope's query. Never throws; never changes its input.
 */

/** The patched copy, or why the patch cannot be applied. */
export type PatchResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const MAX_OPS = 10_000;

function decodePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (pointer.charCodeAt(0) !== 47) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function clone(v: unknown, depth = 0): unknown {
  if (depth > 200) throw new Error('the resource is too deep to patch');
  if (Array.isArray(v)) return v.map((x) => clone(x, depth + 1));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x, depth + 1);
    return out;
  }
  return v;
}

function parentOf(root: unknown, tokens: readonly string[]): unknown {
  let cur = root;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as string;
    if (Array.isArray(cur)) cur = cur[Number(t)];
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[t];
    else return undefined;
  }
  return cur;
}

function get(root: unknown, tokens: readonly string[]): unknown {
  if (tokens.length === 0) return root;
  const p = parentOf(root, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(p)) return p[Number(last)];
  if (p !== null && typeof p === 'object') return Object.prototype.hasOwnProperty.call(p, last) ? (p as Record<string, unknown>)[last] : undefined;
  return undefined;
}

function remove(root: unknown, tokens: readonly string[]): boolean {
  const p = parentOf(root, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(p)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= p.length) return false;
    p.splice(i, 1);
    return true;
  }
  if (p !== null && typeof p === 'object' && Object.prototype.hasOwnProperty.call(p, last)) {
    delete (p as Record<string, unknown>)[last];
    return true;
  }
  return false;
}

function add(root: unknown, tokens: readonly string[], value: unknown): boolean {
  const p = parentOf(root, tokens);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(p)) {
    const i = last === '-' ? p.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > p.length) return false;
    p.splice(i, 0, value);
    return true;
  }
  if (p !== null && typeof p === 'object') {
    if (last === '__proto__' || last === 'constructor' || last === 'prototype') return false;
    (p as Record<string, unknown>)[last] = value;
    return true;
  }
  return false;
}

/** Applies `patch` (an array of operations) to a copy of `resource`. */
export function applyJsonPatch(resource: unknown, patch: unknown): PatchResult {
  try {
    if (!Array.isArray(patch)) return { ok: false, message: 'a JSON Patch is an array of operations' };
    if (patch.length > MAX_OPS) return { ok: false, message: 'the patch has too many operations' };
    let doc = clone(resource);
    for (let i = 0; i < patch.length; i++) {
      const op = patch[i] as Record<string, unknown> | null;
      if (op === null || typeof op !== 'object') return { ok: false, message: `operation ${i} is not an object` };
      const path = typeof op['path'] === 'string' ? decodePointer(op['path']) : undefined;
      if (path === undefined) return { ok: false, message: `operation ${i} has no valid path` };
      const kind = op['op'];
      if (path.length === 0) {
        if (kind === 'replace' || kind === 'add') {
          doc = clone(op['value']);
          continue;
        }
        if (kind === 'test') continue;
        return { ok: false, message: `operation ${i} cannot ${String(kind)} the whole resource` };
      }
      switch (kind) {
        case 'add':
          if (!('value' in op) || !add(doc, path, clone(op['value']))) return { ok: false, message: `operation ${i} (add) does not apply` };
          break;
        case 'remove':
          if (!remove(doc, path)) return { ok: false, message: `operation ${i} (remove) does not apply` };
          break;
        case 'replace':
          if (!('value' in op) || !remove(doc, path) || !add(doc, path, clone(op['value']))) {
            return { ok: false, message: `operation ${i} (replace) does not apply` };
          }
          break;
        case 'move':
        case 'copy': {
          const from = typeof op['from'] === 'string' ? decodePointer(op['from']) : undefined;
          if (from === undefined || from.length === 0) return { ok: false, message: `operation ${i} has no valid from` };
          const v = clone(get(doc, from));
          if (v === undefined) return { ok: false, message: `operation ${i} (${kind}) has nothing at from` };
          if (kind === 'move' && !remove(doc, from)) return { ok: false, message: `operation ${i} (move) does not apply` };
          if (!add(doc, path, v)) return { ok: false, message: `operation ${i} (${kind}) does not apply` };
          break;
        }
        case 'test':
          if (JSON.stringify(get(doc, path)) !== JSON.stringify(op['value'])) return { ok: false, message: `operation ${i} (test) fails` };
          break;
        default:
          return { ok: false, message: `operation ${i} has unknown op ${JSON.stringify(kind)}` };
      }
    }
    return { ok: true, value: doc };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : 'the patch cannot be applied' };
  }
}
