/**
 * Opening a status-ingest database for writing: creating it, or bringing an existing one up to this
 * version's DDL, and the checks every open goes through: the schema version and a quick check of
 * the file's soundness (`PRAGMA quick_check`), so a damaged database is refused instead of written
 * into. The quick check of the whole file grows with the database (a second per 200 MB), so an
 * ingest may defer it (`deferQuickCheck`): its open then checks the schema and the tables every run
 * reads and writes (`OPEN_CHECKED_TABLES`), and the whole file is checked before the first other
 * write (`checkBeforeWriting`, which `SqliteStore` runs). WAL journal; the schema version is
 * `PRAGMA user_version` (0 for a database nothing has been written to yet). A database of an older version that `MIGRATIONS` covers is brought up to this one
 * when it is opened for writing (`applySchema`); an older one is refused. Every error of a database
 * names its file (`DatabaseError` and its kinds).
 */
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DATABASE_SCHEMA_VERSION,
  GOALS_KEY_INDEX,
  INGEST_LOG_SQL,
  MIGRATIONS,
  OLDEST_MIGRATABLE_VERSION,
  REPORT_TABLES_SQL,
  REVIEWS_SQL,
  type ReportDatabase,
} from './schema.js';
import { ensureSearchIndex, hasPendingGoals, hasSearchIndex, hasSearchIndexSettings } from './search-index.js';

/**
 * How long a connection waits for another's lock before it gives up ("database is locked"). Set when
 * the connection is made, before any statement: many ingests starting together on a new database
 * queue for the lock that creates its schema, and a batch waits its turn between other batches'
 * reports.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * WAL bytes written before SQLite checkpoints them into the database (its default is 1000 pages, 4 MB
 * of 4 KB pages): a report was about 190 KB of pages (95 KB since schema version 4), so the default
 * checkpointed (and synced) every twenty reports and rewrote the same index pages each time. 40 MiB of
 * WAL (10,240 pages of 4 KB) took a third off the time a batch writes a report (bench, 400 seed-sized
 * reports, close included).
 */
export const WAL_AUTOCHECKPOINT_BYTES = 40 * 1024 * 1024;

/** `PRAGMA wal_autocheckpoint` (in pages) for `WAL_AUTOCHECKPOINT_BYTES` at the database's page size. */
export function walAutocheckpointPages(db: ReportDatabase): number {
  return Math.round(WAL_AUTOCHECKPOINT_BYTES / (db.pragma('page_size', { simple: true }) as number));
}

/**
 * The page size of a new database (a database keeps the size it was created with), set rather than
 * left to SQLite's default so that it is a decision. 4 KB, SQLite's default: 8 KB pages cost 0.3
 * million fewer instructions inside SQLite a report over the rows of 200 seed-like reports, but
 * made a batch of 10,000 15% slower (`npm run bench`: 122 against 106 s, and 95 s with 4 KB pages
 * in the same hour; a single run each). Likely why, not proven: the indexes on text keys touch pages at random, and each page a commit
 * dirties goes to the WAL whole, twice the bytes at 8 KB.
 */
export const NEW_DATABASE_PAGE_SIZE = 4096;

/** A database that cannot be opened, read or written as asked; the message names its file. */
export class DatabaseError extends Error {
  readonly path: string;

  constructor(path: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseError';
    this.path = path;
  }
}

/**
 * Raised when a database was written by another schema version of status-ingest that this one cannot
 * bring up to its own: one older than `OLDEST_MIGRATABLE_VERSION` (re-ingest the sources into a new
 * database) or a newer one (use that status-ingest).
 */
export class DatabaseVersionError extends DatabaseError {
  /** The schema version the database was written with (`PRAGMA user_version`). */
  readonly found: number;
  /** The schema version this status-ingest reads and writes. */
  readonly expected: number = DATABASE_SCHEMA_VERSION;

  constructor(path: string, found: number) {
    super(
      path,
      found < DATABASE_SCHEMA_VERSION
        ? `${path} was written by status-ingest schema version ${found}; re-ingest the sources into a new database (or delete it)`
        : `${path} was written by status-ingest schema version ${found}, newer than this status-ingest (schema version ${DATABASE_SCHEMA_VERSION}); use a newer status-ingest`,
    );
    this.name = 'DatabaseVersionError';
    this.found = found;
  }
}

/** Raised for a file that is not an SQLite database, or one that fails `PRAGMA quick_check`: it is neither read nor written. */
export class DatabaseCorruptError extends DatabaseError {
  /** What SQLite found wrong (the quick check's findings, or its error). */
  readonly problems: readonly string[];

  constructor(path: string, problems: readonly string[], options?: ErrorOptions) {
    super(
      path,
      `${path} is damaged or not a status-ingest database (${problems.join('; ')}); restore it from a backup, or re-ingest the sources into a new database`,
      options,
    );
    this.name = 'DatabaseCorruptError';
    this.problems = problems;
  }
}

/** How many findings of `PRAGMA quick_check` an error lists. */
const CHECK_FINDINGS = 3;

/**
 * The tables an ingest opened with `deferQuickCheck` checks at open (`PRAGMA quick_check(table)`,
 * with their indexes): the schema (every open rewrites its triggers and views), and what an unchanged
 * re-run reads or writes before `checkBeforeWriting` has run: its run row (`ingest_runs`, whose
 * AUTOINCREMENT writes `sqlite_sequence`), the look-ups of every file (`reports`, `report_paths`,
 * `quarantine`), the decisions carried each run (`reviews`), whether goals wait for the full-text
 * index (`search_index_state`, which every open asks). All of them a few rows per report: the
 * goal, cell, block and fact tables, where a database's size is, are left to the whole-file check.
 */
export const OPEN_CHECKED_TABLES = ['sqlite_schema', 'sqlite_sequence', 'reports', 'report_paths', 'ingest_runs', 'quarantine', 'reviews', 'search_index_state'] as const;

/** SQLite's result codes for a file that is no sound database (extended codes start with these). */
const DAMAGED_CODES = ['SQLITE_CORRUPT', 'SQLITE_NOTADB'];

/**
 * The error to show for a failure of the database at `path`: a `DatabaseError` naming the file (a
 * damaged file's as a `DatabaseCorruptError`); a `DatabaseError` as it is. `doing` says what failed
 * when SQLite's message alone would not ("cannot open the database").
 */
export function databaseError(path: string, error: unknown, doing?: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DAMAGED_CODES.some((c) => code.startsWith(c))) return new DatabaseCorruptError(path, [message], { cause: error });
  return new DatabaseError(path, `${path}: ${doing ? `${doing}: ` : ''}${message}`, { cause: error });
}

/** True for an error of SQLite itself (better-sqlite3's `SqliteError`) or a `DatabaseError`: one to report with the database's name. */
export function isDatabaseFailure(error: unknown): boolean {
  return error instanceof DatabaseError || error instanceof Database.SqliteError;
}

/** The schema version a database was written with (`PRAGMA user_version`; 0 for a new one). */
export function databaseVersion(db: ReportDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** True when the database is of an older version that `applySchema` brings up to this one. */
export function needsMigration(db: ReportDatabase): boolean {
  const version = databaseVersion(db);
  return version >= OLDEST_MIGRATABLE_VERSION && version < DATABASE_SCHEMA_VERSION;
}

/** The findings of a `PRAGMA quick_check` (of the whole file, or of one table), without SQLite's headings. */
function quickCheckFindings(db: ReportDatabase, argument: string | number): string[] {
  return (db.pragma(`quick_check(${argument})`) as { quick_check: string }[])
    .flatMap((r) => r.quick_check.split('\n'))
    // A heading SQLite puts over the findings of each attached database: only `main` is ever checked.
    .filter((line) => !/^\*\*\* in database \w+ \*\*\*$/.test(line));
}

/**
 * Checks a database before anything reads or changes it: its schema version is new (0), this
 * `DATABASE_SCHEMA_VERSION`, or one `MIGRATIONS` brings up to it (else `DatabaseVersionError`), and,
 * with `quick` (the default), `PRAGMA quick_check` finds it sound (else `DatabaseCorruptError`):
 * `'tables'` checks only the `OPEN_CHECKED_TABLES` (those of them the database has), `true` the
 * whole file. The caller closes the database when this throws.
 */
export function checkDatabase(db: ReportDatabase, path: string, quick: boolean | 'tables' = true): void {
  const version = databaseVersion(db);
  if (version !== 0 && version !== DATABASE_SCHEMA_VERSION && !needsMigration(db)) throw new DatabaseVersionError(path, version);
  if (!quick) return;
  let findings: string[];
  if (quick === 'tables') {
    const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    findings = OPEN_CHECKED_TABLES.filter((t) => t === 'sqlite_schema' || present.has(t))
      .flatMap((t) => quickCheckFindings(db, t))
      .filter((f) => f !== 'ok')
      .slice(0, CHECK_FINDINGS);
    if (findings.length === 0) return;
  } else {
    findings = quickCheckFindings(db, CHECK_FINDINGS);
    if (findings.join() === 'ok') return;
  }
  throw new DatabaseCorruptError(path, findings);
}

/**
 * The databases opened with `deferQuickCheck` whose whole file is not checked yet, with the path to
 * name, or the error their check found (kept, so that nothing is ever written into them).
 */
const owedChecks = new WeakMap<ReportDatabase, { path: string } | { refused: DatabaseError }>();

/**
 * Runs the whole-file quick check an open with `deferQuickCheck` left for later, once per
 * connection: nothing for a database checked whole at open, or checked already. Throws the
 * `DatabaseCorruptError` it finds, and the same error on every later call. Outside a transaction
 * it reads a snapshot of its own, without the write lock (WAL: other ingests write meanwhile); the
 * schema is complete by then (the open created it under the lock), so no opener can be creating it.
 */
export function checkBeforeWriting(db: ReportDatabase): void {
  const owed = owedChecks.get(db);
  if (owed === undefined) return;
  if ('refused' in owed) throw owed.refused;
  try {
    checkDatabase(db, owed.path);
    owedChecks.delete(db);
  } catch (error) {
    const refused = databaseError(owed.path, error, 'cannot check the database');
    owedChecks.set(db, { refused });
    throw refused;
  }
}

/** True while the whole-file check an open deferred has not run yet (see `checkBeforeWriting`). */
export function isCheckOwed(db: ReportDatabase): boolean {
  const owed = owedChecks.get(db);
  return owed !== undefined && 'path' in owed;
}

/**
 * True when the file at `path` may be written: the file system allows it, and so do its permission
 * bits, which are honoured even for root (a database made read-only with `chmod a-w` is kept as it is).
 */
export function isWritableFile(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return (statSync(path).mode & 0o222) !== 0;
  } catch {
    return false;
  }
}

/**
 * Sets WAL journal mode. On a new database, SQLite answers SQLITE_BUSY at once, without its busy
 * handler, while another connection is switching the same file: retried with a short wait, within
 * the busy timeout, so openers starting together all succeed.
 */
function switchToWal(db: ReportDatabase): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}

function closeQuietly(db: ReportDatabase): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  } catch {
    // Closing after a failure: the first error is the one to report.
  }
}

/**
 * Brings a checked database to this version's schema, inside the caller's transaction: the
 * migrations from its version (none for a new or current one), then the idempotent DDL, the
 * full-text index (built or completed) and the version number.
 */
export function applySchema(db: ReportDatabase): void {
  const from = databaseVersion(db);
  if (from !== 0) {
    for (let version = from; version < DATABASE_SCHEMA_VERSION; version++) {
      const step = MIGRATIONS[version];
      if (step === undefined) throw new Error(`no migration from database schema version ${version}`);
      db.exec(step);
    }
  }
  db.exec(REPORT_TABLES_SQL);
  ensureSearchIndex(db);
  db.exec(INGEST_LOG_SQL);
  db.exec(REVIEWS_SQL);
  db.pragma(`user_version = ${DATABASE_SCHEMA_VERSION}`);
}

/** True when the database has the index of goals by key (a first load killed before its end has not: `SqliteStore.startRun`). */
export function hasGoalsKeyIndex(db: ReportDatabase): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?").get(GOALS_KEY_INDEX) !== undefined;
}

/** Options of `openReportDatabase`. */
export interface OpenOptions {
  /**
   * Check the whole file later, before the first write beyond the open's own (`checkBeforeWriting`):
   * the open checks only the `OPEN_CHECKED_TABLES`. The whole file is still checked at open when
   * the open itself writes more: a migration, the full-text index built, completed or given this
   * version's settings, the index of goals by key a killed first load left out. For ingest
   * (`openStore`), whose unchanged re-run then never reads the whole file.
   */
  deferQuickCheck?: boolean;
}

/**
 * Opens (creating if needed) a status-ingest database: WAL, foreign keys on, busy timeout for
 * concurrent writers. A database of an older version that can be migrated is migrated, in the
 * open's one transaction. Refuses, with a `DatabaseError` naming the file, a database that is
 * read-only, damaged, of a version it cannot migrate, or cannot be opened; one of another version is
 * left exactly as it was. With `deferQuickCheck`, damage outside the `OPEN_CHECKED_TABLES` is found
 * by `checkBeforeWriting` instead.
 */
export function openReportDatabase(path: string, options: OpenOptions = {}): ReportDatabase {
  let db: ReportDatabase;
  try {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      if (statSync(path, { throwIfNoEntry: false }) && !isWritableFile(path)) {
        throw new DatabaseError(path, `${path}: the database is read-only; ingest writes nothing into it (search reads it as it is)`);
      }
    }
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw databaseError(path, error, 'cannot open the database');
  }
  try {
    // Before anything is changed: a database of another version, or a file that is no database,
    // is left as it was.
    checkDatabase(db, path, false);
    // Takes effect only in a database with nothing in it yet (before its first table), and before WAL.
    db.pragma(`page_size = ${NEW_DATABASE_PAGE_SIZE}`);
    switchToWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages(db)}`);
    db.pragma('foreign_keys = ON');
    // One transaction, so concurrent openers never see half a schema; the busy timeout queues them.
    // The quick check runs inside it, under the write lock: run while another opener was creating
    // the schema, it failed now and then ("vtable constructor failed: goals_fts"). It still comes
    // before the schema is touched.
    db.exec('BEGIN IMMEDIATE');
    // Deferred only when the open writes nothing but the schema's triggers and views (checked
    // here) and the version: a migration, indexing goals a stopped batch left out, setting the
    // full-text index's `automerge` (an earlier build's database, once), or building the index of
    // goals by key a killed first load left out, writes the goal tables, so the whole file is checked first.
    const defer = options.deferQuickCheck === true && databaseVersion(db) === DATABASE_SCHEMA_VERSION && hasSearchIndex(db) && !hasPendingGoals(db) && hasSearchIndexSettings(db) && hasGoalsKeyIndex(db);
    checkDatabase(db, path, defer ? 'tables' : true);
    applySchema(db);
    db.exec('COMMIT');
    if (defer) owedChecks.set(db, { path });
  } catch (error) {
    closeQuietly(db);
    throw databaseError(path, error, 'cannot open the database');
  }
  return db;
}
