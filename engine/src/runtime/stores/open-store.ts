/**
 * One store from a location string, as the CLI and servers take it: `memory`, `sqlite:FILE`,
 * `redis://…` (or `rediss://`), `postgres://…` (or `postgresql://`). `namespace` separates
 * deployments (a Redis key prefix, a PostgreSQL schema).
 */
import { createMemoryStore } from './memory-store.js';
import { openPostgresStore } from './postgres-store.js';
import { openRedisStore } from './redis-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store-types.js';

export interface OpenStoreOptions {
  readonly namespace?: string;
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (location === 'memory') return createMemoryStore();
  if (location.startsWith('sqlite:')) {
    const file = location.slice('sqlite:'.length);
    if (file === '') throw new RangeError('sqlite:FILE needs a file name');
    return openSqliteStore({ file });
  }
  if (location.startsWith('redis://') || location.startsWith('rediss://')) {
    return openRedisStore({ url: location, ...(options.namespace === undefined ? {} : { namespace: options.namespace }) });
  }
  if (location.startsWith('postgres://') || location.startsWith('postgresql://')) {
    return openPostgresStore({ connectionString: location, ...(options.namespace === undefined ? {} : { schema: options.namespace }) });
  }
  throw new RangeError('the store must be memory, sqlite:FILE, redis://… or postgres://…');
}
