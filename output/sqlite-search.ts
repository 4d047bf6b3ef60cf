/**
 * SQLite for analysts: a full-text index over goals (FTS5) and the views one opens first.
 *
 * `goals_fts` indexes each goal's title, subtitle and cell texts. It is an external-content table
 * over `goals` (keyed by `goals.seq`, an INTEGER PRIMARY KEY that VACUUM never renumbers), so the
 * text is stored once. New goals are indexed in bulk (`indexPendingGoals`, `goals.indexed` marks
 * what is in): `writeReport` does it in the report's own transaction, and batch ingestion does it
 * every few hundred reports and at the end of a run, which costs a sixth of indexing goal by goal.
 * Triggers take a deleted (also by cascade from `reports`) or edited goal out of the index. A run
 * killed before its goals were indexed leaves them pending; the next open indexes them. The tokenizer is
 * unicode61 with `remove_diacritics 0`, so æ, ø and å stay letters of their own ("sø" ≠ "so"); case
 * is folded. Prefix queries (`sygefravær*`) work without prefix indexes, which would make every
 * ingest about twice as slow to write for a faster search that is already fast at this size.
 *
 * `SEARCH_SQL` is idempotent and runs on every open (after `SCHEMA_SQL`); `ensureSearchIndex` also
 * indexes goals written before the index existed. The views are dropped and created anew, so they
 * always match this version. Queries over the index are in `output/search.ts`.
 */
import type { ReportDatabase } from './sqlite.js';

/** The DDL of the full-text index, its triggers and the analyst views. */
export const SEARCH_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS goals_fts USING fts5 (
  title, subtitle, initiatives, results,
  content = 'goals', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE INDEX IF NOT EXISTS goals_unindexed ON goals (seq) WHERE indexed = 0;

-- Triggers are created anew on every open, so a database always has this version's.
DROP TRIGGER IF EXISTS goals_fts_insert;
DROP TRIGGER IF EXISTS goals_fts_delete;
CREATE TRIGGER goals_fts_delete AFTER DELETE ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, initiatives, results)
    VALUES ('delete', old.seq, old.title, old.subtitle, old.initiatives, old.results);
END;
DROP TRIGGER IF EXISTS goals_fts_update;
CREATE TRIGGER goals_fts_update AFTER UPDATE OF title, subtitle, initiatives, results ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, initiatives, results)
    VALUES ('delete', old.seq, old.title, old.subtitle, old.initiatives, old.results);
  INSERT INTO goals_fts (rowid, title, subtitle, initiatives, results)
    VALUES (new.seq, new.title, new.subtitle, new.initiatives, new.results);
END;

-- Every goal with its report and section.
DROP VIEW IF EXISTS v_goals;
CREATE VIEW v_goals AS
SELECT r.title AS report_title, r.committee, r.period_start, r.period_end, r.path AS report_path,
       g.section_ordinal, g.section, g.ordinal, g.title, g.subtitle,
       g.page_first, g.page_last, g.line_first, g.line_last,
       (SELECT count(*) FROM facts f WHERE f.goal_id = g.id) AS fact_count,
       (SELECT count(*) FROM series s WHERE s.goal_id = g.id) AS series_count,
       g.id AS goal_id, g.report_id
FROM goals g JOIN reports r ON r.id = g.report_id;

-- Money facts with their goal: value (or min/max for a range) in DKK, approx (0/1), qualifier, per.
DROP VIEW IF EXISTS v_money_facts;
CREATE VIEW v_money_facts AS
SELECT r.title AS report_title, g.section, g.ordinal AS goal_ordinal, g.title AS goal_title,
       f.text, f.value, f.min, f.max, f.currency, f.approx, f.qualifier, f.per, f."column",
       f.span_start, f.span_end, f.ordinal AS fact_ordinal, f.goal_id, g.report_id
FROM facts f JOIN goals g ON g.id = f.goal_id JOIN reports r ON r.id = g.report_id
WHERE f.kind = 'money';

-- Time series points with their series and goal.
DROP VIEW IF EXISTS v_series_points;
CREATE VIEW v_series_points AS
SELECT r.title AS report_title, g.section, g.ordinal AS goal_ordinal, g.title AS goal_title,
       s.ordinal AS series_ordinal, s.label AS series_label, s.unit, s."column",
       p.ordinal AS point_ordinal, p.label, p.start, p."end", p.value, p.goal_id, g.report_id
FROM series_points p
JOIN series s ON s.goal_id = p.goal_id AND s.ordinal = p.series_ordinal
JOIN goals g ON g.id = p.goal_id
JOIN reports r ON r.id = g.report_id;
`;

/**
 * Indexes the goals not yet in the full-text index (all of them, or one report's), in one statement
 * each: bulk inserts are far cheaper for FTS5 than one per goal. Returns how many were indexed. Call
 * inside a write transaction.
 */
export function indexPendingGoals(db: ReportDatabase, reportId?: string): number {
  const filter = reportId === undefined ? 'indexed = 0' : 'indexed = 0 AND report_id = ?';
  const args = reportId === undefined ? [] : [reportId];
  db.prepare(
    `INSERT INTO goals_fts (rowid, title, subtitle, initiatives, results)
     SELECT seq, title, subtitle, initiatives, results FROM goals WHERE ${filter}`,
  ).run(...args);
  return db.prepare(`UPDATE goals SET indexed = 1 WHERE ${filter}`).run(...args).changes;
}

/** True when some goal is not yet in the full-text index (a batch was stopped before indexing it). */
export function hasPendingGoals(db: ReportDatabase): boolean {
  return db.prepare('SELECT 1 FROM goals WHERE indexed = 0 LIMIT 1').get() !== undefined;
}

/**
 * Creates the index, its triggers and the views, and indexes the goals that are not in it: all of
 * them in a database written before the index existed, else those a stopped batch left pending.
 * Runs inside the caller's transaction.
 */
export function ensureSearchIndex(db: ReportDatabase): void {
  const existed = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'goals_fts'").get() !== undefined;
  db.exec(SEARCH_SQL);
  if (!existed) {
    db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('rebuild')");
    db.exec('UPDATE goals SET indexed = 1 WHERE indexed = 0');
  } else {
    indexPendingGoals(db);
  }
}
