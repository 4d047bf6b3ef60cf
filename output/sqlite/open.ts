/**
 * Opening a status-ingest database for writing: creating it, or bringing an existing one up to this
 * version's DDL, and the checks every open goes through: the schema version and a quick check of
 * the file's soundness (`PRAGMA quick_check`), so a damaged database is refused instead of written
 * into. WAL journal; the schema version is `PRAGMA user_version` (0 for a database nothing has been
 * written to yet). A database of an older version that `MIGRATIONS` covers is brought up to this one
 * when it is opened for writing (`applySchema`); an older one is refused. Every error of a database
 * names its file (`DatabaseError` and its kinds).
 */
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DATABASE_SCHEMA_VERSION,
  INGEST_LOG_SQL,
  MIGRATIONS,
  OLDEST_MIGRATABLE_VERSION,
  REPORT_TABLES_SQL,
  REVIEWS_SQL,
  type ReportDatabase,
} from './schema.js';
import { ensureSearchIndex } from './search-index.js';

/**
 * How long a connection waits for another's lock before it gives up ("database is locked"). Set when
 * the connection is made, before any statement: many ingests starting together on a new database
 * queue for the lock that creates its schema, and a batch waits its turn between other batches'
 * reports.
 */
export const BUSY_TIMEOUT_MS = 30_000;

/**
 * WAL pages written before SQLite checkpoints them into the database (its default is 1000, 4 MB):
 * a report is about 190 KB of pages, so the default checkpointed (and synced) every twenty reports
 * and rewrote the same index pages each time. 10,000 pages (40 MB of WAL) took a third off the time
 * a batch writes a report (bench, 400 seed-sized reports, close included).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 10_000;

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

/**
 * Checks a database before anything reads or changes it: its schema version is new (0), this
 * `DATABASE_SCHEMA_VERSION`, or one `MIGRATIONS` brings up to it (else `DatabaseVersionError`), and,
 * with `quick` (the default), `PRAGMA quick_check` finds it sound (else `DatabaseCorruptError`). The
 * caller closes the database when this throws.
 */
export function checkDatabase(db: ReportDatabase, path: string, quick = true): void {
  const version = databaseVersion(db);
  if (version !== 0 && version !== DATABASE_SCHEMA_VERSION && !needsMigration(db)) throw new DatabaseVersionError(path, version);
  if (!quick) return;
  const findings = (db.pragma(`quick_check(${CHECK_FINDINGS})`) as { quick_check: string }[])
    .flatMap((r) => r.quick_check.split('\n'))
    // A heading SQLite puts over the findings of each attached database: only `main` is ever checked.
    .filter((line) => !/^\*\*\* in database \w+ \*\*\*$/.test(line));
  if (findings.join() !== 'ok') throw new DatabaseCorruptError(path, findings);
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

/**
 * Opens (creating if needed) a status-ingest database: WAL, foreign keys on, busy timeout for
 * concurrent writers. A database of an older version that can be migrated is migrated, in the
 * open's one transaction. Refuses, with a `DatabaseError` naming the file, a database that is
 * read-only, damaged, of a version it cannot migrate, or cannot be opened; one of another version is
 * left exactly as it was.
 */
export function openReportDatabase(path: string): ReportDatabase {
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
    switchToWal(db);
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.pragma('foreign_keys = ON');
    // One transaction, so concurrent openers never see half a schema; the busy timeout queues them.
    // The quick check runs inside it, under the write lock: run while another opener was creating
    // the schema, it failed now and then ("vtable constructor failed: goals_fts"). It still comes
    // before the schema is touched.
    db.exec('BEGIN IMMEDIATE');
    checkDatabase(db, path);
    applySchema(db);
    db.exec('COMMIT');
  } catch (error) {
    closeQuietly(db);
    throw databaseError(path, error, 'cannot open the database');
  }
  return db;
}
