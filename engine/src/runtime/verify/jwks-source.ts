/**
 * Public keys of registered clients: a JWKS value, or a `jwks_uri` fetched with a timeout and a
 * size limit and cached no longer than the client's `Cache-Control` allows (SMART App Launch,
 * Client Authentication: Asymmetric). The fetcher is injected (tests, proxies).
 */
import type { JSONWebKeySet } from 'jose';

export interface JwksFetchResult {
  readonly jwks: JSONWebKeySet;
  /** Seconds the response may be cached (from `Cache-Control: max-age`, 0 for `no-store`/`no-cache`, negative when it says nothing). */
  readonly maxAge: number;
}

export type JwksFetcher = (url: string) => Promise<JwksFetchResult>;

export interface JwksSourceOptions {
  readonly fetcher?: JwksFetcher;
  readonly clock?: () => number;
  /** Cap on caching whatever the client says (default 3600 s); and default when it says nothing (300 s). */
  readonly maxCacheSeconds?: number;
  readonly defaultCacheSeconds?: number;
}

export interface JwksSource {
  /** Keys at `url`, from the cache when still fresh. `refresh` forces a fetch (unknown `kid`: the client rotated). */
  get(url: string, refresh?: boolean): Promise<JSONWebKeySet>;
}
