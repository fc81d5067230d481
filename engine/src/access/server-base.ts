/**
 * The server's own FHIR base URL, and whether an absolute reference is under it. An absolute
 * reference names a resource of THIS server only when it starts with the configured base
 * (`serverBase` in the launch context, else the `serverBase` option); any other absolute URL is a
 * foreign reference: it never matches the context patient, and writes carrying one are refused.
 * Without a configured base every absolute reference is foreign (fail closed).
 *
 * Comparison is case-correct: scheme and host are case-insensitive, a default port (`:443`,
 * `:80`) equals none, the path is compared exactly, and trailing slashes of the base are ignored.
 */

/** A configured base, normalized. */
export interface ServerBase {
  /** `http` or `https`, lower case. */
  readonly scheme: string;
  /** `host[:port]`, lower case, without a default port. */
  readonly authority: string;
  /** `` or `/fhir` (no trailing slash; compared case-sensitively). */
  readonly path: string;
  /** The normalized base, `scheme://authority/path`, for messages about configuration only. */
  readonly text: string;
}

const BASE_SHAPE = /^(https?):\/\/([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?(\/[^\s?#]*)?$/i;

/**
 * Parses a base URL; null when it is not an absolute http(s) URL without query, fragment or user
 * info. Not cached here: an evaluator keeps the bases it has parsed (`access-caches.ts`).
 */
export function parseServerBase(raw: string): ServerBase | null {
  if (raw.length > 2048) return null;
  const m = BASE_SHAPE.exec(raw);
  if (m === null) return null;
  const scheme = (m[1] as string).toLowerCase();
  const host = (m[2] as string).toLowerCase();
  if (host.length === 0 || host.startsWith('.') || host.startsWith('-')) return null;
  const port = m[3];
  const defaultPort = scheme === 'https' ? '443' : '80';
  const authority = port === undefined || Number(port) === Number(defaultPort) ? host : `${host}:${Number(port)}`;
  let path = m[4] ?? '';
  while (path.endsWith('/')) path = path.slice(0, -1);
  return { scheme, authority, path, text: `${scheme}://${authority}${path}` };
}

/** True when `ref` starts with `http://` or `https://` (any case). */
export function isAbsoluteUrl(ref: string): boolean {
  return startsWithIgnoreCase(ref, 0, 'http://') || startsWithIgnoreCase(ref, 0, 'https://');
}

/**
 * Where the base-relative part of an absolute `ref` begins (just after `<base>/`), or -1 when
 * `ref` is not under `base`. Allocation-free: it runs for every absolute linking reference.
 */
export function offsetUnderBase(ref: string, base: ServerBase): number {
  let at = 0;
  if (!startsWithIgnoreCase(ref, at, base.scheme) || !ref.startsWith('://', base.scheme.length)) return -1;
  at = base.scheme.length + 3;
  if (!startsWithIgnoreCase(ref, at, base.authority)) return -1;
  at += base.authority.length;
  // The authority ends at the next `/`; an explicit default port is the same authority.
  if (ref.charCodeAt(at) === 58 /* : */ && base.authority.indexOf(':') < 0) {
    const port = base.scheme === 'https' ? ':443' : ':80';
    if (!ref.startsWith(port, at)) return -1;
    at += port.length;
  }
  if (!ref.startsWith(base.path, at)) return -1;
  at += base.path.length;
  if (ref.charCodeAt(at) !== 47 /* / */) return -1;
  return at + 1;
}

function startsWithIgnoreCase(s: string, at: number, lowerLit: string): boolean {
  const n = lowerLit.length;
  if (at + n > s.length) return false;
  for (let k = 0; k < n; k++) {
    let c = s.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== lowerLit.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * The base for one decision: the launch context's `serverBase`, else the option's; undefined when
 * neither is set. An invalid one is reported (fail closed), never silently taken as "none".
 */
export function resolveServerBase(
  context: unknown,
  options: { readonly serverBase?: unknown },
  parse: (raw: string) => ServerBase | null = parseServerBase,
): ServerBase | undefined | 'invalid-context' | 'invalid-option' {
  const fromContext =
    context !== undefined && context !== null && typeof context === 'object' && Object.hasOwn(context, 'serverBase')
      ? (context as { serverBase?: unknown }).serverBase
      : undefined;
  if (fromContext !== undefined && fromContext !== null) {
    if (typeof fromContext !== 'string') return 'invalid-context';
    return parse(fromContext) ?? 'invalid-context';
  }
  const fromOption = options.serverBase;
  if (fromOption === undefined || fromOption === null || fromOption === '') return undefined;
  if (typeof fromOption !== 'string') return 'invalid-option';
  return parse(fromOption) ?? 'invalid-option';
}
