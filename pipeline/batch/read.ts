/**
 * Reading an input file, bounded: only regular files are read (a FIFO may wait forever for a writer,
 * a device such as `/dev/zero` never ends, a socket or a disk is no report), and the byte limit is
 * enforced while reading, not taken from `stat` (which says 0 for `/proc` files and devices, and a
 * file may grow while it is read). Nothing here ever blocks on a FIFO: it is refused from its `stat`,
 * and the open that follows is non-blocking in case the path was swapped for one in between.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { diagnose, type SpecialFileKind } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';

/**
 * The bytes of a file, or the problem that kept it from being read. `errorCode` is the file-system
 * error behind a `cannot-read` (`ENOENT`), for callers to whom a missing file is no problem.
 */
export type ReadResult = { bytes: Uint8Array } | { problem: DiagnosticRecord; errorCode?: string };

/** Bytes asked for per read once the size is unknown or passed: large enough for few system calls. */
const CHUNK_BYTES = 1024 * 1024;
/** Bytes asked for after a file gave the size `stat` said: almost always the read that finds its end. */
const PROBE_BYTES = 4096;

/**
 * `O_NONBLOCK`: opening a FIFO for reading waits for a writer (forever, if none comes); non-blocking,
 * the open returns at once and the `fstat` after it refuses the FIFO. `O_NOCTTY`: a terminal device
 * opened by mistake never becomes the controlling terminal. Both are 0 where the platform lacks them.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** The kind of a path that is not a regular file; null for a regular file. */
function specialKindOf(stats: Stats): SpecialFileKind | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  return 'other';
}

/** The `not-a-file` problem of a path that is not a regular file, or null when it is one. */
export function notRegularFileProblem(stats: Stats): DiagnosticRecord | null {
  const kind = specialKindOf(stats);
  return kind ? diagnose('not-a-file', { kind }) : null;
}

/**
 * Reads a regular file of at most `maxBytes` bytes. Never throws: an unreadable path, a special file
 * (`not-a-file`) or a file over the limit (`too-large`, found by reading, whatever `stat` says) is a
 * problem.
 */
export async function readReportFile(path: string, maxBytes: number): Promise<ReadResult> {
  try {
    const refused = refuse(await stat(path), maxBytes);
    if (refused) return refused;
    const handle = await open(path, OPEN_FLAGS);
    try {
      const stats = await handle.stat();
      const changed = refuse(stats, maxBytes);
      if (changed) return changed;
      const reading = boundedRead(maxBytes, stats.size);
      let step = reading.next();
      while (!step.done) step = reading.next((await handle.read(step.value, 0, step.value.length, null)).bytesRead);
      return step.value;
    } finally {
      await handle.close();
    }
  } catch (error) {
    return cannotRead(error);
  }
}

/** `readReportFile` for the CLI's synchronous commands: the same checks and bound. */
export function readReportFileSync(path: string, maxBytes: number): ReadResult {
  try {
    const refused = refuse(statSync(path), maxBytes);
    if (refused) return refused;
    const fd = openSync(path, OPEN_FLAGS);
    try {
      const stats = fstatSync(fd);
      return refuse(stats, maxBytes) ?? readOpenedSync(fd, maxBytes, stats.size);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return cannotRead(error);
  }
}

/**
 * Reads an open stream (standard input: a pipe, a terminal, a device or a redirected file) to its end,
 * stopping with `too-large` once past `maxBytes`, so `… < /dev/zero` ends at the limit.
 */
export function readStreamSync(fd: number, maxBytes: number): ReadResult {
  try {
    const stats = fstatSync(fd);
    return readOpenedSync(fd, maxBytes, stats.isFile() ? stats.size : 0);
  } catch (error) {
    return cannotRead(error);
  }
}

function readOpenedSync(fd: number, maxBytes: number, sizeHint: number): ReadResult {
  const reading = boundedRead(maxBytes, sizeHint);
  let step = reading.next();
  while (!step.done) step = reading.next(readSync(fd, step.value, 0, step.value.length, null));
  return step.value;
}

/** Refuses a special file, or a regular one whose `stat` size is over the limit already. */
function refuse(stats: Stats, maxBytes: number): ReadResult | null {
  const special = notRegularFileProblem(stats);
  if (special) return { problem: special };
  if (stats.size > maxBytes) return { problem: diagnose('too-large', { bytes: stats.size, limit: maxBytes }) };
  return null;
}

function cannotRead(error: unknown): ReadResult {
  return { problem: diagnose('cannot-read', { reason: describeFsError(error) }), errorCode: (error as NodeJS.ErrnoException)?.code };
}

/**
 * The reading loop without its I/O, so the synchronous and asynchronous readers share it: it yields
 * a buffer to fill and is sent how many bytes the read put there (0 at the end). It never holds more
 * than `maxBytes + 1` bytes: one byte past the limit tells a file over it from one exactly at it.
 * The first read asks for the size `stat` gave, so a file of a known size takes one buffer, uncopied.
 */
function* boundedRead(maxBytes: number, sizeHint: number): Generator<Buffer, ReadResult, number> {
  const chunks: Buffer[] = [];
  let total = 0;
  let wanted = sizeHint > 0 ? sizeHint : CHUNK_BYTES;
  for (;;) {
    // allocUnsafeSlow: a buffer of its own, never a slice of Node's shared pool, so the bytes handed
    // to a worker thread are copied without the pool around them.
    const buffer = Buffer.allocUnsafeSlow(Math.min(wanted, maxBytes + 1 - total));
    const read = yield buffer;
    if (read === 0) break;
    chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
    total += read;
    if (total > maxBytes) return { problem: diagnose('too-large', { bytes: total, limit: maxBytes, atLeast: true }) };
    wanted = total === sizeHint ? PROBE_BYTES : CHUNK_BYTES;
  }
  const [only] = chunks;
  if (chunks.length === 1 && only!.byteLength === only!.buffer.byteLength) return { bytes: only! };
  return { bytes: Buffer.concat(chunks, total) };
}

/** A short, human reason for a file-system error ("no such file or directory"), without a stack. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a folder, not a file',
    ELOOP: 'too many symbolic links (a link loop)',
    ENOTDIR: 'a part of the path is not a folder',
    EMFILE: 'too many open files',
    ENAMETOOLONG: 'the file name is too long',
    ENXIO: 'no device or reader behind the path (a socket?)',
  };
  if (code && reasons[code]) return reasons[code];
  return error instanceof Error ? error.message : String(error);
}
