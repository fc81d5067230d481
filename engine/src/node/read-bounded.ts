/**
 * Reading input files with a size limit. Every file the engine or the CLI reads goes through
 * here so that `/dev/zero` cannot grow memory without bound, a FIFO cannot block forever (it is
 * opened non-blocking and refused as "not a regular file"), and every failure is a reason in
 * words that never quotes the file's content.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The default limit of one input (a file, standard input, or a whole policy set): 64 MiB. */
import { DEFAULT_MAX_INPUT_BYTES } from '../io/input-limits.js';

export { DEFAULT_MAX_INPUT_BYTES };

/** Why a read failed; `message` says it in words and never quotes the file. */
export type ReadFailureReason = 'missing' | 'directory' | 'not-regular' | 'too-large' | 'symlink-loop' | 'permission' | 'io';

export type BoundedRead =
  | { readonly ok: true; readonly text: string; readonly bytes: number }
  | { readonly ok: false; readonly reason: ReadFailureReason; readonly message: string };

const FS_REASONS: Readonly<Record<string, readonly [ReadFailureReason, string]>> = {
  ENOENT: ['missing', 'no such file or directory'],
  ENOTDIR: ['missing', 'a part of the path is not a directory'],
  EISDIR: ['directory', 'it is a directory'],
  ELOOP: ['symlink-loop', 'the path has a loop of symbolic links'],
  EACCES: ['permission', 'permission denied'],
  EPERM: ['permission', 'operation not permitted'],
  ENAMETOOLONG: ['missing', 'the path is too long'],
  ENXIO: ['not-regular', 'it is not a regular file (a device, FIFO or socket)'],
  EMFILE: ['io', 'too many open files'],
};

/** A file-system error in words (`ELOOP` → "the path has a loop of symbolic links"); never the path. */
export function describeFsFailure(error: unknown): { reason: ReadFailureReason; message: string } {
  const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : '';
  const known = FS_REASONS[code];
  if (known) return { reason: known[0], message: known[1] };
  return { reason: 'io', message: code !== '' ? `input/output error (${code})` : 'input/output error' };
}

/** "is larger than the limit of 64 MiB (67108864 bytes)". */
export function tooLargeMessage(maxBytes: number): string {
  return `it is larger than the input limit of ${formatBytes(maxBytes)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB (${bytes} bytes)`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB (${bytes} bytes)`;
  return `${bytes} bytes`;
}

const utf8 = new TextDecoder('utf-8'); // strips a leading BOM (ignoreBOM: false)

/**
 * Reads a regular file of at most `maxBytes` bytes as UTF-8 (a leading BOM is dropped). Refuses
 * directories, devices, FIFOs and sockets without blocking, and stops reading as soon as the
 * limit is passed, even when the file grows while it is read. Never throws.
 */
export function readBoundedFile(path: string, maxBytes: number = DEFAULT_MAX_INPUT_BYTES): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer must not block; it is refused below anyway.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, ...describeFsFailure(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, reason: 'directory', message: 'it is a directory' };
    if (!stat.isFile()) return { ok: false, reason: 'not-regular', message: 'it is not a regular file (a device, FIFO or socket)' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large', message: tooLargeMessage(maxBytes) };
    return readBoundedFd(fd, maxBytes);
  } catch (error) {
    return { ok: false, ...describeFsFailure(error) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // closing a read-only descriptor cannot lose data
    }
  }
}

const CHUNK = 64 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads an open descriptor to its end, or refuses once more than `maxBytes` arrived (the stream
 * is not drained: `/dev/zero` on standard input ends after `maxBytes + 1` bytes). A non-blocking
 * descriptor that has no data yet (EAGAIN) is polled. Never throws.
 */
export function readBoundedFd(fd: number, maxBytes: number = DEFAULT_MAX_INPUT_BYTES): BoundedRead {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 10);
          continue;
        }
        if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { ok: false, reason: 'too-large', message: tooLargeMessage(maxBytes) };
      chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
    }
  } catch (error) {
    return { ok: false, ...describeFsFailure(error) };
  }
  return { ok: true, text: utf8.decode(Buffer.concat(chunks, total)), bytes: total };
}
