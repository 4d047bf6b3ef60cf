/**
 * The worker-thread side of batch ingestion (run by piscina): parses one report. Workers only parse;
 * the main thread is the single writer to SQLite.
 */
import { parseReport, type ParseOptions } from '../index.js';
import type { Report } from '../../schemas/report.js';

/** One parse job sent to a worker. */
export interface ParseTask {
  path: string;
  bytes: Uint8Array;
  options: ParseOptions;
}

/** Parses the task's bytes into a report (never throws on bad input). */
export default function parseTask(task: ParseTask): Promise<Report> {
  return parseReport({ path: task.path, bytes: task.bytes }, task.options);
}
