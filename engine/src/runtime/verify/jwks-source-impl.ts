/**
 * Fetches and caches clients' JWKS from their `jwks_uri`: GET with `Accept: application/json`,
 * a timeout, a size limit, no redirects, and caching no longer than the response's
 * `Cache-Control` allows (SMART App Launch, Client Authentication: Asymmetric).
 */
import type { JSONWebKeySet } from 'jose';
import { systemClock } from '../clock.js';
import type { JwksFetcher, JwksFetchResult, JwksSource, JwksSourceOptions } from './jwks-source.js';

export const JWKS_MAX_BYTES = 64 * 1024;
export const JWKS_TIMEOUT_MS = 3000;
const MAX_CACHED_URLS = 1000;

/** `max-age` from Cache-Control; 0 for no-store/no-cache; undefined when it says nothing. */
export function cacheSeconds(cacheControl: string | null): number | undefined {
  if (cacheControl === null) return undefined;
  const lower = cacheControl.toLowerCase();
  if (/(^|[,\s])(no-store|no-cache)([,\s]|$)/.test(lower)) return 0;
  const match = /(?:^|[,\s])max-age=(\d{1,10})/.exec(lower);
  return match === null ? undefined : Number(match[1]);
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return value !== null && typeof value === 'object' && Array.isArray((value as { keys?: unknown }).keys);
}

export interface JwksFetcherOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

/** A fetcher over global `fetch`, bounded in time and size. */
export function createJwksFetcher({ timeoutMs = JWKS_TIMEOUT_MS, maxBytes = JWKS_MAX_BYTES }: JwksFetcherOptions = {}): JwksFetcher {
  return (url) => fetchBounded(url, timeoutMs, maxBytes);
}

async function fetchBounded(url: string, timeoutMs: number, maxBytes: number): Promise<JwksFetchResult> {
  if (!/^https?:\/\//.test(url)) throw new Error('the JWKS URL must be http(s)');
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok || response.body === null) throw new Error(`the JWKS URL answered ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(`the JWKS is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (!isJwks(parsed)) throw new Error('the JWKS URL did not return a JWK Set');
  return { jwks: parsed, maxAge: cacheSeconds(response.headers.get('cache-control')) ?? -1 };
}

/** The default fetcher: 3 s, 64 KiB. */
export const fetchJwks: JwksFetcher = createJwksFetcher();

export function createJwksSource(options: JwksSourceOptions = {}): JwksSource {
  const fetcher = options.fetcher ?? fetchJwks;
  const clock = options.clock ?? systemClock;
  const maxCache = options.maxCacheSeconds ?? 3600;
  const defaultCache = options.defaultCacheSeconds ?? 300;
  const cache = new Map<string, { readonly jwks: JSONWebKeySet; readonly until: number }>();
  return {
    async get(url, refresh = false) {
      const now = clock();
      const hit = cache.get(url);
      if (!refresh && hit !== undefined && hit.until > now) return hit.jwks;
      const { jwks, maxAge } = await fetcher(url);
      if (!isJwks(jwks)) throw new Error('the JWKS URL did not return a JWK Set');
      const seconds = Math.min(maxAge < 0 ? defaultCache : maxAge, maxCache);
      if (seconds > 0) {
        if (cache.size >= MAX_CACHED_URLS) cache.delete(cache.keys().next().value as string);
        cache.set(url, { jwks, until: now + seconds });
      } else {
        cache.delete(url);
      }
      return jwks;
    },
  };
}
