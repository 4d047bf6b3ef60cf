/**
 * One temporary folder for a test run, as a vitest globalSetup of both projects: `TMPDIR` points
 * into it, so the `os.tmpdir()` of every test, of the workers and of each CLI a test spawns is in it,
 * and it is removed on teardown. The tests make hundreds of folders (a hostile input's holds 200 MB)
 * and most of them leave theirs: repeated runs once filled a 250 GB disk with 9,000 of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'si-test-run-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
