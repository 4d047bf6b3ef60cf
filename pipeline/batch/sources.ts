/**
 * Finding input files: files named on the command line, folders walked recursively (sorted, so runs
 * are reproducible; symlink loops walked once), and glob patterns. Paths are yielded one at a time,
 * never gathered into a whole-corpus array. Problems (a missing path, a folder without permission, a
 * FIFO or device where a report was expected, a link out of the folder given) are yielded too, so the
 * caller can report them and go on.
 *
 * A walk stays inside the folder it was given (or a glob's fixed leading folders): a symbolic link
 * whose target lies outside is not followed unless `followSymlinks`, so a link to `/etc` planted in
 * an inbox does not ingest `/etc`. Paths named on the command line are taken as given.
 */
import { opendir, realpath, stat } from 'node:fs/promises';
import { lstatSync, statSync, type Stats } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { diagnose } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import { describeFsError, notRegularFileProblem } from './read.js';

export { describeFsError } from './read.js';

/** File extensions taken as reports when walking a folder or matching a glob. */
export const REPORT_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.html', '.htm', '.pdf']);

/**
 * One item of the listing: a file to ingest (with its size when listed, for scheduling only: the
 * reader bounds what it reads itself), or a path that could not be listed and why.
 */
export type SourceEntry = { kind: 'file'; path: string; size: number } | { kind: 'problem'; path: string; problem: DiagnosticRecord };

/** Options of `listSourceFiles`. */
export interface ListOptions {
  /** Follow symbolic links out of the folders given (default: such links are reported, not followed). */
  followSymlinks?: boolean;
}

/** The folder a walk must stay in: as given (for messages) and resolved (for the containment check). */
interface Root {
  given: string;
  real: string;
}

/** What one walk carries down: folders already walked (by device and inode) and its root, if bound to one. */
interface WalkContext {
  seenDirs: Set<string>;
  root: Root | null;
}

/**
 * Lists report files under the given paths, lazily. A file named explicitly is always taken; inside
 * folders and globs only report extensions are.
 */
export async function* listSourceFiles(paths: readonly string[], options: ListOptions = {}): AsyncGenerator<SourceEntry> {
  const seenDirs = new Set<string>();
  for (const path of paths) {
    // A glob or folder that gives nothing (no file, no problem) is a problem of its own: a typo in
    // a pattern must not pass as "ingested 0".
    let found = false;
    const exists = await stat(path).then(
      (s) => s,
      () => null,
    );
    // glob is loaded only for a path that is not there (it may be a pattern): most runs name folders.
    const glob = exists ? null : await import('glob');
    if (glob && glob.hasMagic(path, { windowsPathsNoEscape: false })) {
      const context: WalkContext = { seenDirs, root: options.followSymlinks ? null : await rootOf(globBase(path)) };
      for await (const match of glob.globIterate(path, { nodir: true, follow: false })) {
        if (!isReportFile(match)) continue;
        found = true;
        // A glob's `**` follows one level of linked folders (as bash does), so a match may lie outside
        // through a folder above it: its whole path is resolved, not just its last part.
        // (A match that cannot be resolved is left to the walk, which says why.)
        const outside = context.root && (await escapedTarget(match, context.root).catch(() => null));
        if (outside) yield outsideRoot(match, outside, context.root!);
        else yield* walk(match, false, context);
      }
      if (!found) yield noMatch(path, 'glob');
      continue;
    }
    const walkedBefore = exists?.isDirectory() === true && seenDirs.has(dirKey(exists));
    for await (const entry of walk(path, true, { seenDirs, root: options.followSymlinks ? null : await rootOf(path) })) {
      found = true;
      yield entry;
    }
    // (A folder walked before, named twice or through a link, gives nothing the second time: no problem.)
    if (!found && exists?.isDirectory() && !walkedBefore) yield noMatch(path, 'folder');
  }
}

function isReportFile(path: string): boolean {
  return REPORT_EXTENSIONS.has(extname(path).toLowerCase());
}

async function* walk(path: string, explicit: boolean, context: WalkContext): AsyncGenerator<SourceEntry> {
  let info: Stats;
  try {
    // What a walk finds is looked at without following links, so a link is checked before it is followed.
    // Synchronous: one system call per file, about 30 times faster than the promise on the thread
    // pool (which took a third of an unchanged re-run's listing), and never waiting on a FIFO.
    info = explicit || !context.root ? statSync(path) : lstatSync(path);
    if (info.isSymbolicLink()) {
      info = statSync(path);
      const outside = await escapedTarget(path, context.root!);
      if (outside) {
        // Only what the walk would have taken is said: a linked folder, or a file with a report's name.
        if (info.isDirectory() || isReportFile(path)) yield outsideRoot(path, outside, context.root!);
        return;
      }
    }
  } catch (error) {
    yield problem(path, error);
    return;
  }
  if (info.isDirectory()) {
    // Symlink loops: a folder already walked (same device and inode) is not walked again.
    const key = dirKey(info);
    if (context.seenDirs.has(key)) return;
    context.seenDirs.add(key);
    const names: string[] = [];
    try {
      const dir = await opendir(path);
      for await (const entry of dir) names.push(entry.name);
    } catch (error) {
      yield problem(path, error);
      return;
    }
    names.sort();
    for (const name of names) yield* walk(join(path, name), false, context);
    return;
  }
  if (!explicit && !isReportFile(path)) return;
  // A FIFO, socket or device with a report's name is said and skipped here: reading it could block
  // or never end. (The reader refuses it again, should it appear between this listing and the read.)
  const special = notRegularFileProblem(info);
  yield special ? { kind: 'problem', path, problem: special } : { kind: 'file', path, size: info.size };
}

/** A folder's identity (device and inode), the same however it is reached. */
function dirKey(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

/** The root of a walk from `path`; null when it cannot be resolved (the walk then reports why). */
async function rootOf(path: string): Promise<Root | null> {
  const real = await realpath(path).catch(() => null);
  return real === null ? null : { given: path, real };
}

/**
 * The leading folders of a glob pattern, before any character that may be magic (`archive/**\/*.pdf`
 * → `archive`). Cut at the first such character, escaped or not, so it errs towards a wider folder.
 */
function globBase(pattern: string): string {
  const magic = pattern.search(/[*?[\]{}()!+@\\]/);
  const head = magic === -1 ? pattern : pattern.slice(0, magic);
  const slash = head.lastIndexOf('/');
  if (slash === -1) return '.';
  return head.slice(0, slash) || '/';
}

/** Where `path` really leads, when that is outside `root`; null when it stays inside. */
async function escapedTarget(path: string, root: Root): Promise<string | null> {
  const target = await realpath(path);
  const inside = target === root.real || target.startsWith(root.real.endsWith(sep) ? root.real : root.real + sep);
  return inside ? null : target;
}

function outsideRoot(path: string, target: string, root: Root): SourceEntry {
  return { kind: 'problem', path, problem: diagnose('link-outside-root', { target, root: root.given }) };
}

function noMatch(path: string, kind: 'glob' | 'folder'): SourceEntry {
  return { kind: 'problem', path, problem: diagnose('no-match', { kind, extensions: [...REPORT_EXTENSIONS].join(', ') }) };
}

function problem(path: string, error: unknown): SourceEntry {
  return { kind: 'problem', path, problem: diagnose('cannot-read', { reason: describeFsError(error) }) };
}
