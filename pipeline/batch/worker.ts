/**
 * The worker-thread side of batch ingestion (run by piscina): parses one report. Workers only parse;
 * the main thread is the single writer to SQLite.
 */
import { parseReport, parseValidatedReport, type ParseOptions } from '../index.js';
import { validatedReportJson } from '../../output/json.js';
import type { Report } from '../../schemas/report.js';

/** One parse job sent to a worker. */
export interface ParseTask {
  path: string;
  bytes: Uint8Array;
  options: ParseOptions;
}

/**
 * A report ready for the single writer: the report and its canonical JSON, made where it was parsed
 * (from the parse's one validation), so the writer neither validates nor serialises it.
 */
export interface ParsedForStore {
  report: Report;
  /** Null when the task asked for none (no `--json-dir`). */
  json: string | null;
}

/** A parse job of `ingest`: `json` says whether the run writes JSON files. */
export interface StoreTask extends ParseTask {
  json: boolean;
}

/** Parses the task's bytes into a report (never throws on bad input). */
export default function parseTask(task: ParseTask): Promise<Report> {
  return parseReport({ path: task.path, bytes: task.bytes }, task.options);
}

/** Parses the task's bytes into a report and its canonical JSON (piscina's `name: 'parseForStore'`). */
export async function parseForStore(task: StoreTask): Promise<ParsedForStore> {
  const { report, validated } = await parseValidatedReport({ path: task.path, bytes: task.bytes }, task.options);
  return { report, json: task.json ? validatedReportJson(validated) : null };
}
