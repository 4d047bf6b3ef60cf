/**
 * Batch ingestion: many files into one database. Files are listed lazily, read and hashed on the main
 * thread, parsed in worker threads (piscina; p-limit bounds the work in flight, so memory stays flat
 * however large the corpus), and written by the main thread alone, one transaction per report.
 *
 * Incremental: a file whose sha256 was already ingested by this pipeline version is skipped
 * (`force` re-ingests), and so is a file that failed before and has not changed. A failed file goes
 * to the quarantine table with its code, message and place; it never stops the batch.
 */
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import { Piscina } from 'piscina';
import { hasFailures, parseReport, sha256Hex, type ParseOptions } from '../index.js';
import { diagnose } from '../diagnostics.js';
import { DEFAULT_MAX_BYTES } from './limits.js';
import { readSidecarMeta } from './meta.js';
import { portablePath } from './paths.js';
import { describeFsError, listSourceFiles } from './sources.js';
import type { ParseTask } from './worker.js';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import type { Report } from '../../schemas/report.js';
import { reportJsonExists, removeStaleTempFiles, writeReportJson } from '../../output/json.js';
import type { ReportDatabase } from '../../output/sqlite/schema.js';
import { writeReport } from '../../output/sqlite/store.js';
import { indexPendingGoals } from '../../output/sqlite/search-index.js';
import {
  finishIngestRun,
  isIngested,
  quarantinedVersion,
  quarantineFile,
  releaseFromQuarantine,
  startIngestRun,
  type QuarantineEntry,
} from '../../output/sqlite/runs.js';

/**
 * Heap limits of the parse workers. V8 sizes a heap generously for throughput; capped, two workers
 * stay near 60 MB each instead of 130 MB, which keeps a 10 000-file ingest under 256 MB peak RSS.
 */
const WORKER_HEAP_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

/** Files larger than this are parsed on the main thread, outside the capped worker heaps. */
const IN_PROCESS_BYTES = 2 * 1024 * 1024;

/** How many reports a batch writes before it adds their goals to the full-text index. */
const INDEX_EVERY = 250;

/** Options of `ingestSources`. */
export interface IngestOptions {
  paths: readonly string[];
  db: ReportDatabase;
  pipelineVersion: string;
  jsonDir?: string;
  /** Parallel parses (worker threads); 1 parses on the main thread. Default: the number of cores. */
  concurrency?: number;
  force?: boolean;
  strict?: boolean;
  maxBytes?: number;
  parse?: ParseOptions;
  /** Called for every file as it is settled (for progress bars and messages). */
  onFile?: (event: FileEvent) => void;
}

/** What happened to one file. */
export type FileEvent =
  | { outcome: 'ingested'; path: string; report: Report }
  | { outcome: 'skipped'; path: string; reason: 'unchanged' | 'quarantined' }
  | { outcome: 'failed'; path: string; failure: QuarantineEntry; problem: Diagnostic; diagnostics: Diagnostic[] };

/** Counts and timing of a run; `failures` lists the files that failed in this run (at most 1000). */
export interface IngestSummary {
  runId: number;
  files: number;
  ingested: number;
  skipped: number;
  failed: number;
  /** Of the skipped: files that failed before and have not changed since. */
  stillQuarantined: number;
  bytes: number;
  seconds: number;
  failures: QuarantineEntry[];
}

const MAX_LISTED_FAILURES = 1000;

/** Ingests every report under `paths`. Never throws for a bad file; the summary says what failed. */
export async function ingestSources(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { db, pipelineVersion } = options;
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const runId = startIngestRun(db, pipelineVersion);
  // Checkpoint the WAL every ~40 MB instead of every 4 MB: fewer fsyncs while a batch runs. A
  // passive checkpoint at the end folds the rest in without waiting for other readers or writers.
  db.pragma('wal_autocheckpoint = 10000');
  const summary: IngestSummary = {
    runId, files: 0, ingested: 0, skipped: 0, failed: 0, stillQuarantined: 0, bytes: 0, seconds: 0, failures: [],
  };
  if (options.jsonDir) removeStaleTempFiles(options.jsonDir);

  // Goals enter the full-text index in bulk, every INDEX_EVERY reports and at the end: a sixth of
  // the cost of indexing each report's goals as it is written.
  let sinceIndexed = 0;
  const indexPending = () => {
    sinceIndexed = 0;
    try {
      db.transaction(() => indexPendingGoals(db)).immediate();
    } catch {
      // The goals stay pending (marked in `goals.indexed`) and are indexed by the next run or open.
    }
  };

  // The pool starts on the first file that needs parsing: an unchanged re-run starts no worker.
  let pool: Piscina<ParseTask, Report> | null = null;
  const parseHere = (task: ParseTask) => parseReport({ path: task.path, bytes: task.bytes }, task.options);
  const parse = async (task: ParseTask): Promise<Report> => {
    // Rare large files parse on the main thread, whose heap is not capped; the rest go to the pool.
    if (concurrency === 1 || task.bytes.length > IN_PROCESS_BYTES) return parseHere(task);
    pool ??= new Piscina<ParseTask, Report>({
      filename: new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href,
      minThreads: concurrency,
      maxThreads: concurrency,
      resourceLimits: WORKER_HEAP_LIMITS,
    });
    try {
      return await pool.run(task);
    } catch (error) {
      // A report too big for a worker's heap is parsed again where the heap may grow.
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return parseHere(task);
      throw error;
    }
  };

  // `problem` is what failed the file (its first error, or a file or store problem); `diagnostics` are
  // all the report's, when it was parsed.
  const fail = (path: string, sha256: string | null, problem: Diagnostic, diagnostics: Diagnostic[] = []) => {
    const entry: QuarantineEntry = { path, sha256, code: problem.code, message: problem.message, page: problem.page, line: problem.line };
    try {
      quarantineFile(db, entry, pipelineVersion, runId);
    } catch {
      // The quarantine row is a convenience; the failure is still counted and reported.
    }
    summary.failed++;
    if (summary.failures.length < MAX_LISTED_FAILURES) summary.failures.push(entry);
    options.onFile?.({ outcome: 'failed', path, failure: entry, problem, diagnostics });
  };

  const ingestFile = async (file: string): Promise<void> => {
    const path = portablePath(file);
    let bytes: Uint8Array;
    try {
      const info = await stat(file);
      if (info.size > maxBytes) {
        return fail(path, null, diagnose('too-large', { bytes: info.size, limit: maxBytes }));
      }
      bytes = await readFile(file);
    } catch (error) {
      return fail(path, null, diagnose('cannot-read', { reason: describeFsError(error) }));
    }
    summary.bytes += bytes.length;
    const sha256 = sha256Hex(bytes);
    if (!options.force) {
      const quarantined = quarantinedVersion(db, path);
      if (isIngested(db, sha256, pipelineVersion) && (!options.jsonDir || reportJsonExists(options.jsonDir, path, sha256))) {
        // The same bytes are already in the store (maybe from another path): nothing is failing here.
        if (quarantined) releaseFromQuarantine(db, path);
        summary.skipped++;
        return options.onFile?.({ outcome: 'skipped', path, reason: 'unchanged' });
      }
      if (quarantined?.sha256 === sha256 && quarantined.pipelineVersion === pipelineVersion) {
        summary.skipped++;
        summary.stillQuarantined++;
        return options.onFile?.({ outcome: 'skipped', path, reason: 'quarantined' });
      }
    }
    // What the publisher knows beyond the body: batch-wide meta (--committee …), then the file's sidecar.
    const sidecar = await readSidecarMeta(file, `${path}.meta.json`);
    if (sidecar.problem) return fail(path, sha256, sidecar.problem);
    const parseOptions = options.parse ?? {};
    const meta = { ...parseOptions.meta, ...sidecar.meta };
    const report = await parse({ path, bytes, options: { ...parseOptions, meta } });
    if (hasFailures(report.diagnostics, options.strict)) {
      const first = report.diagnostics.find((d) => d.severity === 'error') ?? report.diagnostics.find((d) => d.severity === 'warning')!;
      return fail(path, sha256, first, report.diagnostics);
    }
    try {
      // JSON first, then the database: a run killed in between leaves a report that the next run
      // re-ingests, never a database row without its JSON file.
      if (options.jsonDir) writeReportJson(options.jsonDir, report);
      writeReport(db, report, pipelineVersion, { deferSearchIndex: true });
      if (++sinceIndexed >= INDEX_EVERY) indexPending();
      releaseFromQuarantine(db, path);
    } catch (error) {
      return fail(path, sha256, diagnose('write-failed', { detail: error instanceof Error ? error.message : String(error) }));
    }
    summary.ingested++;
    options.onFile?.({ outcome: 'ingested', path, report });
  };

  // Bounded work in flight: the listing waits while the pool is busy, so nothing piles up in memory.
  const limit = pLimit(concurrency * 2);
  const inFlight = new Set<Promise<void>>();
  try {
    for await (const entry of listSourceFiles(options.paths)) {
      summary.files++;
      if (entry.kind === 'problem') {
        fail(portablePath(entry.path), null, entry.problem);
        continue;
      }
      const job = limit(() => ingestFile(entry.path)).catch((error: unknown) => {
        fail(portablePath(entry.path), null, diagnose('internal-error', { detail: error instanceof Error ? error.message : String(error) }));
      });
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
      if (inFlight.size >= concurrency * 4) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await (pool as Piscina<ParseTask, Report> | null)?.destroy();
  }
  indexPending();
  summary.seconds = (performance.now() - started) / 1000;
  finishIngestRun(db, runId, summary, summary.seconds);
  db.pragma('wal_checkpoint(PASSIVE)');
  return summary;
}
