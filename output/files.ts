/**
 * Writing tool output to disk: whole files, atomically (a reader never sees half a file). The
 * temporary file sits in the target's folder (so the rename never crosses file systems), has a random
 * name (no other user can plant a link at it in advance) and is created exclusively (`wx`: O_CREAT |
 * O_EXCL, which never opens through an existing file or symbolic link). The rename replaces a link at
 * the target itself, never the file it points to.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * A temporary file's name: hidden, after its target, with the writer's process id (so a later run
 * can tell a dead writer's leftovers from a live one's) and 64 random bits.
 */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{16}\.tmp$/;

/** Names of earlier versions (`<target>.json.<pid>.tmp`), still cleaned up after a run killed mid-write. */
const OLD_TEMP_NAME = /^.+\.json\.(\d+)\.tmp$/;

/** The process id of the writer of a temporary file by its name; null when the name is no temp file's. */
export function tempFileWriter(name: string): number | null {
  const m = TEMP_NAME.exec(name) ?? OLD_TEMP_NAME.exec(name);
  return m ? Number(m[1]) : null;
}

/** The name of the temporary file a write of `path` goes through (its folder made if missing): see `TEMP_NAME`. */
function tempPathFor(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`);
}

/** Writes text to a file (its folder created if missing) through a temporary file and a rename. */
export function writeTextFileAtomic(path: string, text: string): void {
  writeChunksAtomic(path, [text]);
}

/**
 * Writes a file from chunks of text, one at a time (so a large export is never held whole), through
 * a temporary file and a rename, as `writeTextFileAtomic` does.
 */
export function writeChunksAtomic(path: string, chunks: Iterable<string>): void {
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'wx');
  try {
    try {
      for (const chunk of chunks) writeFileSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    // A failed write (a full disk) leaves no temporary file behind.
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * `writeChunksAtomic` for chunks that come one at a time from a source that is read asynchronously
 * (a PostgreSQL cursor): the same temporary file, rename and clean-up.
 */
export async function writeChunksAtomicAsync(path: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'wx');
  try {
    try {
      for await (const chunk of chunks) writeFileSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
