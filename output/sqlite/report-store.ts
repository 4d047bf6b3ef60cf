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
 *
 * A run into a database with no goals yet (a first load) writes without the index of goals by key
 * and builds it when the run ends (`startRun`, `finishRun`, or `close` for a run that ended
 * otherwise; an open builds it where a killed run left it out).
 */
import type { Report } from '../../schemas/report.js';
import type { ReviewFile } from '../../schemas/review.js';
import type { QuarantineEntry, ReportStore, ReviewStore, RunCounts, SearchHit, SearchOptions, SearchStore, StoreChanges, StoredReviews, WriteResult } from '../store.js';
import { carryReviews, storeReviews } from './reviews.js';
import { finishIngestRun, ingestedReport, quarantinedVersion, quarantineFile, releaseFromQuarantine, startIngestRun } from './runs.js';
import { checkBeforeWriting, databaseError, walAutocheckpointPages } from './open.js';
import { GOALS_KEY_INDEX, GOALS_KEY_INDEX_SQL, type ReportDatabase } from './schema.js';
import { hasPendingGoals, indexPendingGoals } from './search-index.js';
import { searchGoals } from './search.js';
import type { ReportRows } from './rows.js';
import { addReportPath, writeReport, writeReportRows } from './store.js';

/** A SQLite database (opened by `openReportDatabase` or `openSearchDatabase`) as a store. */
export class SqliteStore implements ReportStore, SearchStore, ReviewStore {
  readonly db: ReportDatabase;
  /** True while a group of writes is open (`beginGroup`): its transaction is ours to commit. */
  private grouped = false;
  /** True while this run writes without the index of goals by key (see `startRun`), which it owes the database. */
  private owesKeyIndex = false;

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
    const runId = startIngestRun(this.db, pipelineVersion);
    // A first load leaves the index of goals by key out while it writes: maintained report by
    // report, its entries land all over it and each commit writes the pages they dirtied
    // (`GOALS_KEY_INDEX_SQL`). Built at the end in one sorted pass, it cost 1.3 s at 10,000
    // seed-like reports, against 12 s less for their writes and 10 s less for their commits. Only
    // a database with no goals: a run that adds a few reports to many would rebuild it for all.
    // Its uniqueness holds meanwhile: a goal's id is its report's prefix and its key, and ids are unique.
    let firstLoad: boolean;
    try {
      firstLoad = this.db.prepare('SELECT 1 FROM goals LIMIT 1').get() === undefined;
    } catch (error) {
      // A damaged goals table is refused as the whole-file check refuses it (`DatabaseCorruptError`).
      throw databaseError(this.db.name, error);
    }
    if (firstLoad) {
      checkBeforeWriting(this.db);
      this.db.exec(`DROP INDEX IF EXISTS ${GOALS_KEY_INDEX}`);
      this.owesKeyIndex = true;
    }
    return runId;
  }

  /** Builds the index of goals by key when this run left it out (see `startRun`). */
  private restoreKeyIndex(): void {
    if (!this.owesKeyIndex) return;
    this.db.exec(GOALS_KEY_INDEX_SQL);
    this.owesKeyIndex = false;
  }

  async finishRun(runId: number, counts: RunCounts, seconds: number): Promise<void> {
    finishIngestRun(this.db, runId, counts, seconds);
    try {
      this.restoreKeyIndex();
    } catch {
      // Nothing is lost (a full disk, a writer holding the lock past the busy timeout): `close`
      // tries again, and else the database's next open for writing builds it.
    }
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
    try {
      // A run that ended without `finishRun` (its store refused, an error): the index is built now,
      // or, should that fail too (a full disk), by the database's next open (`applySchema`).
      if (this.db.open && !this.db.inTransaction) this.restoreKeyIndex();
    } catch {
      // Nothing is lost: the goals are stored, and the next open builds their index.
    }
    this.db.close();
  }
}
