import { createMemoryStore } from '../../../src/runtime/index.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { open: async () => store };
});
