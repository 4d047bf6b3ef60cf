/**
 * Hostile documents too big to check in-process, each parsed in a process of its own
 * (`parse-measured.ts`) so that its peak memory is its own: a 7 MB cell of a million paragraphs and a
 * 20 MB line of amounts end in seconds and well under 500 MB. And deep nesting gives the same report
 * whatever the stack's size: a worker thread's stack is larger than the main thread's, and
 * `ingest` and `parse` once disagreed on the same file (one said `no-table`, the other overflowed).
 *
 * Then whole ingests beside hostile files, measured from outside (wall time, and the peak memory of
 * the CLI's process with its worker threads): a PDF whose streams unpack to 1 GB, an HTML page of a
 * million paragraphs, `--concurrency 64`, and a large file that once held up the writer. Each ends
 * within its bound, names the file, and the good files beside it land exactly once.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { workerCount, WORKER_MEMORY_MB } from '../../pipeline/batch/limits.js';
import { MAX_HTML_TAGS, MAX_PDF_UNPACKED_BYTES } from '../../pipeline/vocabulary/source-limits.js';
import { runCli, runCliMeasured, summaryOf, type MeasuredRun } from '../cli-runner.js';
import { PROJECT_ROOT } from '../corpus.js';
import { syntheticReport } from '../helpers.js';
import { pdfWithContent, zeroBomb } from '../pdf-builder.js';

/** What `parse-measured.ts` prints. */
interface Measured {
  ms: number;
  peakRssMb: number;
  diagnostics: { code: string; params: Record<string, unknown> }[];
  goals: number;
  facts: number;
  sha256: string;
}

/** Parses `file` in a child process (with extra Node flags) and returns what it measured. */
function parseInChild(file: string, nodeFlags: readonly string[] = []): Measured {
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', 'test/pipeline/parse-measured.ts', file], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`parse-measured exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measured;
}

let dir: string;
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'si-hostile-'));
});

describe('hostile input, measured in a process of its own', () => {
  it('reads a 7 MB cell of a million <p>x</p> in seconds and under 500 MB (75 s and 2.7 GB)', () => {
    const m = parseInChild(file('million-paragraphs.txt', syntheticReport([['Mål', '<p>x</p>'.repeat(1_000_000), 'Resultat.']])));
    expect(m.goals).toBe(1);
    expect(m.ms).toBeLessThan(10_000);
    expect(m.peakRssMb).toBeLessThan(500);
  });

  it('reads a 20 MB line of "1,6 mio. kr. " in seconds and under 500 MB, keeping 10 000 facts and saying so (2.7 GB, then a crash)', () => {
    const m = parseInChild(file('money-line.txt', syntheticReport([['Mål', '1,6 mio. kr. '.repeat(1_600_000), '']])));
    expect(m.facts).toBe(10_000);
    expect(m.diagnostics).toContainEqual({ code: 'too-many-facts', params: { texts: 1 } });
    expect(m.ms).toBeLessThan(10_000);
    expect(m.peakRssMb).toBeLessThan(500);
  });
});

describe('hostile input: the stack size changes nothing', () => {
  const cases = {
    'nested-tables.html': () => '<table><tr><td>a</td><td>'.repeat(2_000) + 'x',
    // The HTML pages stay under MAX_HTML_TAGS (a page of more is refused before any depth matters),
    // 40 000 levels deep: twenty times the depth that once overflowed the stack.
    'nested-lists.html': () => `<table><tr><th>Mål</th><th>Resultater</th></tr><tr><td>Mål</td><td>${'<ul><li>a'.repeat(40_000)}</td></tr></table>`,
    'nested-lists.txt': () => syntheticReport([['Mål', '<ul><li>a'.repeat(100_000), '']]),
    'nested-divs.html': () => `<table><tr><th>Mål</th><th>Status</th></tr><tr><td>A</td><td>${'<div><span>'.repeat(40_000)}B</td></tr></table>`,
  };
  for (const [name, make] of Object.entries(cases)) {
    it(`${name}: the same report on the default stack and on one a fifth its size, with no internal error`, () => {
      const path = file(name, make());
      const normal = parseInChild(path);
      // Node's default is about 1 MB (a worker thread's, 4 MB); the depth caps keep every walk within
      // about a tenth of that.
      const small = parseInChild(path, ['--stack-size=200']);
      expect(normal.diagnostics.map((d) => d.code)).not.toContain('internal-error');
      expect(normal.diagnostics.map((d) => d.code)).toContain('markup-too-deep');
      expect(small.sha256).toBe(normal.sha256);
    });
  }
});

describe('ingest beside hostile files, measured from outside', () => {
  const SEED = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
  /** Distinct good reports: the seed with its title changed, so each is a report of its own. */
  const goodReport = (n: number) => readFileSync(join(PROJECT_ROOT, SEED), 'utf8').replace(/^.*/, `Status på Testudvalgets indsatser ${n}`);

  /** A folder of `goods` good reports and the hostile files given, by name. */
  const inbox = (name: string, goods: number, hostile: Record<string, Uint8Array | string>) => {
    const folder = join(dir, name);
    mkdirSync(folder);
    for (let i = 1; i <= goods; i++) writeFileSync(join(folder, `good-${i}.txt`), goodReport(i));
    for (const [file, content] of Object.entries(hostile)) writeFileSync(join(folder, file), content);
    return folder;
  };

  /** Ingests a folder into a database of its own, measured; gives the run and the paths that landed, in the order written. */
  const ingest = async (folder: string, extra: string[] = [], timeoutMs = 60_000) => {
    const db = `${folder}.sqlite`;
    const run = await runCliMeasured(['ingest', folder, '--db', db, '--json-dir', `${folder}.json`, '--json', ...extra], { cwd: dir, timeoutMs });
    const handle = new Database(db, { readonly: true });
    try {
      const landed = (handle.prepare('SELECT path FROM reports ORDER BY rowid').all() as { path: string }[]).map((r) => r.path.split('/').pop()!);
      return { run, landed, jsonFiles: readdirSync(`${folder}.json`).length };
    } finally {
      handle.close();
    }
  };

  /**
   * The run ended in time and within the memory bound, exited 1 for its one bad file, and every good
   * file (and the others named) landed once.
   */
  const expectBounded = (r: { run: MeasuredRun; landed: string[]; jsonFiles: number }, goods: number, bound: { ms: number; mb: number }, others: string[] = []) => {
    expect(r.run.code, r.run.stderr).toBe(1);
    expect(r.run.ms, `took ${Math.round(r.run.ms)} ms`).toBeLessThan(bound.ms);
    expect(r.run.peakRssMb, `peak ${r.run.peakRssMb} MB`).toBeLessThan(bound.mb);
    const good = [...Array.from({ length: goods }, (_, i) => `good-${i + 1}.txt`), ...others];
    expect([...r.landed].sort()).toEqual(good.sort());
    expect(r.jsonFiles).toBe(good.length);
    expect(summaryOf(r.run)).toMatchObject({ ingested: good.length, failed: 1 });
  };

  it('refuses a 1 MB PDF whose streams unpack to 1 GB in seconds and under 500 MB, naming it (56 s and 2.2 GB)', async () => {
    const bomb = pdfWithContent(zeroBomb(1024));
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    const r = await ingest(inbox('pdf-bomb', 3, { 'bomb.pdf': bomb }));
    expectBounded(r, 3, { ms: 20_000, mb: 500 });
    expect(r.run.stderr).toMatch(/pdf-bomb\/bomb\.pdf: error pdf-too-large-unpacked: .*more than 128\.0 MB/);
    expect(summaryOf(r.run).failures).toMatchObject([{ code: 'pdf-too-large-unpacked' }]);
    expect(MAX_PDF_UNPACKED_BYTES).toBeLessThan(1024 * 1024 * 1024);
  });

  it('refuses an HTML page of a million <p> in one cell in seconds and under 500 MB, the same in parse and ingest (40 s and 2.2 GB)', async () => {
    const html = `<table><tr><th>Mål</th><th>Resultater</th></tr><tr><td>Mål</td><td>${'<p>x</p>'.repeat(1_000_000)}</td></tr></table>`;
    const folder = inbox('million-p', 3, { 'million.html': html });
    const r = await ingest(folder);
    expectBounded(r, 3, { ms: 20_000, mb: 500 });
    const said = /million\.html:1:(\d+): error html-too-many-tags: the page holds 2000014 tags/.exec(r.run.stderr);
    expect(said, r.run.stderr).not.toBeNull();
    const parse = runCli(['parse', join(folder, 'million.html')], { cwd: dir });
    expect(parse.code).toBe(1);
    expect(parse.stderr).toContain(`million.html:1:${said![1]}: error html-too-many-tags`);
    expect(Number(said![1])).toBeGreaterThan(MAX_HTML_TAGS);
  });

  it('lowers --concurrency 64 to what the machine holds, says so, and stays within that many workers\' memory (2 GB)', async () => {
    const expected = workerCount(64);
    const r = await ingest(inbox('concurrency-64', 12, { 'empty.txt': '' }), ['--concurrency', '64']);
    const bound = 200 + expected.workers * WORKER_MEMORY_MB;
    expectBounded(r, 12, { ms: 30_000, mb: bound });
    expect(r.run.stderr).toContain(`status-ingest: notice: --concurrency 64 lowered to ${expected.workers} (`);
    expect(r.run.stderr).toMatch(/empty\.txt:1:1: error empty-input/);
  });

  it('keeps writing the good files while a large file (over 2 MB) is parsed in a worker: they land before it', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Mål ${i}`, `Tiltag ${i} for borgerne i kommunen, som skal styrke indsatsen i hele perioden`, `Resultat ${i} er nået.`]);
    const big = syntheticReport(rows);
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    // Listed first (folders are walked in sorted order), and a broken file after it, so the run exits 1.
    const r = await ingest(inbox('large-file', 6, { 'a-large.txt': big, 'z-empty.txt': '' }), ['--concurrency', '2'], 90_000);
    expectBounded(r, 6, { ms: 90_000, mb: 1_000 }, ['a-large.txt']);
    // The writer never waited for the large parse: every good file landed first.
    expect(r.landed.at(-1)).toBe('a-large.txt');
  });

  it('parses a file under 2 MB that runs a worker out of its heap (128 MB) again in the large-file worker, not on the main thread', async () => {
    // 33 000 short rows: 1.9 MB, which a worker's 128 MB old generation cannot parse (nor could 64 MB).
    const rows = Array.from({ length: 33_000 }, (_, i) => [`Mål ${i}`, `Tiltag ${i} koster 2,5 mio. kr.`, `Resultat ${i}.`]);
    const heavy = syntheticReport(rows);
    expect(heavy.length).toBeLessThan(2 * 1024 * 1024);
    const r = await ingest(inbox('worker-retry', 3, { 'a-heavy.txt': heavy, 'z-empty.txt': '' }), ['--concurrency', '2'], 120_000);
    expectBounded(r, 3, { ms: 120_000, mb: 1_000 }, ['a-heavy.txt']);
    expect(r.landed.at(-1)).toBe('a-heavy.txt');
    expect(r.run.stderr).not.toMatch(/heap|out of memory|FATAL/i);
  });
});
