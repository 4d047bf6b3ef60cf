/**
 * Where a parse's time goes: `parseReport`'s own chain run with a clock on each stage
 * (`parseValidatedReport`'s `StageClock`: decode, format read, columns, rows, classify, stitch,
 * goals, facts, boxes, validation), warm, then the report's canonical JSON and its SQLite write.
 * The totals are printed beside an untimed `parseReport`, so the clock's own cost shows as a gap.
 * Medians over the runs, in milliseconds per document.
 *
 * Usage: node dist/bench/stages.js RUNS FILE[=META.json] …   (prints one JSON object)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport, parseValidatedReport, type ParseStage, type StageClock } from '../pipeline/index.js';
import { ReportMeta } from '../schemas/meta.js';
import { validatedReportJson } from '../output/json.js';
import { openReportDatabase } from '../output/sqlite/open.js';
import { writeReport } from '../output/sqlite/store.js';

/** The stages, in the order they run: the parse's, then what ingest does with the report. */
export const STAGES = ['decode', 'format read', 'columns', 'rows', 'classify', 'stitch', 'goals', 'facts', 'boxes', 'validation', 'JSON', 'SQLite write'] as const;
export type Stage = (typeof STAGES)[number];

/** Runs one parse of `bytes` and what ingest does after it, adding each stage's milliseconds to `times`. */
async function timeParse(path: string, bytes: Uint8Array, meta: ReportMeta, db: ReturnType<typeof openReportDatabase>, times: Map<Stage, number>): Promise<void> {
  const add = (stage: Stage, ms: number) => times.set(stage, (times.get(stage) ?? 0) + ms);
  const time = <T>(stage: Stage, run: () => T): T => {
    const t = performance.now();
    const value = run();
    // The PDF reader is asynchronous: timed until it settles (a warm process, nothing else running).
    if (value instanceof Promise) return value.finally(() => add(stage, performance.now() - t)) as T;
    add(stage, performance.now() - t);
    return value;
  };
  const clock: StageClock = (stage: ParseStage, run) => time(stage, run);
  const { report, validated } = await parseValidatedReport({ path, bytes }, { meta }, clock);
  time('JSON', () => validatedReportJson(validated));
  time('SQLite write', () => writeReport(db, report, 'bench', { deferSearchIndex: true }));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const [runsArg, ...specs] = process.argv.slice(2);
if (!runsArg || specs.length === 0) {
  process.stderr.write('usage: stages RUNS FILE[=META.json] …\n');
  process.exit(2);
}
const documents = specs.map((spec) => {
  const [file, metaFile] = spec.split('=') as [string, string | undefined];
  return { file, bytes: readFileSync(file), meta: metaFile ? ReportMeta.parse(JSON.parse(readFileSync(metaFile, 'utf8'))) : {} };
});
const folder = mkdtempSync(join(tmpdir(), 'si-bench-stages-'));
const db = openReportDatabase(join(folder, 'stages.sqlite'));
const perRun: Map<Stage, number>[] = [];
const parseMs: number[] = [];
// One warm-up round: pdfjs, the HTML reader and the regexes compile on first use.
for (let r = 0; r <= Number(runsArg); r++) {
  const times = new Map<Stage, number>();
  for (const d of documents) await timeParse(d.file, d.bytes, d.meta, db, times);
  const t = performance.now();
  for (const d of documents) await parseReport({ path: d.file, bytes: d.bytes }, { meta: d.meta });
  if (r > 0) {
    perRun.push(times);
    parseMs.push(performance.now() - t);
  }
}
db.close();
rmSync(folder, { recursive: true, force: true });
const n = documents.length;
const stages = Object.fromEntries(STAGES.map((s) => [s, Number((median(perRun.map((t) => t.get(s) ?? 0)) / n).toFixed(2))]));
process.stdout.write(`${JSON.stringify({ documents: n, runs: perRun.length, stages, parseReportMs: Number((median(parseMs) / n).toFixed(2)) })}\n`);
