/**
 * Opening a status-ingest database for writing: creating it, or bringing an existing one up to this
 * version's DDL, and the schema-version check every open goes through. WAL journal; the schema
 * version is `PRAGMA user_version` (0 for a database nothing has been written to yet).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SCHEMA_VERSION } from '../../schemas/report.js';
import { INGEST_LOG_SQL, REPORT_TABLES_SQL, type ReportDatabase } from './schema.js';
import { ensureSearchIndex } from './search-index.js';

/**
 * Raised when a database was written by another schema version of status-ingest: an older one
 * (re-ingest the sources into a new database) or a newer one (use that status-ingest). The message
 * names the file.
 */
export class DatabaseVersionError extends Error {
  readonly path: string;
  /** The schema version the database was written with (`PRAGMA user_version`). */
  readonly found: number;
  /** The schema version this status-ingest reads and writes. */
  readonly expected: number = SCHEMA_VERSION;

  constructor(path: string, found: number) {
    super(
      found < SCHEMA_VERSION
        ? `${path} was written by status-ingest schema version ${found}; re-ingest the sources into a new database (or delete it)`
        : `${path} was written by status-ingest schema version ${found}, newer than this status-ingest (schema version ${SCHEMA_VERSION}); use a newer status-ingest`,
    );
    this.name = 'DatabaseVersionError';
    this.path = path;
    this.found = found;
  }
}

/**
 * Accepts a database that is new (version 0) or of this `SCHEMA_VERSION`; any other is closed (the
 * caller has nothing left to clean up) and refused with a `DatabaseVersionError`.
 */
export function checkSchemaVersion(db: ReportDatabase, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0 && version !== SCHEMA_VERSION) {
    db.close();
    throw new DatabaseVersionError(path, version);
  }
}

/** Opens (creating if needed) a status-ingest database: WAL, foreign keys on, busy timeout for concurrent writers. */
export function openReportDatabase(path: string): ReportDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('busy_timeout = 10000');
  // Before anything is changed: a database of another version is left exactly as it was.
  checkSchemaVersion(db, path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // One transaction, so concurrent openers never see half a schema.
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(REPORT_TABLES_SQL);
    ensureSearchIndex(db);
    db.exec(INGEST_LOG_SQL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    db.close();
    throw error;
  }
  return db;
}
