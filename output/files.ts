/**
 * Writing tool output to disk: whole files, atomically (a reader never sees half a file). The
 * temporary file sits in the target's folder (so the rename never crosses file systems), has a random
 * name (no other user can plant a link at it in advance) and is created exclusively (`wx`: O_CREAT |
 * O_EXCL, which never opens through an existing file or symbolic link). The rename replaces a link at
 * the target itself, never the file it points to.
 */
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** Temporary files this process is writing now: what a signal handler must remove. */
const pendingTemps = new Set<string>();

/** The name of the temporary file a write of `path` goes through (its folder made if missing): see `TEMP_NAME`. */
function tempPathFor(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`);
}

/** Writes text to a file (its folder created if missing) through a temporary file and a rename. */
export function writeTextFileAtomic(path: string, text: string): void {
  writeChunksAtomic(path, [text]);
}

/** A write in progress through a temporary file: its descriptor, and how it ends. */
interface AtomicWrite {
  fd: number;
  /** The temporary file's path. */
  temp: string;
  /** Closes the temporary file (once; `commit` and `abort` close it too). */
  close(): void;
  /** Closes the temporary file and renames it over the target. */
  commit(): void;
  /** Closes and removes the temporary file: a failed write (a full disk) leaves nothing behind. */
  abort(): void;
}

/** Opens the temporary file of a write of `path` (exclusively, tracked for the signal handler). */
function beginAtomicWrite(path: string): AtomicWrite {
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'wx');
  pendingTemps.add(temp);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    fd,
    temp,
    close,
    commit() {
      close();
      renameSync(temp, path);
      pendingTemps.delete(temp);
    },
    abort() {
      try {
        close();
      } finally {
        rmSync(temp, { force: true });
        pendingTemps.delete(temp);
      }
    },
  };
}

/**
 * Writes text to the temporary file of a write of `path` (see `TEMP_NAME`) and closes it, without the
 * rename: the caller (maybe on another thread: a parse worker writes, the batch's writer renames)
 * ends the write with `renameSync(temp, path)`, or removes the file. A failed write leaves nothing
 * behind. The temporary file is the caller's from here on, so no signal handler of this thread
 * removes it; `removeStaleTempFiles` still knows it by its name after a killed run. Returns its path.
 */
export function writeTempTextFile(path: string, text: string): string {
  const write = beginAtomicWrite(path);
  try {
    writeFileSync(write.fd, text);
    write.close();
  } catch (error) {
    write.abort();
    throw error;
  }
  pendingTemps.delete(write.temp);
  return write.temp;
}

/**
 * Writes a file from chunks of text, one at a time (so a large export is never held whole), through
 * a temporary file and a rename, as `writeTextFileAtomic` does.
 */
export function writeChunksAtomic(path: string, chunks: Iterable<string>): void {
  const write = beginAtomicWrite(path);
  try {
    for (const chunk of chunks) writeFileSync(write.fd, chunk);
    write.commit();
  } catch (error) {
    write.abort();
    throw error;
  }
}

/** Signals that end a command run from a terminal or a supervisor, after which no temp file may stay. */
const ENDING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let signalsHandled = false;

/**
 * Makes SIGINT, SIGTERM and SIGHUP remove this process's temporary files before it ends (for commands
 * that write one file: `review --out`, `schema --out`). The process then ends by the same signal, as
 * it would have without the handler (exit status 128 + its number). A write is synchronous, so a
 * signal during it is handled once it is done: the file is then whole and renamed, and nothing is
 * left behind either way. SIGKILL cannot be handled: `removeStaleTempFiles` cleans up after it.
 */
export function removeTempFilesOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    for (const temp of pendingTemps) rmSync(temp, { force: true });
    for (const s of ENDING_SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of ENDING_SIGNALS) process.on(s, onSignal);
}

/**
 * A temporary file this old is a dead writer's even when its process id is in use again (ids are
 * reused): no write of ours takes an hour.
 */
export const STALE_TEMP_AGE_MS = 60 * 60 * 1000;

/**
 * Removes temporary files of ours left in `dir` by a writer that was killed mid-write: its process is
 * gone, or the file is older than {@link STALE_TEMP_AGE_MS}. Files of live writers are left alone,
 * and so is anything that is not a regular file: a link or folder with a temporary file's name is
 * not ours to remove or follow.
 */
export function removeStaleTempFiles(dir: string, now = Date.now()): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const writer = entry.isFile() ? tempFileWriter(entry.name) : null;
    if (writer === null) continue;
    const path = join(dir, entry.name);
    if (!isProcessAlive(writer) || now - modifiedAt(path) > STALE_TEMP_AGE_MS) rmSync(path, { force: true });
  }
}

/** When a file was last written; now (so it counts as fresh) when it is gone already (another cleaner). */
function modifiedAt(path: string): number {
  try {
    return lstatSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `writeChunksAtomic` for chunks that come one at a time from a source that is read asynchronously
 * (a PostgreSQL cursor): the same temporary file, rename and clean-up.
 */
export async function writeChunksAtomicAsync(path: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const write = beginAtomicWrite(path);
  try {
    for await (const chunk of chunks) writeFileSync(write.fd, chunk);
    write.commit();
  } catch (error) {
    write.abort();
    throw error;
  }
}
