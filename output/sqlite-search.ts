/**
 * SQLite for analysts: a full-text index over goals (FTS5) and the views one opens first.
 *
 * `goals_fts` indexes each goal's title, subtitle and cell texts. It is an external-content table
 * over `goals` (keyed by `goals.seq`, an INTEGER PRIMARY KEY that VACUUM never renumbers), so the
 * text is stored once, and triggers keep it in sync: inserting, deleting (also by cascade from
 * `reports`) or updating a goal updates the index; the writer never touches it. The tokenizer is
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

CREATE TRIGGER IF NOT EXISTS goals_fts_insert AFTER INSERT ON goals BEGIN
  INSERT INTO goals_fts (rowid, title, subtitle, initiatives, results)
    VALUES (new.seq, new.title, new.subtitle, new.initiatives, new.results);
END;
CREATE TRIGGER IF NOT EXISTS goals_fts_delete AFTER DELETE ON goals BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, initiatives, results)
    VALUES ('delete', old.seq, old.title, old.subtitle, old.initiatives, old.results);
END;
CREATE TRIGGER IF NOT EXISTS goals_fts_update AFTER UPDATE ON goals BEGIN
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
 * Creates the index and views, and indexes the goals already in a database that had no index
 * (written before it existed). Runs inside the caller's transaction.
 */
export function ensureSearchIndex(db: ReportDatabase): void {
  const existed = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'goals_fts'").get() !== undefined;
  db.exec(SEARCH_SQL);
  if (!existed) db.exec("INSERT INTO goals_fts (goals_fts) VALUES ('rebuild')");
}
