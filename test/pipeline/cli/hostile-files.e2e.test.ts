/**
 * Hostile files and names, through the built CLI: a FIFO, /dev/zero, symlinks out of the folder
 * given, a newline in a file name. Each run ends within seconds, names the file and the reason on
 * one line each, and the good file beside the bad ones lands exactly once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_ARGS, runCli, summaryOf } from '../../cli-runner.js';

/** Every run here must end within this (an unbounded read or a wait on a FIFO would not). */
const BOUND_MS = 10_000;
const GOOD = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const FORGED = 'evil\nfake.txt:1:1: error nothing-wrong: all good\n.txt';

let base: string;

/** Runs the CLI with a time bound (killed past it), and gives how long it took. */
function timedCli(args: string[], stdin: 'ignore' | number = 'ignore') {
  const started = performance.now();
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { cwd: base, encoding: 'utf8', timeout: BOUND_MS, stdio: [stdin, 'pipe', 'pipe'] });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr), ms: performance.now() - started };
}

/** The paths of the reports that landed in a database. */
function landed(db: string): string[] {
  const handle = new Database(join(base, db), { readonly: true });
  try {
    return (handle.prepare('SELECT path FROM reports ORDER BY path').all() as { path: string }[]).map((r) => r.path);
  } finally {
    handle.close();
  }
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'si-hostile-'));
  const inbox = join(base, 'inbox');
  mkdirSync(inbox);
  copyFileSync(GOOD, join(inbox, 'good.txt'));
  execFileSync('mkfifo', [join(inbox, 'pipe.txt')]);
  symlinkSync('/etc', join(inbox, 'etc'));
  symlinkSync('/dev/zero', join(inbox, 'zero.txt'));
  writeFileSync(join(inbox, FORGED), '');
  // A second inbox whose only link leads to a folder of our own, to follow with --follow-symlinks.
  mkdirSync(join(base, 'elsewhere'));
  copyFileSync('fixtures/bad/bom.txt', join(base, 'elsewhere', 'extra.txt'));
  mkdirSync(join(base, 'inbox2'));
  copyFileSync(GOOD, join(base, 'inbox2', 'good.txt'));
  symlinkSync(join(base, 'elsewhere'), join(base, 'inbox2', 'linked'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('ingest over a folder with a FIFO, links out of it and a forged name', () => {
  let r: ReturnType<typeof timedCli>;
  beforeAll(() => {
    r = timedCli(['ingest', 'inbox', '--db', 'a.sqlite', '--json-dir', 'json', '--json', '--concurrency', '1']);
  });

  it('ends fast, exits 1, and lands the good file exactly once (nothing from /etc)', () => {
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.code).toBe(1);
    expect(summaryOf(r)).toMatchObject({ ingested: 1, failed: 4 });
    expect(landed('a.sqlite')).toEqual(['inbox/good.txt']);
    expect((summaryOf(r) as { peakRssMb: number }).peakRssMb).toBeLessThan(400);
  });

  it('names each skipped file and why, on one line each', () => {
    expect(r.stderr).toContain('inbox/pipe.txt: error not-a-file: ');
    expect(r.stderr).toContain('inbox/etc: error link-outside-root: ');
    expect(r.stderr).toContain('inbox/zero.txt: error link-outside-root: ');
    // The newline in the name is quoted, so no line of stderr is forged by it.
    expect(r.stderr).toContain(`${JSON.stringify(`inbox/${FORGED}`)}:1:1: error empty-input: `);
    expect(r.stderr.split('\n').filter((line) => line.startsWith('fake.txt'))).toEqual([]);
  });

  it('follows a link out of the folder with --follow-symlinks', () => {
    const before = timedCli(['ingest', 'inbox2', '--db', 'b.sqlite', '--json']);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('inbox2/linked: error link-outside-root: ');
    const followed = timedCli(['ingest', 'inbox2', '--db', 'b.sqlite', '--json', '--follow-symlinks']);
    expect(followed.ms).toBeLessThan(BOUND_MS);
    expect(followed.code).toBe(0);
    expect(summaryOf(followed)).toMatchObject({ ingested: 1, skipped: 1, failed: 0 });
    expect(landed('b.sqlite')).toEqual(['inbox2/good.txt', 'inbox2/linked/extra.txt']);
  });
});

describe('devices and FIFOs named on the command line', () => {
  it('ingest /dev/zero and a FIFO: refused at once, the good file beside them lands', () => {
    const r = timedCli(['ingest', '/dev/zero', 'inbox/pipe.txt', 'inbox/good.txt', '--db', 'c.sqlite', '--json']);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\/dev\/zero: error not-a-file: /);
    expect(r.stderr).toContain('inbox/pipe.txt: error not-a-file: ');
    expect(summaryOf(r)).toMatchObject({ ingested: 1, failed: 2 });
    expect(landed('c.sqlite')).toEqual(['inbox/good.txt']);
  });

  it('parse /dev/zero and parse a FIFO: refused at once, exit 2 (an input that cannot be read)', () => {
    for (const file of ['/dev/zero', 'inbox/pipe.txt']) {
      const r = timedCli(['parse', file]);
      expect(r.ms).toBeLessThan(BOUND_MS);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}: error not-a-file: `);
      expect(r.stdout).toBe('');
    }
  });

  it('facts - with /dev/zero as standard input: stops at the limit with too-large', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = timedCli(['facts', '-'], zero);
      expect(r.ms).toBeLessThan(BOUND_MS);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('-: error too-large: ');
    } finally {
      closeSync(zero);
    }
  });

  it('still reads a regular file named on the command line', () => {
    expect(runCli(['parse', GOOD]).code).toBe(0);
  });
});
