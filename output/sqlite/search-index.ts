/**
 * Keeping the full-text index over goals (`goals_fts`, DDL in `schema.ts`: external content over
 * `goals`, its title, subtitle, and `body`, the text of the row's other cells) up to date. New
 * goals are indexed in bulk (`indexPendingGoals`, `goals.indexed` marks what is in): `writeReport`
 * does it in the report's own transaction, and batch ingestion does it every few hundred reports and
 * at the end of a run, which costs a sixth of indexing goal by goal. A run killed before its goals
 * were indexed leaves them pending; the next open indexes them (`ensureSearchIndex`), as it indexes
 * the goals of a database written before the index existed. Queries over the index are in `search.ts`.
 */
import { SEARCH_INDEX_AUTOMERGE, SEARCH_SQL, type ReportDatabase } from './schema.js';

/**
 * Indexes the goals not yet in the full-text index (all of them, or one report's), in one statement
 * each: bulk inserts are far cheaper for FTS5 than one per goal. Returns how many were indexed. Call
 * inside a write transaction.
 */
export function indexPendingGoals(db: ReportDatabase, reportId?: string): number {
  const filter = reportId === undefined ? 'indexed = 0' : 'indexed = 0 AND report_id = ?';
  const args = reportId === undefined ? [] : [reportId];
  db.prepare(
    `INSERT INTO goals_fts (rowid, title, subtitle, body)
     SELECT seq, title, subtitle, body FROM goals WHERE ${filter}`,
  ).run(...args);
  return db.prepare(`UPDATE goals SET indexed = 1 WHERE ${filter}`).run(...args).changes;
}

/** True when some goal is not yet in the full-text index (a batch was stopped before indexing it). */
export function hasPendingGoals(db: ReportDatabase): boolean {
  return db.prepare('SELECT 1 FROM goals WHERE indexed = 0 LIMIT 1').get() !== undefined;
}

/** True when the full-text index merges as this version sets it (`SEARCH_INDEX_AUTOMERGE`); false without the index. */
export function hasSearchIndexSettings(db: ReportDatabase): boolean {
  if (!hasSearchIndex(db)) return false;
  return db.prepare("SELECT v FROM goals_fts_config WHERE k = 'automerge'").pluck().get() === SEARCH_INDEX_AUTOMERGE;
}

/** True when the database has the full-text index (a database written before it existed has not). */
export function hasSearchIndex(db: ReportDatabase): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'goals_fts'").get() !== undefined;
}

/**
 * Creates the index (with `SEARCH_INDEX_AUTOMERGE`), its triggers and the views, and indexes the goals that are not in it: all of
 * them in a database written before the index existed, else those a stopped batch left pending.
 * Runs inside the caller's transaction.
 */
export function ensureSearchIndex(db: ReportDatabase): void {
  const existed = hasSearchIndex(db);
  db.exec(SEARCH_SQL);
  // Kept in the index's own config table; written only where it differs (once per database).
  // FTS5 takes a command's value as a literal, not as a bound parameter ("SQL logic error").
  if (!hasSearchIndexSettings(db)) db.exec(`INSERT INTO goals_fts (goals_fts, rank) VALUES ('automerge', ${SEARCH_INDEX_AUTOMERGE})`);
  if (!existed) {
    db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('rebuild')");
    db.exec('UPDATE goals SET indexed = 1 WHERE indexed = 0');
  } else {
    indexPendingGoals(db);
  }
}
