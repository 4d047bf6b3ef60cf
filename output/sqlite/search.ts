/**
 * Full-text search over the goals of a status-ingest database (the index's DDL is in `schema.ts`,
 * its upkeep in `search-index.ts`): the FTS5 query for a user's words, ranked hits with snippets.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { BUSY_TIMEOUT_MS, DatabaseError, applySchema, checkDatabase, databaseError, isWritableFile, needsMigration, openReportDatabase } from './open.js';
import type { ReportDatabase } from './schema.js';
import { hasPendingGoals, hasSearchIndex } from './search-index.js';

/** How `searchGoals` reads the query text. */
export type SearchMode =
  /** Words (any punctuation splits them), all required, each also as the start of a longer word. */
  | 'prefix'
  /** Whole words, all required. */
  | 'words'
  /** FTS5 query syntax as given (`"sygefravær" OR fravær*`, `NEAR(...)`, `title: budget`; the columns are `title`, `subtitle` and `body`). */
  | 'fts';

/** A goal found by `searchGoals`. */
export interface SearchHit {
  goalId: string;
  reportId: string;
  reportTitle: string;
  reportPath: string;
  /** Ordinal of the table the goal stands in. */
  table: number;
  section: string | null;
  /** The value of the row's grouping column, or null. */
  group: string | null;
  ordinal: number;
  title: string;
  pages: [number, number];
  /** The best-matching stretch of text, matches between the `open` and `close` markers. */
  snippet: string;
  /** bm25 score (lower is better; titles weigh most). */
  score: number;
}

/** Options of `searchGoals`. */
export interface SearchOptions {
  mode?: SearchMode;
  limit?: number;
  /** Markers around matches in the snippet (default `[` and `]`). */
  open?: string;
  close?: string;
  /** Words of context in a snippet (default 16, at most 64). */
  words?: number;
}

/** Raised for a query with nothing to search for, or one FTS5 cannot read. */
export class SearchQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

/** The FTS5 query for a user's text: words quoted (so punctuation is never syntax), prefixed with `*` in prefix mode. */
export function toFtsQuery(text: string, mode: SearchMode = 'prefix'): string {
  if (mode === 'fts') {
    if (!text.trim()) throw new SearchQueryError('the query is empty');
    return text;
  }
  // unicode61 keeps letters, digits and private-use characters together; everything else separates.
  const terms = text.split(/[^\p{L}\p{N}\p{Co}]+/u).filter(Boolean);
  if (!terms.length) throw new SearchQueryError(`"${text}" has no words to search for`);
  return terms.map((t) => `"${t}"${mode === 'prefix' ? '*' : ''}`).join(' ');
}

/**
 * Goals matching a query, best first (bm25 with the title weighing most, then the subtitle, then the
 * text of the row's other cells), each with a snippet of the text that matched.
 */
export function searchGoals(db: ReportDatabase, query: string, options: SearchOptions = {}): SearchHit[] {
  const match = toFtsQuery(query, options.mode ?? 'prefix');
  const words = Math.max(1, Math.min(64, options.words ?? 16));
  const sql = `
    SELECT g.id AS goalId, g.report_id AS reportId, r.title AS reportTitle, r.path AS reportPath,
           g.table_ordinal AS "table", g.section, g.group_name AS "group", g.ordinal, g.title, g.page_first, g.page_last,
           snippet(goals_fts, -1, @open, @close, '…', ${words}) AS snippet,
           bm25(goals_fts, 10.0, 4.0, 1.0) AS score
    FROM goals_fts
    JOIN goals g ON g.seq = goals_fts.rowid
    JOIN reports r ON r.id = g.report_id
    WHERE goals_fts MATCH @match
    ORDER BY score, r.path, g.table_ordinal, g.ordinal
    LIMIT @limit`;
  type Row = Omit<SearchHit, 'pages'> & { page_first: number; page_last: number };
  let rows: Row[];
  try {
    rows = db.prepare(sql).all({ match, open: options.open ?? '[', close: options.close ?? ']', limit: options.limit ?? 20 }) as Row[];
  } catch (error) {
    // SQLITE_ERROR is what FTS5 says of a query it cannot read (an unbalanced quote, an unknown
    // column); a damaged or unreadable database has codes of its own and is the caller's to report.
    if ((error as { code?: unknown }).code === 'SQLITE_ERROR') {
      throw new SearchQueryError(`cannot read the query ${JSON.stringify(match)}: ${(error as Error).message}`);
    }
    throw error;
  }
  return rows.map(({ page_first, page_last, ...r }) => ({ ...r, pages: [page_first, page_last] }));
}

/** Raised when the database to search does not exist. */
export class MissingDatabaseError extends DatabaseError {
  constructor(path: string) {
    super(path, `${path}: no such database (run "status-ingest ingest … --db ${path}" first)`);
    this.name = 'MissingDatabaseError';
  }
}

/**
 * Databases up to this size are quick-checked by every search as well (about half a second at the
 * limit, some 1 700 reports); a larger one is checked by every ingest, and SQLite still refuses the
 * damaged pages a search reads.
 */
const SEARCH_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/** The largest read-only database a search copies into memory (see `openCopy`). */
const COPY_MAX_BYTES = 1024 * 1024 * 1024;

/** True when `path`'s write-ahead log holds changes not yet in the database file. */
function hasWalContent(path: string): boolean {
  return (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
}

/**
 * A database that may not be written, searched from a copy in memory: nothing is written, not even
 * the -shm file a WAL reader makes beside it (which a read-only folder or file system refuses). The
 * copy of an older version is migrated, and the index completed in it when a stopped batch left
 * goals out of it.
 */
function openCopy(path: string, size: number): ReportDatabase {
  if (size > COPY_MAX_BYTES) {
    throw new DatabaseError(path, `${path}: read-only and too large (${Math.round(size / 2 ** 20)} MB) to search from a copy in memory; search it where its folder may be written`);
  }
  const bytes = readFileSync(path);
  // A WAL database says so in its header (bytes 18 and 19); a database in memory has no WAL.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
  const db = new Database(bytes);
  try {
    checkDatabase(db, path);
    if (needsMigration(db) || !hasSearchIndex(db) || hasPendingGoals(db)) db.transaction(() => applySchema(db))();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens a database for reading (`search`, `export`), checked (schema version, and `PRAGMA
 * quick_check` up to a size), every error a `DatabaseError` naming the file. Read-only when it is of
 * this version and has the whole index; otherwise through `openReportDatabase`, which migrates an
 * older version and builds the index from the goals already there. A database that may not be
 * written (read-only file or file system), or whose folder refuses a reader's -shm file, is read
 * from a copy in memory (migrated there when older) and never written; one of those whose WAL
 * still holds changes is read in place, where its -shm file exists, and refused when it is older.
 */
export function openSearchDatabase(path: string): ReportDatabase {
  if (!existsSync(path)) throw new MissingDatabaseError(path);
  try {
    const { size } = statSync(path);
    const writable = isWritableFile(path);
    if (!writable && !hasWalContent(path)) return openCopy(path, size);
    let db: ReportDatabase;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
      try {
        checkDatabase(db, path, size <= SEARCH_CHECK_MAX_BYTES);
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      // A WAL reader could not make its -shm file (a folder it may not write to).
      if ((error as { code?: unknown }).code === 'SQLITE_CANTOPEN' && !hasWalContent(path)) return openCopy(path, size);
      throw error;
    }
    // An older version is migrated, and goals a stopped batch left out of the index are indexed, by
    // opening the database for writing.
    const migrate = needsMigration(db);
    if (!migrate && ((hasSearchIndex(db) && !hasPendingGoals(db)) || !writable)) return db;
    db.close();
    if (!writable) {
      throw new DatabaseError(path, `${path}: read-only, of an older schema version, and its write-ahead log holds changes: it cannot be read without writing; open it where it may be written (status-ingest migrates it)`);
    }
    return openReportDatabase(path);
  } catch (error) {
    throw databaseError(path, error, 'cannot open the database');
  }
}
