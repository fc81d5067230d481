import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createBatchedLogDestination } from '../../src/server/batched-log-destination.js';

const dirs: string[] = [];
function logFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'batched-log-'));
  dirs.push(dir);
  return join(dir, 'server.log');
}
const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
const lines = (path: string) => read(path).split('\n').filter(Boolean);

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the batched log destination', () => {
  it('holds lines until a batch fills, then writes them all, in order', () => {
    const path = logFile();
    const out = createBatchedLogDestination({ dest: path, batchChars: 100, flushIntervalMs: 60_000 });
    out.write('{"n":1}\n');
    out.write('{"n":2}\n');
    expect(read(path)).toBe('');
    for (let n = 3; n <= 20; n++) out.write(`{"n":${n}}\n`);
    const written = lines(path).map((l) => JSON.parse(l).n);
    expect(written.length).toBeGreaterThan(0);
    expect(written).toEqual(written.map((_, i) => i + 1));
    out.close();
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('writes what is pending on flush() (pino’s logger.flush) and on close, then line by line', () => {
    const path = logFile();
    const out = createBatchedLogDestination({ dest: path, flushIntervalMs: 60_000 });
    const logger = pino({ base: null, timestamp: false }, out);
    logger.info({ decision: 'allow' }, 'decision');
    expect(read(path)).toBe('');
    let flushed = false;
    logger.flush(() => {
      flushed = true;
    });
    expect(flushed).toBe(true);
    expect(lines(path)).toEqual(['{"level":30,"decision":"allow","msg":"decision"}']);
    logger.info('second');
    out.close();
    expect(lines(path)).toHaveLength(2);
    logger.info('after close');
    expect(lines(path)).toHaveLength(3);
  });

  it('writes a quiet server’s lines within the flush interval', async () => {
    const path = logFile();
    const out = createBatchedLogDestination({ dest: path, flushIntervalMs: 20 });
    out.write('{"quiet":true}\n');
    const deadline = Date.now() + 5000;
    while (read(path) === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(lines(path)).toEqual(['{"quiet":true}']);
    out.close();
  });

  it('writes pending lines when the process exits, and does not keep it alive', () => {
    const path = logFile();
    // The built module (`npm test` builds first): a child Node.js process runs JavaScript.
    const module = fileURLToPath(new URL('../../dist/server/batched-log-destination.js', import.meta.url));
    const script = `
      const { createBatchedLogDestination } = await import(${JSON.stringify(module)});
      const out = createBatchedLogDestination({ dest: ${JSON.stringify(path)}, flushIntervalMs: 60000 });
      for (let n = 1; n <= 3; n++) out.write(JSON.stringify({ n }) + '\\n');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.status, child.stderr).toBe(0);
    expect(lines(path).map((l) => JSON.parse(l).n)).toEqual([1, 2, 3]);
  });
});
