/** Runs against the Redis on this machine (127.0.0.1:6379); fails, never skips, when it is missing. */
import { randomBytes } from 'node:crypto';
import { openRedisStore } from '../../../src/runtime/index.js';
import { REDIS_URL } from './service-urls.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('redis', async () => {
  const namespace = `test-${randomBytes(6).toString('hex')}`;
  return { open: () => openRedisStore({ url: REDIS_URL, namespace }) };
});
