import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSourceFiles, type ListOptions, type SourceEntry } from '../../../pipeline/batch/sources.js';

let base: string;
let root: string;
let outside: string;

/** The listing of `paths`, gathered, with paths relative to `root` and problems as their code and params. */
async function listing(paths: string[], options?: ListOptions) {
  const entries: SourceEntry[] = [];
  const started = performance.now();
  for await (const entry of listSourceFiles(paths, options)) entries.push(entry);
  expect(performance.now() - started).toBeLessThan(2000);
  return entries.map((e) =>
    e.kind === 'file' ? relative(root, e.path) : { path: relative(root, e.path), code: e.problem.code, params: e.problem.params },
  );
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'si-sources-'));
  root = join(base, 'inbox');
  outside = join(base, 'elsewhere');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'good.txt'), 'x');
  writeFileSync(join(root, 'sub', 'inner.txt'), 'x');
  writeFileSync(join(outside, 'secret.txt'), 'x');
  symlinkSync(outside, join(root, 'link-to-folder'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link-to-file.txt'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link-not-a-report'));
  symlinkSync(join(root, 'sub', 'inner.txt'), join(root, 'link-inside.txt'));
  execFileSync('mkfifo', [join(root, 'pipe.txt')]);
  execFileSync('mkfifo', [join(root, 'pipe-not-a-report')]);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('folder walks', () => {
  it('stay inside the folder given: links out of it are said and not followed, links inside are', async () => {
    expect(await listing([root])).toEqual([
      'good.txt',
      'link-inside.txt',
      { path: 'link-to-file.txt', code: 'link-outside-root', params: { target: join(outside, 'secret.txt'), root } },
      { path: 'link-to-folder', code: 'link-outside-root', params: { target: outside, root } },
      // (`link-not-a-report` leads out too, but its name is no report's: the walk would not take it.)
      { path: 'pipe.txt', code: 'not-a-file', params: { kind: 'fifo' } },
      'sub/inner.txt',
    ]);
  });

  it('follow links out of the folder with followSymlinks', async () => {
    expect(await listing([root], { followSymlinks: true })).toEqual([
      'good.txt',
      'link-inside.txt',
      'link-to-file.txt',
      'link-to-folder/secret.txt',
      { path: 'pipe.txt', code: 'not-a-file', params: { kind: 'fifo' } },
      'sub/inner.txt',
    ]);
  });

  it('take the folder given even when it is itself a link, and still stay inside its target', async () => {
    const alias = join(base, 'alias');
    symlinkSync(root, alias);
    const entries = await listing([alias]);
    expect(entries).toContainEqual('../alias/good.txt');
    expect(entries).toContainEqual({ path: '../alias/link-to-folder', code: 'link-outside-root', params: { target: outside, root: alias } });
  });

  it('refuse a FIFO named on the command line, without waiting for a writer', async () => {
    expect(await listing([join(root, 'pipe-not-a-report')])).toEqual([{ path: 'pipe-not-a-report', code: 'not-a-file', params: { kind: 'fifo' } }]);
  });

  it('apply the same rule to glob patterns, from their fixed leading folders', async () => {
    const entries = await listing([`${root}/**/*.txt`]);
    expect(entries).toContain('good.txt');
    expect(entries).toContain('sub/inner.txt');
    expect(entries).not.toContain('link-to-file.txt');
    expect(entries).not.toContainEqual(expect.stringMatching(/secret/));
    expect(entries).toContainEqual({ path: 'link-to-file.txt', code: 'link-outside-root', params: { target: join(outside, 'secret.txt'), root } });
  });
});

describe('paths that match nothing', () => {
  it('say so for a glob without a report file and a folder without one, naming each', async () => {
    const empty = join(base, 'empty-inbox');
    mkdirSync(join(empty, 'deeper'), { recursive: true });
    writeFileSync(join(empty, 'notes.md'), 'no report');
    const extensions = '.txt, .html, .htm, .pdf';
    expect(await listing([`${root}/**/*.nomatch`, empty])).toEqual([
      { path: '**/*.nomatch', code: 'no-match', params: { kind: 'glob', extensions } },
      { path: '../empty-inbox', code: 'no-match', params: { kind: 'folder', extensions } },
    ]);
  });

  it('do not count a folder met again (named twice, or reached through a link) as matching nothing', async () => {
    const entries = await listing([join(root, 'sub'), join(root, 'sub')]);
    expect(entries).toEqual(['sub/inner.txt']);
  });

  it('are not a glob whose matches are all problems: those problems are said instead', async () => {
    const entries = await listing([`${root}/pipe*.txt`]);
    expect(entries).toEqual([{ path: 'pipe.txt', code: 'not-a-file', params: { kind: 'fifo' } }]);
  });
});
