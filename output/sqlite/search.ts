/**
 * Full-text search over the goals of a status-ingest database (the index's DDL is in `schema.ts`,
 * its upkeep in `search-index.ts`): the FTS5 query for a user's words, ranked hits with snippets.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { checkSchemaVersion, openReportDatabase } from './open.js';
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
    if (error instanceof Error && /fts5|syntax error|no such column/i.test(error.message)) {
      throw new SearchQueryError(`cannot read the query ${JSON.stringify(match)}: ${error.message}`);
    }
    throw error;
  }
  return rows.map(({ page_first, page_last, ...r }) => ({ ...r, pages: [page_first, page_last] }));
}

/** Raised when the database to search does not exist. */
export class MissingDatabaseError extends Error {
  constructor(path: string) {
    super(`${path}: no such database (run "status-ingest ingest … --db ${path}" first)`);
    this.name = 'MissingDatabaseError';
  }
}

/**
 * Opens a database for searching: read-only when it has the index; otherwise through
 * `openReportDatabase`, which builds the index from the goals already there.
 */
export function openSearchDatabase(path: string): ReportDatabase {
  if (!existsSync(path)) throw new MissingDatabaseError(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  checkSchemaVersion(db, path);
  // Goals a stopped batch left out of the index are indexed by opening the database for writing.
  if (hasSearchIndex(db) && !hasPendingGoals(db)) return db;
  db.close();
  return openReportDatabase(path);
}
