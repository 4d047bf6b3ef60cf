/**
 * Finding input files: files named on the command line, folders walked recursively (sorted, so runs
 * are reproducible; symlink loops walked once), and glob patterns. Paths are yielded one at a time,
 * never gathered into a whole-corpus array. Problems (a missing path, a folder without permission)
 * are yielded too, so the caller can report them and go on.
 */
import { opendir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { globIterate, hasMagic } from 'glob';
import { diagnose } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';

/** File extensions taken as reports when walking a folder or matching a glob. */
export const REPORT_EXTENSIONS: ReadonlySet<string> = new Set(['.txt', '.html', '.htm', '.pdf']);

/** One item of the listing: a file to ingest, or a path that could not be listed and why. */
export type SourceEntry = { kind: 'file'; path: string } | { kind: 'problem'; path: string; problem: DiagnosticRecord };

/**
 * Lists report files under the given paths, lazily. A file named explicitly is always taken; inside
 * folders and globs only report extensions are.
 */
export async function* listSourceFiles(paths: readonly string[]): AsyncGenerator<SourceEntry> {
  const seenDirs = new Set<string>();
  for (const path of paths) {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists && hasMagic(path, { windowsPathsNoEscape: false })) {
      for await (const match of globIterate(path, { nodir: true, follow: false })) {
        if (isReportFile(match)) yield { kind: 'file', path: match };
      }
      continue;
    }
    yield* walk(path, true, seenDirs);
  }
}

function isReportFile(path: string): boolean {
  return REPORT_EXTENSIONS.has(extname(path).toLowerCase());
}

async function* walk(path: string, explicit: boolean, seenDirs: Set<string>): AsyncGenerator<SourceEntry> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    yield problem(path, error);
    return;
  }
  if (info.isDirectory()) {
    // Symlink loops: a folder already walked (same device and inode) is not walked again.
    const key = `${info.dev}:${info.ino}`;
    if (seenDirs.has(key)) return;
    seenDirs.add(key);
    const names: string[] = [];
    try {
      const dir = await opendir(path);
      for await (const entry of dir) names.push(entry.name);
    } catch (error) {
      yield problem(path, error);
      return;
    }
    names.sort();
    for (const name of names) yield* walk(join(path, name), false, seenDirs);
    return;
  }
  if (explicit || isReportFile(path)) yield { kind: 'file', path };
}

function problem(path: string, error: unknown): SourceEntry {
  return { kind: 'problem', path, problem: diagnose('cannot-read', { reason: describeFsError(error) }) };
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
  };
  if (code && reasons[code]) return reasons[code];
  return error instanceof Error ? error.message : String(error);
}
