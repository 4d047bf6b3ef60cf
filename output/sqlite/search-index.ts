/**
 * Keeping the full-text index over goals (`goals_fts`, DDL in `schema.ts`: external content over
 * `goals`, its title, subtitle, and `body`, the text of the row's other cells) up to date. New
 * goals are indexed in bulk (`indexPendingGoals`): the index holds every goal up to a row number
 * (`search_index_state.indexed_through`) and those above it are pending, so a pass reads the new
 * goals by row number and writes one number, never the goals again. `writeReport` indexes in the
 * report's own transaction, and batch ingestion every few hundred reports and at the end of a run,
 * which costs a sixth of indexing goal by goal. A run killed before its goals were indexed leaves
 * them pending; the next open indexes them (`ensureSearchIndex`), as it indexes the goals of a
 * database written before the index existed. Queries over the index are in `search.ts`.
 */
import { SEARCH_INDEX_AUTOMERGE, SEARCH_SQL, type ReportDatabase } from './schema.js';

/** The row number up to which every goal is in the full-text index (`search_index_state`). */
function indexedThrough(db: ReportDatabase): number {
  return db.prepare('SELECT indexed_through FROM search_index_state').pluck().get() as number;
}

/** The highest goal row number, or 0 without goals. */
function lastGoalSeq(db: ReportDatabase): number {
  return db.prepare('SELECT coalesce(max(seq), 0) FROM goals').pluck().get() as number;
}

/** Records that every goal up to `seq` is in the full-text index and none waits (`search_index_state`). */
function recordIndexedThrough(db: ReportDatabase, seq: number): void {
  db.prepare('UPDATE search_index_state SET indexed_through = ?, pending = 0').run(seq);
}

/**
 * Indexes every goal not yet in the full-text index (those above `indexed_through`: the goals
 * written since the last pass, a single report's or a batch's), in one statement: bulk inserts are
 * far cheaper for FTS5 than one per goal. Returns how many were indexed. Call inside a write
 * transaction.
 */
export function indexPendingGoals(db: ReportDatabase): number {
  const through = indexedThrough(db);
  const last = lastGoalSeq(db);
  if (last <= through) {
    db.prepare('UPDATE search_index_state SET pending = 0 WHERE pending = 1').run();
    return 0;
  }
  const indexed = db.prepare(
    `INSERT INTO goals_fts (rowid, title, subtitle, body)
     SELECT seq, title, subtitle, body FROM goals WHERE seq > ?`,
  ).run(through).changes;
  recordIndexedThrough(db, last);
  return indexed;
}

/**
 * True when some goal may not be in the full-text index yet (a batch was stopped before indexing
 * it): `search_index_state.pending`, which a trigger sets when a goal is written above
 * `indexed_through`. Read from there, not from the goals: an open asks, and an unchanged re-run's
 * open reads none of the goal tables (`OPEN_CHECKED_TABLES`).
 */
export function hasPendingGoals(db: ReportDatabase): boolean {
  return db.prepare('SELECT pending FROM search_index_state').pluck().get() === 1;
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
    recordIndexedThrough(db, lastGoalSeq(db));
  } else if (hasPendingGoals(db)) {
    indexPendingGoals(db);
  }
}
