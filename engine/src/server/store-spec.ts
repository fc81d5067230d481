/**
 * The `--store` argument of the servers: which refresh-token and registration store the runtime
 * uses. The decision API itself is stateless; the spec is parsed here, validated once, and
 * handed to whatever needs a store (the reference server, the runtime).
 */
export type StoreSpec =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'redis'; readonly url: string }
  | { readonly kind: 'postgres'; readonly url: string };

export type StoreSpecResult = { readonly ok: true; readonly spec: StoreSpec } | { readonly ok: false; readonly message: string };

/** `memory`, `sqlite:FILE`, `redis://…` (or `rediss://`), `postgres://…` (or `postgresql://`). */
export function parseStoreSpec(text: string): StoreSpecResult {
  if (text === 'memory') return { ok: true, spec: { kind: 'memory' } };
  if (text.startsWith('sqlite:')) {
    const file = text.slice('sqlite:'.length);
    return file === ''
      ? { ok: false, message: '--store sqlite: needs a file (sqlite:FILE)' }
      : { ok: true, spec: { kind: 'sqlite', file } };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: '--store must be memory, sqlite:FILE, redis://… or postgres://…' };
  }
  if (url.protocol === 'redis:' || url.protocol === 'rediss:') return { ok: true, spec: { kind: 'redis', url: text } };
  if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return { ok: true, spec: { kind: 'postgres', url: text } };
  return { ok: false, message: '--store must be memory, sqlite:FILE, redis://… or postgres://…' };
}

/** The spec as it may be logged or shown: a URL without its user name and password. */
export function describeStoreSpec(spec: StoreSpec): string {
  if (spec.kind === 'memory') return 'memory';
  if (spec.kind === 'sqlite') return `sqlite:${spec.file}`;
  const url = new URL(spec.url);
  url.username = '';
  url.password = '';
  return url.toString();
}
