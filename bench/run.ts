/**
 * `npm run bench`: measures batch ingestion against the floor, in one run, on this machine.
 *
 *   (1) first ingest of N synthetic reports: seconds, reports/s, MB/s, peak RSS
 *   (2) the same ingest again, unchanged
 *   (3) the floor: read the same files, tokenize every cell with htmlparser2, insert the same number
 *       of rows with better-sqlite3 (one transaction per report)
 *   and `parse` of the seed from a cold start. Each figure is the median of several runs; ratios are
 *   taken between medians of the same run. Options: --n 1000,10000  --runs 3
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { generateCorpus, readSeed } from './generate.js';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const sizes = option('n', '1000,10000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const here = resolve('.bench');
const cli = resolve('dist/pipeline/cli/main.js');
const floor = resolve('dist/bench/floor.js');
const pdfBench = resolve('dist/bench/pdf.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The Node flags of the CLI's `#!` line, so the benchmark runs the CLI as the installed bin runs. */
const cliNodeFlags = /^#!.*\bnode\b(.*)$/.exec(readFileSync(cli, 'utf8').split('\n', 1)[0]!)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];

function timed(args: string[]): { seconds: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args[0] === cli ? [...cliNodeFlags, ...args] : args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { seconds, stdout: r.stdout };
}

function rowsPerReport(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const tables = ['reports', 'report_tables', 'report_columns', 'sections', 'goals', 'goal_cells', 'cell_blocks', 'facts', 'series', 'series_points', 'diagnostics'];
  const rows = tables.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
  const reports = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
  db.close();
  return Math.round(rows / reports);
}

const fmt = (x: number, d = 2) => x.toFixed(d);
const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  process.stdout.write(`${s}\n`);
};

say(`status-ingest benchmark — ${new Date().toISOString()} — ${runs} runs per figure, medians`);

const seed = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const cold = Array.from({ length: Math.max(5, runs) }, () => timed([cli, 'parse', seed]).seconds * 1000);
say(`parse seed, cold start: median ${fmt(median(cold), 0)} ms (target ≤ 300 ms; runs: ${cold.map((x) => x.toFixed(0)).join(', ')})`);

const pdf = JSON.parse(timed([pdfBench, 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf', String(Math.max(9, runs))]).stdout) as {
  parseMs: number; getTextMs: number; ratio: number; coldParseMs: number;
};
say(`parse seed PDF (warm): median ${pdf.parseMs} ms vs pdf-parse getText() ${pdf.getTextMs} ms = ${pdf.ratio}× (first call in the process: ${pdf.coldParseMs} ms)`);

for (const n of sizes) {
  const dir = join(here, `corpus-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bytes = generateCorpus(readSeed(), dir, n);
  const first: number[] = [];
  const again: number[] = [];
  const floorSeconds: number[] = [];
  const rss: number[] = [];
  let rows = 0;
  for (let r = 0; r < runs; r++) {
    const db = join(here, `bench-${n}.sqlite`);
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    const one = timed([cli, 'ingest', dir, '--db', db, '--json']);
    const summary = JSON.parse(one.stdout) as { ingested: number; peakRssMb: number };
    if (summary.ingested !== n) throw new Error(`ingested ${summary.ingested} of ${n}`);
    first.push(one.seconds);
    rss.push(summary.peakRssMb);
    again.push(timed([cli, 'ingest', dir, '--db', db, '--json']).seconds);
    rows = rowsPerReport(db);
    const floorDb = join(here, `floor-${n}.sqlite`);
    rmSync(floorDb, { force: true });
    floorSeconds.push(timed([floor, dir, String(rows), floorDb]).seconds);
  }
  const f = median(first);
  const fl = median(floorSeconds);
  say(`N = ${n} (${fmt(bytes / 1e6, 1)} MB, ${rows} rows per report)`);
  say(`  first ingest:     ${fmt(f)} s  ${fmt(n / f, 0)} reports/s  ${fmt(bytes / 1e6 / f)} MB/s  peak RSS ${median(rss)} MB  (runs: ${first.map((x) => fmt(x)).join(', ')})`);
  say(`  unchanged re-run: ${fmt(median(again))} s = ${fmt((100 * median(again)) / f, 1)}% of the first (target ≤ 5%)`);
  say(`  floor:            ${fmt(fl)} s  (runs: ${floorSeconds.map((x) => fmt(x)).join(', ')})`);
  say(`  ratio ingest/floor: ${fmt(f / fl)} (target ≤ 2.0)`);
}
