/**
 * The SQLite database as a `ReportStore` and `SearchStore` (`output/store.ts`): the functions of
 * `store.ts`, `runs.ts`, `search-index.ts` and `search.ts` over one connection. SQLite has a
 * single writer at a time, and a write always stores the report it is given (the batch decides
 * beforehand what is stored already), so `writeReport` is always `written`. Batch ingestion groups
 * its writes (`beginGroup`, `commitGroup`): several reports per transaction, each in a savepoint,
 * written with the foreign keys off.
 *
 * Every write but the run's own row first runs the whole-file check an open with `deferQuickCheck`
 * left for later (`checkBeforeWriting`), so nothing is written into a damaged database; the batch
 * asks for it itself (`checkBeforeWriting` here) to end the run when it fails.
 */
import type { Report } from '../../schemas/report.js';
import type { ReviewFile } from '../../schemas/review.js';
import type { QuarantineEntry, ReportStore, ReviewStore, RunCounts, SearchHit, SearchOptions, SearchStore, StoreChanges, StoredReviews, WriteResult } from '../store.js';
import { carryReviews, storeReviews } from './reviews.js';
import { finishIngestRun, ingestedReport, quarantinedVersion, quarantineFile, releaseFromQuarantine, startIngestRun } from './runs.js';
import { checkBeforeWriting, walAutocheckpointPages } from './open.js';
import type { ReportDatabase } from './schema.js';
import { hasPendingGoals, indexPendingGoals } from './search-index.js';
import { searchGoals } from './search.js';
import type { ReportRows } from './rows.js';
import { addReportPath, writeReport, writeReportRows } from './store.js';

/** A SQLite database (opened by `openReportDatabase` or `openSearchDatabase`) as a store. */
export class SqliteStore implements ReportStore, SearchStore, ReviewStore {
  readonly db: ReportDatabase;
  /** True while a group of writes is open (`beginGroup`): its transaction is ours to commit. */
  private grouped = false;

  constructor(db: ReportDatabase) {
    this.db = db;
  }

  get name(): string {
    return this.db.name;
  }

  async startRun(pipelineVersion: string): Promise<number> {
    // Checkpoint the WAL every 40 MB instead of every 4 MB: fewer fsyncs while a batch runs.
    this.db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages(this.db)}`);
    // Each report of a group is a savepoint, whose statement journal keeps the pages the report
    // changes as they were: past 64 KB SQLite spills it to a temporary file, and a seed-sized report
    // wrote about 190 pages there, one system call each for page and checksum. Kept in memory, a
    // batch's write took 1.7 ms a report instead of 2.2 (system time 0.26 ms instead of 0.65). The
    // journal holds only pages that were in the file when the report's savepoint began, once each.
    // The batch's bulk update of the search index runs outside its groups (`ingest.ts`), so no
    // savepoint journals the growing index; a report that replaces one journals the old report's
    // pages, its index entries among them.
    this.db.pragma('temp_store = MEMORY');
    return startIngestRun(this.db, pipelineVersion);
  }

  async finishRun(runId: number, counts: RunCounts, seconds: number): Promise<void> {
    finishIngestRun(this.db, runId, counts, seconds);
    try {
      // A passive checkpoint folds the run in without waiting for other readers or writers.
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Nothing is lost: the WAL holds the run, and a later checkpoint (or the last close) folds it in.
    }
  }

  /** Runs the whole-file check the open deferred (once; at once for a database checked whole at open). */
  async checkBeforeWriting(): Promise<void> {
    checkBeforeWriting(this.db);
  }

  async ingestedReport(sha256: string, pipelineVersion: string, path: string) {
    return ingestedReport(this.db, sha256, pipelineVersion, path);
  }

  async quarantinedVersion(path: string) {
    return quarantinedVersion(this.db, path);
  }

  async writeReport(report: Report, pipelineVersion: string, options: { deferSearchIndex?: boolean } = {}): Promise<WriteResult> {
    checkBeforeWriting(this.db);
    return { ...writeReport(this.db, report, pipelineVersion, { deferSearchIndex: options.deferSearchIndex }), outcome: 'written' };
  }

  async writeReportRows(rows: ReportRows, pipelineVersion: string, options: { deferSearchIndex?: boolean } = {}): Promise<WriteResult> {
    checkBeforeWriting(this.db);
    return { ...writeReportRows(this.db, rows, pipelineVersion, { deferSearchIndex: options.deferSearchIndex }), outcome: 'written' };
  }

  async addReportPath(id: string, path: string): Promise<StoreChanges> {
    checkBeforeWriting(this.db);
    return addReportPath(this.db, id, path);
  }

  async quarantineFile(entry: QuarantineEntry, pipelineVersion: string, runId: number | null): Promise<void> {
    checkBeforeWriting(this.db);
    quarantineFile(this.db, entry, pipelineVersion, runId as number);
  }

  async releaseFromQuarantine(path: string): Promise<void> {
    checkBeforeWriting(this.db);
    releaseFromQuarantine(this.db, path);
  }

  async indexPending(): Promise<void> {
    // Every run ends with this: with nothing pending (an unchanged re-run) it writes nothing.
    if (!hasPendingGoals(this.db)) return;
    checkBeforeWriting(this.db);
    this.db.transaction(() => indexPendingGoals(this.db)).immediate();
  }

  /**
   * Opens one transaction for the writes that follow; each write inside it is a savepoint (what
   * better-sqlite3 makes of a transaction inside a transaction). Committing the reports of a group
   * together writes each shared index page to the WAL once per group instead of once per report.
   * The group writes with the foreign keys off (`PRAGMA foreign_keys` takes effect only outside a
   * transaction): the writer's rows reference their parents by construction and its deletes take
   * every child row themselves (`store.ts`), and SQLite's look-up of the parent of every child row
   * cost a twelfth of the write. They are on again when the group ends.
   */
  async beginGroup(): Promise<void> {
    if (this.grouped) return;
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.db.pragma('foreign_keys = ON');
      throw error;
    }
    this.grouped = true;
  }

  async commitGroup(): Promise<void> {
    if (!this.grouped) return;
    this.grouped = false;
    // SQLite rolls a whole transaction back on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM):
    // then none of the group is stored, and the caller must say so for each of its reports.
    try {
      if (!this.db.inTransaction) throw new Error('the transaction of the last reports was rolled back');
      try {
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  async search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    return searchGoals(this.db, query, options);
  }

  async storeReviews(file: ReviewFile, sourceFile: string): Promise<StoredReviews> {
    checkBeforeWriting(this.db);
    return storeReviews(this.db, file, sourceFile);
  }

  async carryReviews(): Promise<number> {
    // Every ingest carries decisions: with no decisions stored there is nothing to carry or write.
    if (this.db.prepare('SELECT 1 FROM reviews LIMIT 1').get() === undefined) return 0;
    checkBeforeWriting(this.db);
    return carryReviews(this.db);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
