/**
 * The worker-thread side of batch ingestion (run by piscina): parses one report. Workers parse and
 * make everything the writer needs (the JSON file, written to its temporary file; the rows of the
 * database); the main thread is the single writer to SQLite, and only renames, binds and runs
 * statements.
 */
import pLimit from 'p-limit';
import { hasFailures, parseReport, parseValidatedReport, type ParseOptions } from '../index.js';
import { validatedReportJson } from '../../output/json.js';
import { stageReportJsonText, type StagedReportJson } from '../../output/json-files.js';
import { reportRows, type ReportRows } from '../../output/sqlite/rows.js';
import { packReportRows } from './packed-rows.js';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import type { Report } from '../../schemas/report.js';

/** One parse job sent to a worker. */
export interface ParseTask {
  path: string;
  bytes: Uint8Array;
  options: ParseOptions;
}

/**
 * A report ready for the single writer, made where it was parsed: its canonical JSON (from the
 * parse's one validation, so the writer neither validates nor serialises) and either its rows (for
 * a store that writes rows: SQLite and PostgreSQL), packed into one buffer when they cross from a
 * worker (`packed-rows.ts`), or the report itself (a store with no `writeReportRows`).
 */
export interface ParsedForStore {
  id: string;
  /** The report's source path (what its JSON file is named after). */
  path: string;
  /** The report's diagnostics: whether it failed, and what the batch shows. */
  diagnostics: Diagnostic[];
  goals: number;
  facts: number;
  /** The canonical JSON text, when the task asked for it (`json`) and for no JSON folder. */
  json: string | null;
  /**
   * With a JSON folder (`StoreTask.jsonDir`) and a report to write: its JSON file written here to its
   * temporary file, for the writer to rename into place (or remove); null when writing it failed.
   */
  staged: StagedReportJson | null;
  /** Why the JSON file could not be written to the folder (a full disk, a folder that is a file); else null. */
  jsonError: string | null;
  /** The rows to write, when the task asked for rows and the report did not fail (see `StoreTask`). */
  rows: ReportRows | null;
  /** The same rows packed (`packReportRows`), instead of `rows`, when the task asked for them so (`StoreTask.packRows`). */
  packedRows: Uint8Array | null;
  /** The report, when the task asked for no rows (a store that writes reports) and it did not fail. */
  report: Report | null;
  /** How long the parse took, with the rows and the JSON file (milliseconds, in the worker's turn: see `IngestTime.parse`). */
  parseMs: number;
}

/**
 * A parse job of `ingest`: `json` says whether the run writes JSON files, `rows` whether its store
 * writes rows (else the report is handed back), `strict` whether warnings fail a report (a failed
 * report is never written, so it gets neither).
 */
export interface StoreTask extends ParseTask {
  json: boolean;
  /**
   * The JSON folder: the worker writes the report's JSON file there itself, to its temporary file
   * (`staged`), so neither the text nor its file writes cross to the writer, which only renames it.
   */
  jsonDir?: string;
  rows: boolean;
  /**
   * Hand the rows back packed (`packedRows`): set when the task runs in a worker, whose result
   * crosses to the writer's thread (see `packReportRows`).
   */
  packRows?: boolean;
  strict?: boolean;
  /**
   * Set to 1 here when the task's parse begins (its turn in `parseForStore`). A worker that runs out of
   * heap fails every task it holds; this tells the writer the report that did it from those queued
   * behind it (`ingest.ts`).
   */
  started?: Int32Array;
}

/** Parses the task's bytes into a report (never throws on bad input). */
export default function parseTask(task: ParseTask): Promise<Report> {
  return parseReport({ path: task.path, bytes: task.bytes }, task.options);
}

/**
 * One parse at a time in this thread. A worker holds several tasks (`TASKS_PER_WORKER`, `limits.ts`), and
 * piscina starts each as it arrives: a parse awaits (the format's reader is imported on first use), so
 * the next one would start beside it, and several reports' intermediates would live on the heap at once,
 * outlive young-generation collections and fill the old generation (32 tasks a worker, run together:
 * 15 full collections a worker for 500 reports against 2-4). Queued here, the tasks behind the one in
 * hand wait as their bytes.
 */
const oneParseAtATime = pLimit(1);

/**
 * Parses the task's bytes into what the writer needs (piscina's `name: 'parseForStore'`), after the
 * parses this thread was given before it (see `oneParseAtATime`).
 */
export function parseForStore(task: StoreTask): Promise<ParsedForStore> {
  return oneParseAtATime(() => parseStoreTask(task));
}

/** `parseForStore`'s parse, run in its turn. */
async function parseStoreTask(task: StoreTask): Promise<ParsedForStore> {
  if (task.started) Atomics.store(task.started, 0, 1);
  const started = performance.now();
  const { report, validated } = await parseValidatedReport({ path: task.path, bytes: task.bytes }, task.options);
  const writable = !hasFailures(report.diagnostics, task.strict);
  const json = task.json && (writable || !task.jsonDir) ? validatedReportJson(validated) : null;
  // The rows are made before the JSON file is staged: a worker that dies or throws making them
  // (out of heap) leaves no temporary file behind for this run (the next run's start removes any).
  const rows = writable && task.rows ? reportRows(report) : null;
  let staged: StagedReportJson | null = null;
  let jsonError: string | null = null;
  if (task.jsonDir && json !== null) {
    try {
      staged = stageReportJsonText(task.jsonDir, report.source.path, report.id, json);
    } catch (error) {
      jsonError = error instanceof Error ? error.message : String(error);
    }
  }
  return {
    id: report.id,
    path: report.source.path,
    diagnostics: report.diagnostics,
    goals: report.goals.length,
    facts: report.goals.reduce((n, g) => n + g.facts.length, 0),
    json: task.jsonDir ? null : json,
    staged,
    jsonError,
    rows: task.packRows ? null : rows,
    packedRows: task.packRows && rows ? packReportRows(rows) : null,
    report: writable && !task.rows ? report : null,
    parseMs: performance.now() - started,
  };
}
