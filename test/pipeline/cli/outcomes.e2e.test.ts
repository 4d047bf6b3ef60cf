/**
 * The command line telling what happened (issue 12): `parse -` and `parse --out`, `facts` on any
 * format with parse's diagnostics, `ingest` on paths that match nothing, a `--db` in a missing
 * folder, `--quiet` and `--verbose`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_ARGS, runCli, summaryOf } from '../../cli-runner.js';

const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const SEED_PDF = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';

function withStdin(input: Uint8Array | string, ...args: string[]) {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parse', () => {
  it('reads standard input with -, giving the report of the file but for its path', () => {
    const fromFile = JSON.parse(runCli(['parse', SEED]).stdout);
    const r = withStdin(readFileSync(SEED), 'parse', '-');
    expect(r.code).toBe(0);
    const fromStdin = JSON.parse(r.stdout);
    expect(fromStdin.source.path).toBe('-');
    expect({ ...fromStdin, source: fromFile.source }).toEqual(fromFile);
    const empty = withStdin('', 'parse', '-');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^-:1:1: error empty-input/m);
  });

  it('--out writes the JSON to a file, atomically, and nothing to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-out-'));
    const out = join(dir, 'report.json');
    const r = runCli(['parse', SEED, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(runCli(['parse', SEED]).stdout);
    expect(readdirSync(dir)).toEqual(['report.json']);
    // A folder in the way is named, exit 1, no stack trace, and no temporary file left.
    mkdirSync(join(dir, 'taken.json'));
    const blocked = runCli(['parse', SEED, '--out', join(dir, 'taken.json')]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/taken\.json: error cannot-write: /);
    expect(blocked.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'taken.json']);
  });
});

describe('facts', () => {
  it("reads a PDF's text, page by page, not its bytes", () => {
    const r = runCli(['facts', SEED_PDF]);
    expect(r.code).toBe(0);
    const facts = JSON.parse(r.stdout) as { text: string; page: number | null }[];
    expect(facts.length).toBeGreaterThan(100);
    expect(facts.filter((f) => /obj|stream/.test(f.text))).toEqual([]);
    expect(new Set(facts.map((f) => f.page)).size).toBeGreaterThan(5);
    expect(facts.every((f) => Number.isInteger(f.page) && f.page! >= 1)).toBe(true);
  });

  it('fails a binary, empty or encrypted input as parse does: exit 1 (2 for a file that cannot be read), the same error, nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-facts-'));
    const binary = join(dir, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    for (const file of [binary, empty, 'fixtures/bad/encrypted.pdf', join(dir, 'missing.txt')]) {
      const facts = runCli(['facts', file]);
      const parse = runCli(['parse', file]);
      expect(facts.code, file).toBe(file.endsWith('missing.txt') ? 2 : 1);
      expect(facts.stdout).toBe('');
      const errors = (s: string) => s.split('\n').filter((l) => / error /.test(l));
      expect(errors(facts.stderr)).toEqual(errors(parse.stderr));
      expect(errors(facts.stderr)).toHaveLength(1);
    }
  });

  it('still reads text from standard input', () => {
    const r = withStdin('Besparelse på 1,6 mio. kr. årligt fra 2019', 'facts', '-');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { kind: string; page: number }[]).map((f) => [f.kind, f.page])).toEqual([
      ['money', 1],
      ['year', 1],
    ]);
  });
});

describe('ingest', () => {
  it('names a glob or folder that matches nothing and exits 1, while the rest lands', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-nomatch-'));
    mkdirSync(join(dir, 'empty'));
    const db = join(dir, 'r.sqlite');
    const r = runCli(['ingest', SEED, `${dir}/typo/*.txt`, join(dir, 'empty'), '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/typo\/\*\.txt: error no-match: the pattern matches no report file/);
    expect(r.stderr).toMatch(/empty: error no-match: the folder holds no report file/);
    expect(summaryOf(r)).toMatchObject({ ingested: 1, failed: 2 });
    const alone = runCli(['ingest', `${dir}/*.html`, '--db', db]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/\*\.html: error no-match/);
  });

  /** One `--json` ingest of the seed, run on first use and shared by the tests of what its summary says of time. */
  let seedRun: { r: ReturnType<typeof runCli>; wallSeconds: number } | undefined;
  const seedJsonRun = () => {
    if (!seedRun) {
      const dir = mkdtempSync(join(tmpdir(), 'si-time-'));
      const started = performance.now();
      const r = runCli(['ingest', SEED, '--db', join(dir, 'r.sqlite'), '--json']);
      seedRun = { r, wallSeconds: (performance.now() - started) / 1000 };
    }
    return seedRun;
  };

  it('--json says where the run went: the parse, writes, commits and index passes, in seconds to the millisecond', () => {
    const { r } = seedJsonRun();
    expect(r.code).toBe(0);
    const { time, seconds } = summaryOf(r) as { time: Record<string, number>; seconds: number };
    expect(Object.keys(time)).toEqual(['parse', 'write', 'commit', 'index']);
    for (const part of Object.values(time)) {
      expect(part).toBe(Number(part.toFixed(3)));
      expect(part).toBeGreaterThanOrEqual(0);
    }
    // The seed was parsed and written; the parse is a share of the run.
    expect(time.parse).toBeGreaterThan(0);
    expect(time.parse).toBeLessThanOrEqual(seconds);
  });

  it("--json says the process's CPU, user and system, in seconds to the millisecond", () => {
    const { r, wallSeconds } = seedJsonRun();
    expect(r.code).toBe(0);
    const { cpu } = summaryOf(r) as { cpu: { user: number; system: number } };
    expect(Object.keys(cpu)).toEqual(['user', 'system']);
    for (const part of Object.values(cpu)) expect(part).toBe(Number(part.toFixed(3)));
    // Starting Node, loading the parse and parsing the seed take user time; the process ran no more
    // than the child's wall time on each of the machine's cores.
    expect(cpu.user).toBeGreaterThan(0);
    expect(cpu.system).toBeGreaterThanOrEqual(0);
    expect(cpu.user + cpu.system).toBeLessThanOrEqual(wallSeconds * availableParallelism());
  });

  it('refuses a --db in a folder that does not exist, creating nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-nodir-'));
    const db = join(dir, 'not', 'there', 'r.sqlite');
    const r = runCli(['ingest', SEED, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/r\.sqlite: error missing-folder: the folder .*not\/there of --db does not exist/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'not'))).toBe(false);
  });

  it('--verbose says what happened to each file; --quiet only the errors and the summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'si-verbose-'));
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'a.txt'), readFileSync(SEED));
    writeFileSync(join(inbox, 'b.txt'), '');
    const db = join(dir, 'r.sqlite');
    const verbose = runCli(['ingest', inbox, '--db', db, '--verbose', '--concurrency', '1']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^ingested .*a\.txt: 40 goals, \d+ facts$/m);
    expect(verbose.stderr).toMatch(/^failed .*b\.txt: empty-input$/m);
    expect(verbose.stderr).toMatch(/b\.txt:1:1: error empty-input/);
    const again = runCli(['ingest', inbox, '--db', db, '--verbose', '--concurrency', '1']);
    expect(again.stderr).toMatch(/^skipped .*a\.txt: unchanged since it was ingested$/m);
    expect(again.stderr).toMatch(/^skipped .*b\.txt: still quarantined, unchanged$/m);
    writeFileSync(join(inbox, 'c.txt'), '\n\n');
    const quiet = runCli(['ingest', inbox, '--db', db, '--quiet', '--concurrency', '1']);
    const lines = quiet.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/c\.txt:\d+:\d+: error blank-input/);
    expect(lines[1]).toMatch(/^ingested 0, skipped 2 \(1 still quarantined, unchanged\), failed 1 in /);
    expect(runCli(['ingest', inbox, '--db', db, '--quiet', '--verbose']).code).toBe(2);
  });
});
