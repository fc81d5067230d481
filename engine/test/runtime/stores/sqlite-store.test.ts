import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/runtime/index.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sp-sqlite-'));
let n = 0;

describeStoreContract('sqlite', async () => {
  const file = join(dir, `store-${n++}.db`);
  return { open: () => openSqliteStore({ file }) };
});
