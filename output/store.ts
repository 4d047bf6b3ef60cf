/**
 * The store a batch writes reports into and `search` reads from: the embedded SQLite file
 * (`output/sqlite/`) or a shared PostgreSQL database (`output/postgres/`), behind one small
 * interface so batch ingestion, the queue's workers and `search` work with either. `openStore`
 * picks by the target: a `postgres://` or `postgresql://` URL is PostgreSQL, anything else a SQLite file.
 */
import type { Report } from '../schemas/report.js';
import type { StoreChanges } from './sqlite/store.js';
import type { ReportRows } from './sqlite/rows.js';
import type { QuarantineEntry, RunCounts, StoredReport } from './sqlite/runs.js';
import type { SearchHit, SearchOptions } from './sqlite/search.js';
import type { StoredReviews } from './sqlite/reviews.js';
import type { ReviewFile } from '../schemas/review.js';

export type { StoreChanges, ReportRows, QuarantineEntry, RunCounts, StoredReport, SearchHit, SearchOptions, StoredReviews };

/** What a write did: the changes to other reports, and whether this write stored the report or found it stored already. */
export type WriteResult = StoreChanges & {
  /** `existing`: another writer stored the same bytes with this pipeline version first (PostgreSQL), nothing was rewritten. */
  outcome: 'written' | 'existing';
};

/** A report store: every method is one transaction (or none), and safe to call while others run. */
export interface ReportStore {
  /** The store's name for messages: the SQLite file, or the PostgreSQL URL without its password. */
  readonly name: string;
  /** Records the start of an ingest run and returns its id. */
  startRun(pipelineVersion: string): Promise<number>;
  /**
   * Makes sure the store may be written, before the run's first write beyond its own row: a SQLite
   * database opened by `openStore` checks its whole file here (`checkBeforeWriting` in
   * `output/sqlite/open.ts`), once. Rejects with the store's error when it may not be written.
   */
  checkBeforeWriting?(): Promise<void>;
  /** Records the end of a run with its counts. */
  finishRun(runId: number, counts: RunCounts, seconds: number): Promise<void>;
  /** The report with these bytes when this pipeline version stored it, with the path its row names and whether `path` is one of its paths. */
  ingestedReport(sha256: string, pipelineVersion: string, path: string): Promise<StoredReport | undefined>;
  /** The quarantine entry of a path (its sha256 and pipeline version), if it has one. */
  quarantinedVersion(path: string): Promise<{ sha256: string | null; pipelineVersion: string } | undefined>;
  /**
   * Writes one report in one transaction (see `output/sqlite/store.ts` for what happens to paths).
   * Without `replace`, a report already stored with these bytes by this pipeline version is kept
   * as it is and only gains the path: two writers of the same file never store it twice.
   */
  writeReport(report: Report, pipelineVersion: string, options?: { deferSearchIndex?: boolean; replace?: boolean }): Promise<WriteResult>;
  /**
   * `writeReport` of the report's rows made beforehand (`reportRows`, in a parse worker), where the
   * store has it (SQLite and PostgreSQL do): the writer then only binds and runs statements, and the
   * report's object graph never crosses from the worker.
   */
  writeReportRows?(rows: ReportRows, pipelineVersion: string, options?: { deferSearchIndex?: boolean; replace?: boolean }): Promise<WriteResult>;
  /** Records that the stored report `id` was seen at `path` too. */
  addReportPath(id: string, path: string): Promise<StoreChanges>;
  /** Puts a failed file in quarantine (replacing an earlier entry for its path). */
  quarantineFile(entry: QuarantineEntry, pipelineVersion: string, runId: number | null): Promise<void>;
  /** Takes a path out of quarantine (it was ingested). */
  releaseFromQuarantine(path: string): Promise<void>;
  /** Adds goals written with `deferSearchIndex` to the full-text index (PostgreSQL indexes each report as it is written). */
  indexPending(): Promise<void>;
  /**
   * Group commit, where the store has it (SQLite): the writes after `beginGroup` share one
   * transaction, each report still whole or not at all inside it (a savepoint of its own, so a report
   * that fails takes nothing else with it), until `commitGroup` makes them durable together. A store
   * without it commits every write as it goes.
   */
  beginGroup?(): Promise<void>;
  /**
   * Commits the writes since `beginGroup` (nothing when no group is open). Throws, with nothing of the
   * group stored, when the commit fails or the store lost the group's transaction (a full disk
   * rolls back more than the one statement that hit it).
   */
  commitGroup?(): Promise<void>;
  /** Closes the store (after a last checkpoint of SQLite's WAL). */
  close(): Promise<void>;
}

/** A store of review decisions (`ingest --reviews`; see `output/sqlite/reviews.ts`): each method one transaction. */
export interface ReviewStore {
  readonly name: string;
  /** Stores the decisions of one review file, saying which goals are unknown or changed. */
  storeReviews(file: ReviewFile, sourceFile: string): Promise<StoredReviews>;
  /** Carries decisions to re-parsed goals of the same key and content that have none; returns how many. */
  carryReviews(): Promise<number>;
}

/** A store to search: the goals matching a query, best first (see `searchGoals`). */
export interface SearchStore {
  readonly name: string;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  close(): Promise<void>;
}

/** True when `target` names a PostgreSQL database (a `postgres://` or `postgresql://` URL), not a SQLite file. */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

/** A PostgreSQL URL as shown in messages: its password replaced by `***`. */
export function redactUrl(target: string): string {
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return target.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}
