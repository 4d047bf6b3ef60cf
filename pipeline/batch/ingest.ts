/**
 * Batch ingestion: many files into one database. Files are listed lazily, read and hashed on the main
 * thread, parsed in worker threads (piscina; p-limit bounds the work in flight, so memory stays flat
 * however large the corpus), which also write each report's JSON file to its temporary file (the
 * main thread renames it into place), and written by the main thread alone, several reports per transaction
 * (group commit: each report in a savepoint of its own, so it still lands whole or not at all), each
 * counted and announced only once its group is committed. Large
 * files go to a worker of their own with a larger heap, so the main thread never parses: it keeps
 * writing the reports of the files beside a large one while that one is parsed.
 *
 * Incremental: a file whose sha256 was already ingested by this pipeline version is skipped
 * (`force` re-ingests), and so is a file that failed before and has not changed. A failed file goes
 * to the quarantine table with its code, message and place; it never stops the batch. A report that
 * could not be written (a full disk) is the store's failure, not the file's: it is counted as failed
 * but not quarantined, so the next run tries it again.
 *
 * Paths: the same bytes at a second path add that path to their report; a path whose bytes changed
 * takes its old report's place, and the JSON files follow the store (`followStoreChanges`). A file
 * that turns bad keeps its last good report, and its quarantine entry says the report is stale.
 *
 * Before its first write beyond its own row the run asks the store to check itself
 * (`ReportStore.checkBeforeWriting`: a SQLite file's whole-file quick check); a store that fails it
 * ends the run, nothing more written, and `ingestSources` throws its error.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Piscina } from 'piscina';
import type { ParseOptions } from '../index.js';
import { diagnose, hasFailures } from '../diagnostics.js';
import { sha256Hex } from '../report-id.js';
import { DEFAULT_MAX_BYTES, LARGE_FILE_BYTES, LARGE_FILE_HEAP_LIMITS, TASKS_PER_WORKER, WORKER_HEAP_LIMITS, workerCount } from './limits.js';
import { readSidecarMeta } from './meta.js';
import { portablePath } from './paths.js';
import { readReportFile, readReportFileSync } from './read.js';
import { listSourceFiles } from './sources.js';
import type { ParsedForStore, StoreTask } from './worker.js';
import { unpackReportRows } from './packed-rows.js';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import type { Report } from '../../schemas/report.js';
import { discardStagedReportJson, jsonNameFor, placeStagedReportJson, reportJsonExists, writeReportJsonText } from '../../output/json-files.js';
import { removeStaleTempFiles } from '../../output/files.js';
import type { QuarantineEntry, ReportStore, StoreChanges, StoredReport } from '../../output/store.js';

/**
 * Large files in flight at once: one parsed by the large-file worker and one read and waiting for it,
 * so that a folder of large files holds two files' bytes, not one per slot of the work in flight.
 */
const LARGE_FILES_IN_FLIGHT = 2;

/** How long the large-file worker stays after its last file: its heap goes back to the system with it. */
const LARGE_FILE_WORKER_IDLE_MS = 2000;

/** How many reports a batch writes before it adds their goals to the full-text index. */
const INDEX_EVERY = 250;

/**
 * Group commit (see `IngestOptions.group`): at most this many reports share one transaction. A commit
 * costs about as much as writing a report (every page it touched goes to the WAL, the shared index
 * pages once per commit), so a group of 32 takes most of that cost off each report.
 */
export const GROUP_REPORTS = 32;

/**
 * A group is committed at the latest this long after its first report was written, so that a slow
 * file never keeps the reports written beside it (and the database's write lock) waiting.
 */
export const GROUP_MS = 200;

/** Options of `ingestSources`. */
export interface IngestOptions {
  paths: readonly string[];
  /** The store to write to: SQLite (`SqliteStore`) or PostgreSQL (`PostgresStore`), see `openStore`. */
  store: ReportStore;
  pipelineVersion: string;
  jsonDir?: string;
  /**
   * Parallel parses (worker threads); 1 parses on the main thread. Default: the number of cores;
   * never more than the cores or the memory allow (`workerCount` in `limits.ts`).
   */
  concurrency?: number;
  force?: boolean;
  strict?: boolean;
  maxBytes?: number;
  /** Follow symbolic links out of the folders given (default: reported, not followed). */
  followSymlinks?: boolean;
  parse?: ParseOptions;
  /** Called for every file as it is settled (for progress bars and messages). */
  onFile?: (event: FileEvent) => void;
  /**
   * Stops the run when aborted (SIGINT, SIGTERM): no new file is started, the files in hand are
   * finished and written, and the run is recorded with what landed (`IngestSummary.stopped`).
   */
  signal?: AbortSignal;
  /**
   * Group commit, where the store has it (SQLite): at most `reports` reports per transaction
   * (default `GROUP_REPORTS`), committed at the latest `ms` after the first (default `GROUP_MS`).
   * `reports: 1` commits each report on its own.
   */
  group?: { reports?: number; ms?: number };
}

/** What an ingested file's report holds, as far as progress and messages tell (`FileEvent`). */
export interface IngestedReport {
  id: string;
  goals: number;
  facts: number;
  /** The report's warnings (a report with errors is not ingested; with `strict`, none with warnings either). */
  warnings: Diagnostic[];
}

/**
 * What happened to one file. A file is `ingested` once its report is committed to the store (with
 * group commit, when its group is): every report announced so is stored.
 */
export type FileEvent =
  | { outcome: 'ingested'; path: string; report: IngestedReport }
  | { outcome: 'skipped'; path: string; reason: 'unchanged' | 'quarantined' }
  | { outcome: 'failed'; path: string; failure: QuarantineEntry; problem: Diagnostic; diagnostics: Diagnostic[] };

/**
 * Where a run's time went, in seconds of wall time on the thread that did it: what the workers spent
 * parsing (summed over the workers: each report's parse, its rows and its JSON file), and what the
 * single writer spent writing reports, in group commits and in bulk passes of the full-text index.
 * The writer's three are on one thread; the parses overlap them, so they add up to no total. Where
 * threads outnumber the cores (two workers and the writer on two), a thread also waits for a core
 * inside a part, and that wait is counted in it: in an ingest of 1,000 seed-like reports, 12-15 ms a
 * report in the workers, against 6-7 ms a report parsed warm in a loop alone on one thread.
 */
export interface IngestTime {
  parse: number;
  write: number;
  commit: number;
  index: number;
}

/** Counts and timing of a run; `failures` lists the files that failed in this run (at most 1000). */
export interface IngestSummary {
  runId: number;
  files: number;
  ingested: number;
  skipped: number;
  failed: number;
  /** Of the failed: files whose report could not be written (the store failed); the next run tries them again. */
  unwritten: number;
  /** Of the skipped: files that failed before and have not changed since. */
  stillQuarantined: number;
  bytes: number;
  seconds: number;
  /** Where the time went (see `IngestTime`). */
  time: IngestTime;
  failures: QuarantineEntry[];
  /** What failed in the store outside any file (the run's row could not be finished), naming the database. */
  storeError?: string;
  /** True when `signal` stopped the run before every file was listed. */
  stopped: boolean;
}

const MAX_LISTED_FAILURES = 1000;

/**
 * Piscina and the parse chain, loaded with the first file to parse: an unchanged re-run only reads
 * and hashes, and starts faster without them.
 */
const importPiscina = () => import('piscina');
let piscinaModule: ReturnType<typeof importPiscina> | undefined;
const loadPiscina = () => (piscinaModule ??= importPiscina());

/** True when a worker died because its parse passed the worker's heap limit. */
function isOutOfMemory(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/**
 * The buffer under the bytes when they are the whole of it, so that moving it to a worker moves
 * nothing else (a slice of Node's shared pool would take its neighbours along); else null.
 */
function ownBuffer(bytes: Uint8Array): ArrayBuffer | null {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength ? buffer : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Makes the JSON files in `dir` follow what a write did to the reports of the store (see
 * `StoreChanges`): a superseded report's file is removed, a moved report's file is written again,
 * named after and saying its new path. `written` is the file name the write itself has just written,
 * never removed. A report that never had a JSON file here has nothing to follow.
 */
async function followStoreChanges(dir: string, changes: StoreChanges, written?: string): Promise<void> {
  for (const { id, path } of changes.superseded) {
    const name = jsonNameFor(path, id);
    if (name !== written) rmSync(join(dir, name), { force: true });
  }
  if (changes.moved.length === 0) return;
  // A moved report's JSON is validated again as it is rewritten: the schema (and zod) load only here,
  // not on the main thread of every run (see `output/json-files.ts`).
  const { writeReportJson } = await import('../../output/json.js');
  for (const { id, from, to } of changes.moved) {
    const old = join(dir, jsonNameFor(from, id));
    if (!existsSync(old)) continue;
    const report = JSON.parse(readFileSync(old, 'utf8')) as Report;
    writeReportJson(dir, { ...report, source: { ...report.source, path: to } });
    if (jsonNameFor(to, id) !== jsonNameFor(from, id)) rmSync(old, { force: true });
  }
}

/** Ingests every report under `paths`. Never throws for a bad file; the summary says what failed. */
export async function ingestSources(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { store: db, pipelineVersion } = options;
  const concurrency = workerCount(options.concurrency).workers;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const runId = await db.startRun(pipelineVersion);
  const summary: IngestSummary = {
    runId, files: 0, ingested: 0, skipped: 0, failed: 0, unwritten: 0, stillQuarantined: 0, bytes: 0, seconds: 0,
    time: { parse: 0, write: 0, commit: 0, index: 0 }, failures: [], stopped: false,
  };
  if (options.jsonDir) removeStaleTempFiles(options.jsonDir);
  /** Runs a part of the writer's work, its wall time added to `summary.time[part]` (also when it throws). */
  const timedPart = async <T>(part: Exclude<keyof IngestTime, 'parse'>, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      summary.time[part] += (performance.now() - started) / 1000;
    }
  };

  // The store's check before the run's first write, run once; an unchanged re-run writes nothing
  // more than its run row and never runs it. Once it has failed, `refused` ends the run.
  let storeChecked: Promise<void> | undefined;
  let refused: { error: unknown } | undefined;
  /** False when the store may not be written (its check failed): the caller writes nothing. */
  const mayWrite = async (): Promise<boolean> => {
    try {
      await (storeChecked ??= db.checkBeforeWriting?.() ?? Promise.resolve());
      return true;
    } catch (error) {
      refused ??= { error };
      return false;
    }
  };

  // Goals enter the full-text index in bulk, every INDEX_EVERY reports and at the end: a sixth of
  // the cost of indexing each report's goals as it is written.
  let sinceIndexed = 0;
  const indexPending = async () => {
    sinceIndexed = 0;
    try {
      await timedPart('index', () => db.indexPending());
    } catch {
      // The goals stay pending (above `search_index_state.indexed_through`) and are indexed by the next run or open.
    }
  };

  // The pools start on the first file that needs them: an unchanged re-run starts no worker.
  const workerFile = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href;
  // Workers hand back each report's rows, its JSON file already written to its temporary file
  // (`parseForStore`): the writer only renames and writes rows.
  const run = { name: 'parseForStore' };
  let pool: Piscina<StoreTask, ParsedForStore> | null = null;
  let largePool: Piscina<StoreTask, ParsedForStore> | null = null;
  /**
   * Parses in the one large-file worker, whose heap may grow to `LARGE_FILE_HEAP_LIMITS`. A file
   * larger still in memory fails with `out-of-memory`; the batch goes on. `transfer` moves the bytes
   * to the worker instead of copying them (they are not needed here after the parse).
   */
  const parseLarge = async (task: StoreTask, transfer: boolean): Promise<ParsedForStore | Diagnostic> => {
    if (!largePool) {
      const { Piscina } = await loadPiscina();
      largePool ??= new Piscina<StoreTask, ParsedForStore>({
        filename: workerFile,
        minThreads: 0,
        maxThreads: 1,
        idleTimeout: LARGE_FILE_WORKER_IDLE_MS,
        resourceLimits: LARGE_FILE_HEAP_LIMITS,
      });
    }
    try {
      const buffer = transfer ? ownBuffer(task.bytes) : null;
      return await largePool.run(task, buffer ? { ...run, transferList: [buffer] } : run);
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      return diagnose('out-of-memory', { limitMb: LARGE_FILE_HEAP_LIMITS.maxOldGenerationSizeMb });
    }
  };
  /** The report of a task, or the problem that kept it from being parsed. */
  const parse = async (task: StoreTask): Promise<ParsedForStore | Diagnostic> => {
    if (concurrency === 1) {
      // Parsed on this thread, where everything else a file takes is synchronous or a microtask:
      // a turn of the event loop first, so that a signal (see `signal`) and the group's timer are
      // seen between files, not only once the listing is done.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return (await import('./worker.js')).parseForStore(task);
    }
    if (task.bytes.length > LARGE_FILE_BYTES) return parseLarge(task, true);
    if (!pool) {
      const { Piscina } = await loadPiscina();
      pool ??= new Piscina<StoreTask, ParsedForStore>({
        filename: workerFile,
        minThreads: concurrency,
        maxThreads: concurrency,
        // Tasks queued in each worker, parsed one after the other there (`parseForStore`): a worker
        // goes on parsing while this thread writes (see `TASKS_PER_WORKER`).
        concurrentTasksPerWorker: TASKS_PER_WORKER,
        resourceLimits: WORKER_HEAP_LIMITS,
      });
    }
    const started = new Int32Array(new SharedArrayBuffer(4));
    try {
      return await pool.run({ ...task, started }, run);
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      // A worker that ran out of heap fails every task it held: the report it was parsing, which is
      // parsed again where the heap may grow (its bytes were copied to the worker that died, so they
      // are still here), and those queued behind it, which never started and go back to the pool.
      return Atomics.load(started, 0) === 1 ? parseLarge(task, true) : parse(task);
    }
  };

  // `problem` is what failed the file (its first error, or a file problem); `diagnostics` are all the
  // report's, when it was parsed. A file's own problem quarantines it; the store's does not (`wrote`).
  const fail = async (path: string, sha256: string | null, problem: Diagnostic, diagnostics: Diagnostic[] = [], quarantine = true) => {
    if (!(await mayWrite())) return;
    const entry: QuarantineEntry = { path, sha256, code: problem.code, message: problem.message, page: problem.page, line: problem.line };
    if (quarantine) {
      try {
        await db.quarantineFile(entry, pipelineVersion, runId);
      } catch {
        // The quarantine row is a convenience; the failure is still counted and reported.
      }
    } else {
      summary.unwritten++;
    }
    summary.failed++;
    if (summary.failures.length < MAX_LISTED_FAILURES) summary.failures.push(entry);
    options.onFile?.({ outcome: 'failed', path, failure: entry, problem, diagnostics });
  };

  /**
   * Runs one write of a file's report; when it fails (a full disk, a JSON folder that is a file), the
   * file fails as not written to `target`, out of quarantine so the next run tries it again.
   */
  const wrote = async (path: string, sha256: string, target: string, write: () => unknown): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (error) {
      await fail(path, sha256, diagnose('write-failed', { target, detail: messageOf(error) }), [], false);
      return false;
    }
  };

  /**
   * The report of these bytes when it stands in the store already and needs at most this path added:
   * ingested by this version (from this path or another), with its JSON file when JSON is written.
   * A forced run rewrites a report only from the path its row names.
   */
  const alreadyStored = async (path: string, sha256: string): Promise<StoredReport | undefined> => {
    const stored = await db.ingestedReport(sha256, pipelineVersion, path);
    if (!stored || (options.force && stored.path === path)) return undefined;
    if (options.jsonDir && !reportJsonExists(options.jsonDir, stored.path, sha256)) return undefined;
    return stored;
  };

  /**
   * Settles a file whose bytes are stored already: its path is added (nothing is written when it is
   * there). In the writer's turn (`keepStored` takes one; `store` calls it in its own).
   */
  const keepStoredNow = async (path: string, sha256: string, stored: StoredReport, quarantined: boolean): Promise<void> => {
    if ((!stored.atPath || quarantined) && !(await mayWrite())) return;
    // The reports written before are settled first: the JSON files this changes are theirs too.
    await commitGroup();
    let changes: StoreChanges = { superseded: [], moved: [] };
    const added = await wrote(path, sha256, db.name, async () => {
      if (!stored.atPath) changes = await db.addReportPath(sha256, path);
      if (quarantined) await db.releaseFromQuarantine(path);
    });
    if (!added) return;
    const { jsonDir } = options;
    if (jsonDir && !(await wrote(path, sha256, jsonDir, () => followStoreChanges(jsonDir, changes)))) return;
    summary.skipped++;
    options.onFile?.({ outcome: 'skipped', path, reason: 'unchanged' });
  };
  const keepStored = (path: string, sha256: string, stored: StoredReport, quarantined: boolean): Promise<void> =>
    writer(() => keepStoredNow(path, sha256, stored, quarantined));

  // One write at a time: a file's writes (JSON file, report, quarantine release) and a group's
  // commit never interleave, so a commit never takes half of what a file writes.
  const writer = pLimit(1);
  const groupReports = options.group?.reports ?? GROUP_REPORTS;
  const groupMs = options.group?.ms ?? GROUP_MS;
  const grouping = Boolean(db.beginGroup && db.commitGroup) && groupReports > 1;
  /** A report written into the open group, settled (counted, announced, its JSON files following the store) once the group commits. */
  interface Pending {
    path: string;
    sha256: string;
    report: IngestedReport;
    /** Its JSON file, and whether this write made it (it goes again if the group is not stored). */
    jsonFile: string | null;
    freshJson: boolean;
    changes: StoreChanges;
    existing: boolean;
  }
  let pending: Pending[] = [];
  let groupOpen = false;
  let groupTimer: NodeJS.Timeout | null = null;

  /** Counts and announces a stored report, after its JSON files have followed what its write did. */
  const settle = async (p: Pending): Promise<void> => {
    const { jsonDir } = options;
    if (jsonDir && !(await wrote(p.path, p.sha256, jsonDir, () => followStoreChanges(jsonDir, p.changes, jsonNameFor(p.path, p.report.id))))) return;
    // Another writer (a second ingest or a worker on the PostgreSQL store) stored these bytes first.
    if (p.existing) {
      summary.skipped++;
      return options.onFile?.({ outcome: 'skipped', path: p.path, reason: 'unchanged' });
    }
    summary.ingested++;
    options.onFile?.({ outcome: 'ingested', path: p.path, report: p.report });
  };

  /**
   * Commits the open group (in the writer's turn) and settles its reports; when the commit fails,
   * none of them is stored: each fails as not written, its new JSON file removed, and the next run
   * tries it again.
   */
  const commitGroup = async (): Promise<void> => {
    if (groupTimer) clearTimeout(groupTimer);
    groupTimer = null;
    const group = pending;
    pending = [];
    if (groupOpen) {
      groupOpen = false;
      try {
        await timedPart('commit', () => db.commitGroup!());
      } catch (error) {
        for (const p of group) {
          if (p.freshJson && p.jsonFile) rmSync(p.jsonFile, { force: true });
          await fail(p.path, p.sha256, diagnose('write-failed', { target: db.name, detail: messageOf(error) }), [], false);
        }
        return;
      }
    }
    for (const p of group) await settle(p);
  };

  /**
   * Places a parsed report's JSON file in the writer's turn: the worker's staged file renamed into
   * place (then `parsed.staged` is cleared: nothing is left for `ingestFile` to remove), or the text
   * written, or the worker's failure to write it thrown here, to fail the file as not written.
   */
  const placeJson = (jsonDir: string, parsed: ParsedForStore): void => {
    if (parsed.staged) {
      const { staged } = parsed;
      parsed.staged = null;
      placeStagedReportJson(staged);
    } else if (parsed.json !== null) {
      writeReportJsonText(jsonDir, parsed.path, parsed.id, parsed.json);
    } else {
      throw new Error(parsed.jsonError ?? 'no JSON was made');
    }
  };

  /**
   * Writes a parsed report: JSON first, then the database, so a run killed in between leaves a report
   * that the next run re-ingests, never a database row without its JSON file. A JSON file this write
   * made goes again when the database refuses the row, so the two never disagree. The report joins
   * the open group and is settled when the group commits. Bytes stored while this file was parsed
   * (the same bytes at another path, written first) only add this path: asked in the writer's turn,
   * after every earlier write, so the answer never depends on which parse ended first.
   */
  const store = (path: string, sha256: string, parsed: ParsedForStore, quarantined: boolean): Promise<void> => writer(async () => {
    const storedMeanwhile = await alreadyStored(path, sha256);
    if (storedMeanwhile) return keepStoredNow(path, sha256, storedMeanwhile, quarantined);
    if (!(await mayWrite())) return;
    const { jsonDir } = options;
    const { id } = parsed;
    const jsonFile = jsonDir ? join(jsonDir, jsonNameFor(parsed.path, id)) : null;
    const freshJson = jsonFile !== null && !existsSync(jsonFile);
    if (jsonDir && jsonFile && !(await wrote(path, sha256, jsonFile, () => placeJson(jsonDir, parsed)))) return;
    let changes: StoreChanges = { superseded: [], moved: [] };
    let existing = false;
    const written = await wrote(path, sha256, db.name, async () => {
      if (grouping && !groupOpen) {
        await db.beginGroup!();
        groupOpen = true;
        groupTimer = setTimeout(() => void writer(commitGroup).catch(() => undefined), groupMs);
      }
      const writeOptions = { deferSearchIndex: true, replace: options.force };
      const result = await timedPart('write', () => {
        const rows = parsed.packedRows ? unpackReportRows(parsed.packedRows) : parsed.rows;
        return rows && db.writeReportRows
          ? db.writeReportRows(rows, pipelineVersion, writeOptions)
          : db.writeReport(parsed.report!, pipelineVersion, writeOptions);
      });
      changes = result;
      existing = result.outcome === 'existing';
    });
    if (!written) {
      if (freshJson && jsonFile) rmSync(jsonFile, { force: true });
      // A failed write may have cost the whole group (SQLite rolls back a transaction on a full
      // disk): committed now, so the group's reports are settled, or failed, before anything else.
      if (groupOpen) await commitGroup();
      return;
    }
    // The quarantine entry was looked up as the file was read; a file without one has nothing to
    // release. (Should another ingest quarantine the path meanwhile, the next run releases it: its
    // bytes are stored, and `keepStored` takes them out of quarantine.)
    if (quarantined && !(await wrote(path, sha256, db.name, () => db.releaseFromQuarantine(path)))) return;
    const summaryOfReport: IngestedReport = { id, goals: parsed.goals, facts: parsed.facts, warnings: parsed.diagnostics.filter((d) => d.severity === 'warning') };
    pending.push({ path, sha256, report: summaryOfReport, jsonFile, freshJson, changes, existing });
    // A write that moved other reports' paths is committed at once: the JSON files follow it before
    // any later write looks at them.
    const moved = changes.superseded.length > 0 || changes.moved.length > 0;
    if (!groupOpen || moved || pending.length >= groupReports) await commitGroup();
    // The search index is brought up to date in a transaction of its own, after the group: inside
    // it, the index's update would be a savepoint whose journal (in memory: see `SqliteStore.startRun`)
    // holds every page of the index it rewrites, which grows with the database (peak RSS at 10,000
    // reports: 260 MB, against 235 MB with the journal in a file).
    if (++sinceIndexed >= INDEX_EVERY) {
      await commitGroup();
      await indexPending();
    }
  });

  const ingestFile = async (file: string, listedSize: number): Promise<void> => {
    const path = portablePath(file);
    // Regular files only, bounded while reading (a FIFO or /dev/zero is refused, never waited on).
    // A small file is read synchronously: its five system calls take a fraction of the time they
    // take as promises on the thread pool (a third of an unchanged re-run went there), and block
    // the writer for less than a report's write. The same checks either way (`read.ts`).
    const read = listedSize <= LARGE_FILE_BYTES ? readReportFileSync(file, maxBytes) : await readReportFile(file, maxBytes);
    if ('problem' in read) return fail(path, null, read.problem);
    const { bytes } = read;
    summary.bytes += bytes.length;
    const sha256 = sha256Hex(bytes);
    const quarantined = await db.quarantinedVersion(path);
    // The same bytes are already in the store (maybe from another path): nothing is failing here.
    const stored = await alreadyStored(path, sha256);
    if (stored) return keepStored(path, sha256, stored, quarantined !== undefined);
    if (!options.force && quarantined?.sha256 === sha256 && quarantined.pipelineVersion === pipelineVersion) {
      summary.skipped++;
      summary.stillQuarantined++;
      return options.onFile?.({ outcome: 'skipped', path, reason: 'quarantined' });
    }
    // What the publisher knows beyond the body: batch-wide meta (--committee …), then the file's sidecar.
    const sidecar = await readSidecarMeta(file, `${path}.meta.json`);
    if (sidecar.problem) return fail(path, sha256, sidecar.problem);
    const parseOptions = options.parse ?? {};
    const meta = { ...parseOptions.meta, ...sidecar.meta };
    const parsed = await parse({
      path, bytes, options: { ...parseOptions, meta }, json: Boolean(options.jsonDir), jsonDir: options.jsonDir, rows: Boolean(db.writeReportRows), packRows: concurrency > 1, strict: options.strict,
    });
    if (!('diagnostics' in parsed)) return fail(path, sha256, parsed);
    summary.time.parse += parsed.parseMs / 1000;
    try {
      const { diagnostics } = parsed;
      if (hasFailures(diagnostics, options.strict)) {
        // The path keeps its last good report, if it had one; its quarantine entry says it is stale.
        const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics.find((d) => d.severity === 'warning')!;
        return await fail(path, sha256, first, diagnostics);
      }
      await store(path, sha256, parsed, quarantined !== undefined);
    } finally {
      // The worker's staged JSON file, when it was not placed (the file failed, its bytes were stored
      // meanwhile, the store refused writes, something threw): no temporary file outlives the file.
      if (parsed.staged) discardStagedReportJson(parsed.staged);
    }
  };

  // Bounded work in flight: the listing waits while the pool is busy, so nothing piles up in memory.
  // A slot for each task the workers hold (`TASKS_PER_WORKER`), and two files a worker more: read and
  // hashed, or parsed and waiting for the writer. Large files (by the listing's size) take turns of
  // their own, never the small files' slots.
  const smallFileSlots = concurrency * (TASKS_PER_WORKER + 2);
  const limit = pLimit(smallFileSlots);
  const largeLimit = pLimit(LARGE_FILES_IN_FLIGHT);
  const inFlight = new Set<Promise<void>>();
  try {
    for await (const entry of listSourceFiles(options.paths, { followSymlinks: options.followSymlinks })) {
      if (options.signal?.aborted) {
        summary.stopped = true;
        break;
      }
      if (refused) break;
      summary.files++;
      if (entry.kind === 'problem') {
        await fail(portablePath(entry.path), null, entry.problem);
        continue;
      }
      const slots = entry.size > LARGE_FILE_BYTES ? largeLimit : limit;
      const job = slots(() => ingestFile(entry.path, entry.size)).catch((error: unknown) => {
        return fail(portablePath(entry.path), null, diagnose('internal-error', { detail: messageOf(error) }));
      });
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
      if (inFlight.size >= 2 * smallFileSlots) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    // What was written is committed, also when the run was stopped: every report announced is stored.
    await writer(commitGroup);
    await Promise.all([pool, largePool].map((p) => (p as Piscina<StoreTask, ParsedForStore> | null)?.destroy()));
  }
  if (refused) throw refused.error;
  await indexPending();
  summary.seconds = (performance.now() - started) / 1000;
  try {
    await db.finishRun(runId, summary, summary.seconds);
  } catch (error) {
    // The run's row keeps finished_at NULL, as a killed run's; the summary still says what landed.
    summary.storeError = `${db.name}: the run could not be recorded: ${messageOf(error)}`;
  }
  return summary;
}
