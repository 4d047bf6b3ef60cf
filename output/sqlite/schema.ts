/**
 * The whole DDL of a status-ingest database, in the order `openReportDatabase` runs it: the report
 * tables (`REPORT_TABLES_SQL`), the full-text index with its triggers and the analyst views
 * (`SEARCH_SQL`), and the ingest log (`INGEST_LOG_SQL`). `README.md` documents each table. Every
 * statement is idempotent, so the DDL runs on every open.
 *
 * The value lists of the CHECK constraints are built from the zod enums in `schemas/`, so a value
 * the schemas accept is never one the database refuses. A database keeps the CHECK text it was
 * created with (`CREATE TABLE IF NOT EXISTS`): a value added to an enum needs a new `SCHEMA_VERSION`.
 */
import type Database from 'better-sqlite3';
import { Severity } from '../../schemas/diagnostic.js';
import { Fact, FactColumn } from '../../schemas/fact.js';
import { Block, ColumnRole, Source } from '../../schemas/report.js';

/** An open status-ingest database. */
export type ReportDatabase = Database.Database;

/** The `cell_blocks.type` of a list item: a list block is stored as one row per item. */
export const LIST_ITEM_BLOCK_TYPE = 'list_item';

/** The values of `cell_blocks.type`: the schema's block types, with a list stored as its items. */
const CELL_BLOCK_TYPES = Block.options.map(({ shape }) => (shape.type.value === 'list' ? LIST_ITEM_BLOCK_TYPE : shape.type.value));

/** The values of `facts.kind`: the discriminators of the `Fact` union. */
const FACT_KINDS = Fact.options.map(({ shape }) => shape.kind.value);

/** The condition of a CHECK constraint that `column` holds one of `values`, as SQL string literals. */
function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
}

/** The DDL of the report tables: reports, their columns, sections, goals, cell blocks, facts, series and diagnostics. */
export const REPORT_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS reports (
  id               TEXT PRIMARY KEY,              -- sha256 of the source bytes
  path             TEXT NOT NULL,                 -- source path, relative to where ingest ran
  format           TEXT NOT NULL CHECK (${oneOf('format', Source.shape.format.options)}),
  bytes            INTEGER NOT NULL,
  pages            INTEGER NOT NULL,
  title            TEXT NOT NULL,
  intro            TEXT NOT NULL,
  committee        TEXT,
  period_start     TEXT,
  period_end       TEXT,
  schema_version   INTEGER NOT NULL,
  pipeline_version TEXT NOT NULL,
  goal_count       INTEGER NOT NULL,
  error_count      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_path ON reports (path);

CREATE TABLE IF NOT EXISTS report_columns (
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  role      TEXT NOT NULL CHECK (${oneOf('role', ColumnRole.options)}),
  label     TEXT NOT NULL,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sections (
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  title     TEXT NOT NULL,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS goals (
  seq              INTEGER PRIMARY KEY,           -- row number (the full-text index's key)
  id               TEXT NOT NULL UNIQUE,          -- stable goal id (see README)
  report_id        TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal          INTEGER NOT NULL,
  number           TEXT,                          -- the goal's own number in the source ("Nr."), if any
  section_ordinal  INTEGER,
  section          TEXT,
  title            TEXT NOT NULL,
  subtitle         TEXT,
  initiatives      TEXT NOT NULL,
  results          TEXT NOT NULL,
  page_first       INTEGER NOT NULL,
  page_last        INTEGER NOT NULL,
  line_first       INTEGER NOT NULL,
  line_last        INTEGER NOT NULL,
  indexed          INTEGER NOT NULL DEFAULT 0,    -- 1 once in the full-text index (output/sqlite/search-index.ts)
  UNIQUE (report_id, ordinal),
  FOREIGN KEY (report_id, section_ordinal) REFERENCES sections (report_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS cell_blocks (
  goal_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  cell    TEXT NOT NULL,                             -- 'initiatives', 'results', or 'extra:N' (goal.extra[N])
  block   INTEGER NOT NULL,                          -- 0-based block index in the cell
  item    INTEGER NOT NULL,                          -- 0-based list item index; 0 for other blocks
  type    TEXT NOT NULL CHECK (${oneOf('type', CELL_BLOCK_TYPES)}),
  text    TEXT NOT NULL,
  PRIMARY KEY (goal_id, cell, block, item)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS facts (
  goal_id    TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (${oneOf('kind', FACT_KINDS)}),
  "column"   TEXT NOT NULL CHECK (${oneOf('"column"', FactColumn.options)}),
  text       TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  value      REAL,                                   -- money (DKK), percent, quantity, year
  min        REAL,
  max        REAL,
  date       TEXT,                                   -- date facts: YYYY-MM-DD or YYYY-MM
  start      TEXT,                                   -- period facts
  "end"      TEXT,
  grain      TEXT,
  unit       TEXT,                                   -- quantity facts: the counted noun
  currency   TEXT,
  approx     INTEGER,
  qualifier  TEXT,
  per        TEXT,
  json       TEXT NOT NULL,                          -- the whole fact, as in the report JSON
  PRIMARY KEY (goal_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_kind ON facts (kind);

CREATE TABLE IF NOT EXISTS series (
  goal_id    TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  "column"   TEXT,
  label      TEXT,
  unit       TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (goal_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS series_points (
  goal_id        TEXT NOT NULL,
  series_ordinal INTEGER NOT NULL,
  ordinal        INTEGER NOT NULL,
  label          TEXT NOT NULL,
  start          TEXT NOT NULL,
  "end"          TEXT NOT NULL,
  value          REAL NOT NULL,
  PRIMARY KEY (goal_id, series_ordinal, ordinal),
  FOREIGN KEY (goal_id, series_ordinal) REFERENCES series (goal_id, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS diagnostics (
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  severity  TEXT NOT NULL CHECK (${oneOf('severity', Severity.options)}),
  code      TEXT NOT NULL,
  message   TEXT NOT NULL,
  page      INTEGER,
  line      INTEGER,
  "column"  INTEGER,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;
`;

/**
 * The DDL of the full-text index over goals (FTS5), its triggers and the analyst views; it runs after
 * `REPORT_TABLES_SQL`. `goals_fts` is an external-content table over `goals`, keyed by `goals.seq`
 * (an INTEGER PRIMARY KEY that VACUUM never renumbers), so the text is stored once; what enters it is
 * `output/sqlite/search-index.ts`'s job. Triggers take a deleted (also by cascade from `reports`) or
 * edited goal out of the index. The tokenizer is unicode61 with `remove_diacritics 0`, so æ, ø and å
 * stay letters of their own ("sø" ≠ "so"); case is folded. Prefix queries (`sygefravær*`) work
 * without prefix indexes, which would make every ingest about twice as slow to write for a faster
 * search that is already fast at this size. Triggers and views are dropped and created anew, so
 * they always match this version.
 */
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

/** The DDL of the ingest log: one row per ingest run (`ingest_runs`) and one per failed file (`quarantine`). */
export const INGEST_LOG_SQL = `
CREATE TABLE IF NOT EXISTS ingest_runs (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at       TEXT NOT NULL,                -- ISO 8601, UTC
  finished_at      TEXT,                         -- NULL while running, or when the run was killed
  pipeline_version TEXT NOT NULL,
  files            INTEGER NOT NULL DEFAULT 0,
  ingested         INTEGER NOT NULL DEFAULT 0,
  skipped          INTEGER NOT NULL DEFAULT 0,
  failed           INTEGER NOT NULL DEFAULT 0,
  seconds          REAL
);

CREATE TABLE IF NOT EXISTS quarantine (
  path             TEXT PRIMARY KEY,             -- as given to ingest, relative to where it ran
  sha256           TEXT,                         -- NULL when the file could not be read
  code             TEXT NOT NULL,
  message          TEXT NOT NULL,
  page             INTEGER,
  line             INTEGER,
  pipeline_version TEXT NOT NULL,
  run_id           INTEGER REFERENCES ingest_runs (id) ON DELETE SET NULL,
  quarantined_at   TEXT NOT NULL
);
`;
