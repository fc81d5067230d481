/** The bounded reader: regular files within the limit only, never blocking, never growing past the limit. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoundedFd, readBoundedFile } from '../../src/node/read-bounded.js';

const dir = mkdtempSync(join(tmpdir(), 'smart-policy-read-'));

describe('readBoundedFile', () => {
  it('reads a regular file, dropping a leading BOM', () => {
    const path = join(dir, 'bom.txt');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo')]));
    expect(readBoundedFile(path)).toEqual({ ok: true, text: 'héllo', bytes: 9 });
  });

  it('refuses a file one byte past the limit and reads one at the limit', () => {
    const path = join(dir, 'ten.txt');
    writeFileSync(path, '0123456789');
    expect(readBoundedFile(path, 10)).toMatchObject({ ok: true });
    expect(readBoundedFile(path, 9)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('refuses devices, FIFOs and directories without blocking, and names failures in words', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(readBoundedFile('/dev/zero')).toMatchObject({ ok: false, reason: 'not-regular' });
    expect(readBoundedFile(fifo)).toMatchObject({ ok: false, reason: 'not-regular' });
    expect(readBoundedFile(dir)).toMatchObject({ ok: false, reason: 'directory' });
    expect(readBoundedFile(join(dir, 'missing'))).toMatchObject({ ok: false, reason: 'missing', message: 'no such file or directory' });
  });
});

describe('readBoundedFd', () => {
  it('stops an endless stream after the limit', () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      expect(readBoundedFd(fd, 1_000_000)).toMatchObject({ ok: false, reason: 'too-large' });
    } finally {
      closeSync(fd);
    }
  });
});
