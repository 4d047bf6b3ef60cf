/**
 * `npm run bench`: measures batch ingestion against the floor, in one run, on this machine.
 *
 *   (1) first ingest of N synthetic reports, without and with `--json-dir`: seconds, reports/s, MB/s,
 *       peak RSS, and where the median run's time went on its threads (its summary's `time`); each
 *       followed by the same ingest again, unchanged
 *   (2) the floor: read the same files, tokenize every cell with htmlparser2, insert the same number
 *       of rows with better-sqlite3 (one transaction per report)
 *   (3) a mixed corpus: seed-like reports and variants of the fixtures' real agenda items (read from
 *       the shared corpus, written to a temporary folder outside the project), with and without JSON
 *   (4) `parse` of the seed from a cold start, the seed PDF against pdf-parse's `getText()`, and
 *       where a parse's time goes, stage by stage (`stages.ts`)
 * Each figure is the median of several runs; ratios are taken between medians of the same run. With
 * `--baseline DIR` (the `dist` folder of another build, e.g. main's, copied under this project so it
 * finds `node_modules`), that build's CLI runs the same ingests, interleaved with this one's, and
 * the ratio of the two is printed: A/B under the same machine load.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { agendaItems, generateCorpus, generateMixedCorpus, readSeed } from './generate.js';
import type { IngestTime } from '../pipeline/batch/ingest.js';
import { machineLimits } from '../pipeline/batch/limits.js';

const USAGE = `usage: npm run bench -- [--n 1000,10000] [--runs 3] [--mixed 200] [--baseline DIST_DIR]
  --n         corpus sizes of seed-like reports (default 1000,10000)
  --runs      runs per figure; medians are printed (default 3)
  --mixed     size of the mixed corpus (half seed-like, half real agenda items); 0 skips it (default 200)
  --baseline  the dist folder of another build, measured in the same run for A/B ratios
`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
};
const sizes = option('n', '1000,10000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const mixedSize = Number(option('mixed', '200'));
const baselineDir = argv.includes('--baseline') ? resolve(option('baseline', '')) : null;
const here = resolve('.bench');
const cli = resolve('dist/pipeline/cli/main.js');
const floor = resolve('dist/bench/floor.js');
const pdfBench = resolve('dist/bench/pdf.js');
const stagesBench = resolve('dist/bench/stages.js');

/** The builds measured: this one, and the baseline when given. */
const builds = [{ name: 'this', cli }, ...(baselineDir ? [{ name: 'baseline', cli: join(baselineDir, 'pipeline/cli/main.js') }] : [])];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The Node flags of a CLI's `#!` line, so the benchmark runs the CLI as the installed bin runs. */
const nodeFlagsOf = (file: string) =>
  /^#!.*\bnode\b(.*)$/.exec(readFileSync(file, 'utf8').split('\n', 1)[0]!)?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
const isCli = new Set(builds.map((b) => b.cli));

function timed(args: string[]): { seconds: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, isCli.has(args[0]!) ? [...nodeFlagsOf(args[0]!), ...args] : args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { seconds, stdout: r.stdout };
}

function rowsPerReport(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const tables = ['reports', 'report_tables', 'report_columns', 'sections', 'goals', 'goal_cells', 'cell_blocks', 'facts', 'fact_boxes', 'series', 'series_points', 'diagnostics']
    // fact_boxes is new in database schema version 4.
    .filter((t) => db.prepare('SELECT 1 FROM sqlite_schema WHERE name = ?').get(t) !== undefined);
  const rows = tables.reduce((n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
  const reports = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
  db.close();
  return Math.round(rows / reports);
}

const fmt = (x: number, d = 2) => x.toFixed(d);
const say = (s: string) => void process.stdout.write(`${s}\n`);
/** The cores the ingests may use (as `workerCount` counts them): what their CPU is set against. */
const { cores } = machineLimits();
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

/** A fresh database and JSON folder for one ingest. */
function freshTarget(tag: string): { db: string; json: string } {
  const db = join(here, `bench-${tag}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const json = join(here, `json-${tag}`);
  rmSync(json, { recursive: true, force: true });
  return { db, json };
}

/** An ingest's CPU, as its `--json` says it: the process's user and system seconds, all its threads. */
type Cpu = { user: number; system: number };

/** First ingest and the unchanged re-run of `dir` by one build, with or without JSON. */
function ingestTwice(build: (typeof builds)[number], dir: string, expected: number, withJson: boolean, tag: string) {
  const target = freshTarget(tag);
  const args = [build.cli, 'ingest', dir, '--db', target.db, '--json', ...(withJson ? ['--json-dir', target.json] : [])];
  const one = timed(args);
  const summary = JSON.parse(one.stdout) as {
    ingested: number;
    failed: number;
    peakRssMb: number;
    // A baseline build may say neither.
    time?: IngestTime;
    cpu?: Cpu;
  };
  if (summary.ingested + summary.failed !== expected) throw new Error(`${build.name}: ingested ${summary.ingested} and failed ${summary.failed} of ${expected}`);
  const again = timed(args).seconds;
  return { first: one.seconds, again, rss: summary.peakRssMb, ingested: summary.ingested, db: target.db, time: summary.time ?? null, cpu: summary.cpu ?? null };
}

type Figures = { first: number[]; again: number[]; rss: number[]; time: (IngestTime | null)[]; cpu: (Cpu | null)[] };
const figures = (): Figures => ({ first: [], again: [], rss: [], time: [], cpu: [] });
const add = (f: Figures, r: { first: number; again: number; rss: number; time: IngestTime | null; cpu: Cpu | null }) => {
  f.first.push(r.first);
  f.again.push(r.again);
  f.rss.push(r.rss);
  f.time.push(r.time);
  f.cpu.push(r.cpu);
};

function sayIngest(label: string, f: Figures, n: number, bytes: number, floorSeconds?: number): void {
  const first = median(f.first);
  const again = median(f.again);
  const ratio = floorSeconds ? `  ingest/floor ${fmt(first / floorSeconds)}` : '';
  say(`  ${label.padEnd(24)} ${fmt(first).padStart(7)} s  ${fmt(n / first, 0).padStart(4)} reports/s  ${fmt(bytes / 1e6 / first)} MB/s  peak RSS ${median(f.rss)} MB  re-run ${fmt(again)} s = ${fmt((100 * again) / first, 1)}%${ratio}  (runs: ${f.first.map((x) => fmt(x)).join(', ')})`);
  // The run whose time is the median's (the lower middle one of an even count): its own split, not medians of parts.
  const middle = f.first.indexOf([...f.first].sort((a, b) => a - b)[Math.floor((f.first.length - 1) / 2)]!);
  const t = f.time[middle];
  const cpu = f.cpu[middle];
  if (cpu) {
    const total = cpu.user + cpu.system;
    say(`  ${''.padEnd(24)} that run's CPU: ${fmt(total, 1)} s (user ${fmt(cpu.user, 1)}, system ${fmt(cpu.system, 1)}), ${fmt((1000 * total) / n)} ms a report; ${fmt(total / f.first[middle]!)} of the ${cores} cores busy`);
  }
  if (t) {
    const perReport = (s: number) => `${fmt((1000 * s) / n)} ms`;
    say(`  ${''.padEnd(24)} that run's wall time on its threads (waits for a core included): parsing ${fmt(t.parse)} s in the workers (${perReport(t.parse)} a report); the writer's writes ${fmt(t.write)} s (${perReport(t.write)}), group commits ${fmt(t.commit)} s (${perReport(t.commit)}), full-text passes ${fmt(t.index)} s (${perReport(t.index)})`);
  }
}

function sayStages(label: string, files: string[]): void {
  if (files.length === 0) return;
  const r = JSON.parse(timed([stagesBench, String(Math.max(5, runs)), ...files]).stdout) as { documents: number; stages: Record<string, number>; parseReportMs: number };
  const total = Object.values(r.stages).reduce((a, b) => a + b, 0);
  say(`stages, ${label} (ms per document, warm, ${r.documents} documents; parseReport alone ${r.parseReportMs} ms):`);
  say(`  ${Object.entries(r.stages).map(([k, v]) => `${k} ${fmt(v)}`).join(' · ')}  = ${fmt(total)} ms`);
}

say(`status-ingest benchmark — ${new Date().toISOString()} — ${runs} runs per figure, medians — load average ${load()}`);
if (baselineDir) say(`baseline: ${baselineDir}`);

const seed = 'fixtures/oekonomiudvalget-2014-2017/input.txt';
const seedPdf = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';
for (const build of builds) {
  const cold: number[] = [];
  for (let i = 0; i < Math.max(5, runs); i++) cold.push(timed([build.cli, 'parse', seed]).seconds * 1000);
  say(`[${build.name}] parse seed, cold start: median ${fmt(median(cold), 0)} ms (target ≤ 300 ms; runs: ${cold.map((x) => x.toFixed(0)).join(', ')})`);
}
const pdf = JSON.parse(timed([pdfBench, seedPdf, String(Math.max(9, runs))]).stdout) as { parseMs: number; getTextMs: number; ratio: number; coldParseMs: number };
say(`parse seed PDF (warm): median ${pdf.parseMs} ms vs pdf-parse getText() ${pdf.getTextMs} ms = ${pdf.ratio}× (target ≤ 1.5×; first call in the process: ${pdf.coldParseMs} ms)`);

const items = agendaItems();
sayStages('seed (text)', [seed]);
sayStages('seed PDF', [seedPdf]);
sayStages('real agenda items of the fixtures', items.map((i) => `${i.file}=${writeMeta(i.meta)}`));

/** A meta file for the stage bench (the agenda item's meta, not the document), in the scratch folder. */
function writeMeta(meta: Record<string, unknown>): string {
  mkdirSync(here, { recursive: true });
  const file = join(here, `meta-${createHash('sha256').update(JSON.stringify(meta)).digest('hex').slice(0, 12)}.json`);
  writeFileSync(file, JSON.stringify(meta));
  return file;
}

for (const n of sizes) {
  const dir = join(here, `corpus-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bytes = generateCorpus(readSeed(), dir, n);
  const plain = builds.map(figures);
  const json = builds.map(figures);
  const floorSeconds: number[] = [];
  let rows = 0;
  say(`N = ${n} seed-like reports (${fmt(bytes / 1e6, 1)} MB) — load average ${load()}`);
  for (let r = 0; r < runs; r++) {
    builds.forEach((build, b) => {
      const one = ingestTwice(build, dir, n, false, `${n}-${b}`);
      add(plain[b]!, one);
      if (b === 0) rows = rowsPerReport(one.db);
      add(json[b]!, ingestTwice(build, dir, n, true, `${n}-${b}-json`));
    });
    const floorDb = join(here, `floor-${n}.sqlite`);
    rmSync(floorDb, { force: true });
    floorSeconds.push(timed([floor, dir, String(rows), floorDb]).seconds);
  }
  const fl = median(floorSeconds);
  say(`  floor: ${fmt(fl)} s (${rows} rows per report; runs: ${floorSeconds.map((x) => fmt(x)).join(', ')}); targets: ingest/floor ≤ 3.0, re-run ≤ 5%, peak RSS ≤ 256 MB${n === 10000 ? ', ≤ 30 s' : ''}`);
  builds.forEach((build, b) => {
    sayIngest(`[${build.name}] SQLite`, plain[b]!, n, bytes, fl);
    sayIngest(`[${build.name}] SQLite + JSON`, json[b]!, n, bytes, fl);
  });
  if (builds.length > 1) {
    say(`  this/baseline first ingest: SQLite ${fmt(median(plain[0]!.first) / median(plain[1]!.first))}, SQLite + JSON ${fmt(median(json[0]!.first) / median(json[1]!.first))}`);
  }
  say(`  load average now ${load()}`);
}

if (mixedSize > 0) {
  // The agenda items are third-party documents: their variants go to a temporary folder outside the
  // project, removed at the end, never into it.
  const dir = mkdtempSync(join(tmpdir(), 'si-bench-mixed-'));
  try {
    const bytes = generateMixedCorpus(readSeed(), dir, mixedSize, items);
    const plain = builds.map(figures);
    const json = builds.map(figures);
    say(`mixed corpus: ${mixedSize} reports (${fmt(bytes / 1e6, 1)} MB; ${items.length === 0 ? 'no corpus here: seed-like only' : `half seed-like, half ${items.length} real agenda items in turn`}) — load average ${load()}`);
    for (let r = 0; r < runs; r++) {
      builds.forEach((build, b) => {
        add(plain[b]!, ingestTwice(build, dir, mixedSize, false, `mixed-${b}`));
        add(json[b]!, ingestTwice(build, dir, mixedSize, true, `mixed-${b}-json`));
      });
    }
    builds.forEach((build, b) => {
      sayIngest(`[${build.name}] SQLite`, plain[b]!, mixedSize, bytes);
      sayIngest(`[${build.name}] SQLite + JSON`, json[b]!, mixedSize, bytes);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
