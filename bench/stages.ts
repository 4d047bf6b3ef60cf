/**
 * Where a parse's time goes: the stages of `parseReport` run one by one on the same documents, warm,
 * each timed, then the report's validation, its canonical JSON and its SQLite write. The chain is the
 * one in `pipeline/index.ts` (its `readTable`), taken apart here so each stage has its own clock; a
 * change to that chain must be made here too (the totals are printed beside a real `parseReport`, so
 * a chain that drifted shows as a gap). Medians over the runs, in milliseconds per document.
 *
 * Usage: node dist/bench/stages.js RUNS FILE[=META.json] …   (prints one JSON object)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReport, parseValidatedReport, sha256Hex } from '../pipeline/index.js';
import { sniffFormat } from '../pipeline/formats/sniff.js';
import { decodeSource } from '../pipeline/stages/decode.js';
import { readTextDocument } from '../pipeline/formats/text.js';
import { readHtmlDocument } from '../pipeline/formats/html.js';
import { readPdfDocument } from '../pipeline/formats/pdf.js';
import { resolveColumns } from '../pipeline/stages/columns.js';
import { limitTableWidth, normaliseRowWidths } from '../pipeline/stages/rows.js';
import { classifyRows } from '../pipeline/stages/classify.js';
import { stitchContinuationRows } from '../pipeline/stages/stitch.js';
import { buildGoalRecords } from '../pipeline/stages/goals.js';
import { attachFacts, FactBudget } from '../pipeline/stages/facts.js';
import { attachBoxes } from '../pipeline/stages/boxes.js';
import { periodOf } from '../pipeline/stages/head.js';
import type { SizedDocument } from '../pipeline/formats/source-size.js';
import { Report } from '../schemas/report.js';
import { ReportMeta } from '../schemas/meta.js';
import { validatedReportJson } from '../output/json.js';
import { openReportDatabase } from '../output/sqlite/open.js';
import { writeReport } from '../output/sqlite/store.js';

/** The stages, in the order they run. */
export const STAGES = ['decode', 'format read', 'columns', 'rows', 'classify', 'stitch', 'goals', 'facts', 'boxes', 'validation', 'JSON', 'SQLite write'] as const;
export type Stage = (typeof STAGES)[number];

type Clock = <T>(stage: Stage, f: () => T) => T;

async function readDocument(bytes: Uint8Array, clock: Clock, times: Map<Stage, number>): Promise<SizedDocument | null> {
  const format = sniffFormat(bytes);
  if (format === 'pdf') {
    // pdfjs is asynchronous: timed around the await (a warm process, nothing else running).
    const t = performance.now();
    const document = (await readPdfDocument(bytes)).value;
    times.set('format read', (times.get('format read') ?? 0) + performance.now() - t);
    return document;
  }
  const text = clock('decode', () => decodeSource(bytes).value);
  if (text === null) return null;
  return clock('format read', () => (format === 'html' ? readHtmlDocument(text) : readTextDocument(text)).value);
}

/** Runs the stages of one parse of `bytes`, adding each stage's milliseconds to `times`. */
async function timeParse(path: string, bytes: Uint8Array, meta: ReportMeta, db: ReturnType<typeof openReportDatabase>, times: Map<Stage, number>): Promise<void> {
  const clock: Clock = (stage, f) => {
    const t = performance.now();
    const value = f();
    times.set(stage, (times.get(stage) ?? 0) + performance.now() - t);
    return value;
  };
  const document = await readDocument(bytes, clock, times);
  if (!document) return;
  const id = sha256Hex(bytes);
  const title = meta.title ?? document.title?.text ?? '';
  const period = periodOf(title);
  const meetingDate = meta.meetingDate ?? null;
  const context = { referenceYear: meetingDate ? Number(meetingDate.slice(0, 4)) : period && period.start.slice(0, 4) === period.end.slice(0, 4) ? Number(period.start.slice(0, 4)) : null };
  const budget = new FactBudget();
  let goalsBefore = 0;
  let sectionsBefore = 0;
  document.tables.forEach((source, i) => {
    const raw = clock('rows', () => limitTableWidth(source).value);
    const width = raw.header ? raw.header.length : raw.rows.reduce((w, r) => Math.max(w, r.cells.length), 1);
    const columns = clock('columns', () =>
      resolveColumns({ header: raw.header, rows: raw.rows, caption: raw.caption?.text ?? null, context: raw.context }, width, { line: raw.headerLine, page: raw.rows[0]?.page ?? 1 }).value,
    );
    const rows = clock('rows', () => normaliseRowWidths(raw.rows, width).value);
    const goalColumn = Math.max(0, columns.findIndex((c) => c.role === 'goal'));
    const classified = clock('classify', () => classifyRows(rows, goalColumn).value);
    const stitched = clock('stitch', () => stitchContinuationRows(classified).value);
    const records = clock('goals', () => buildGoalRecords(stitched, columns, id, { table: i + 1, goalsBefore, sectionsBefore }).value);
    goalsBefore += records.goals.length;
    sectionsBefore += records.sections.length;
    records.goals.forEach((goal, k) => {
      const withFacts = clock('facts', () => attachFacts(goal, columns, context, budget).goal);
      const runs = records.runs[k];
      if (runs) clock('boxes', () => attachBoxes(withFacts, runs));
    });
  });
  // Validation, JSON and the write are timed on the real report, so they see what ingest sees.
  const { report } = await parseValidatedReport({ path, bytes }, { meta });
  const validated = clock('validation', () => Report.parse(report));
  clock('JSON', () => validatedReportJson(validated));
  clock('SQLite write', () => writeReport(db, report, 'bench', { deferSearchIndex: true }));
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
