/** JWKS from a jwks_uri: caching by Cache-Control, refetch on demand, timeout and size limit (a real local HTTP server). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheSeconds, createJwksFetcher, createJwksSource } from '../../../src/runtime/index.js';

let server: Server;
let base = '';
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    if (req.url === '/slow') return; // never answers
    if (req.url === '/big') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ kty: 'oct', k: 'x'.repeat(200_000) }] }));
      return;
    }
    if (req.url === '/redirect') {
      res.statusCode = 302;
      res.setHeader('location', '/jwks');
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', req.url === '/nostore' ? 'no-store' : 'max-age=60');
    res.end(JSON.stringify({ keys: [{ kty: 'EC', kid: 'k1' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('JWKS source', () => {
  it('reads Cache-Control', () => {
    expect(cacheSeconds('public, max-age=120')).toBe(120);
    expect(cacheSeconds('no-store')).toBe(0);
    expect(cacheSeconds('max-age=60, no-cache')).toBe(0);
    expect(cacheSeconds(null)).toBeUndefined();
  });

  it('caches as long as the response allows, never longer, and refetches on demand', async () => {
    let now = 1000;
    const source = createJwksSource({ fetcher: createJwksFetcher(), clock: () => now });
    const before = hits;
    await source.get(`${base}/jwks`);
    await source.get(`${base}/jwks`);
    expect(hits - before).toBe(1);
    now += 61;
    await source.get(`${base}/jwks`);
    expect(hits - before).toBe(2);
    await source.get(`${base}/jwks`, true);
    expect(hits - before).toBe(3);
    await source.get(`${base}/nostore`);
    await source.get(`${base}/nostore`);
    expect(hits - before).toBe(5);
  });

  it('gives up after the timeout, beyond the size limit, on redirects and on non-http URLs', async () => {
    const fetcher = createJwksFetcher({ timeoutMs: 200, maxBytes: 64 * 1024 });
    await expect(fetcher(`${base}/slow`)).rejects.toThrow();
    await expect(fetcher(`${base}/big`)).rejects.toThrow(/larger than/);
    await expect(fetcher(`${base}/redirect`)).rejects.toThrow();
    await expect(fetcher('file:///etc/passwd')).rejects.toThrow(/http/);
  });
});
