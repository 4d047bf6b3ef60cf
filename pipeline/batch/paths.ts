import { relative, sep } from 'node:path';

/**
 * The path stored in a report: relative to the working directory with "/" separators, so that
 * canonical JSON never holds an absolute path and is the same on every machine.
 */
export function portablePath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}
