/** Runs against the PostgreSQL on this machine (127.0.0.1:5432, db test); fails, never skips, when it is missing. */
import { randomBytes } from 'node:crypto';
import { openPostgresStore } from '../../../src/runtime/index.js';
import { POSTGRES_URL } from './service-urls.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('postgres', async () => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  return { open: () => openPostgresStore({ connectionString: POSTGRES_URL, schema, maxConnections: 4 }) };
});
