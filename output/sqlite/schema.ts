/**
 * The whole DDL of a status-ingest database, in the order `openReportDatabase` runs it: the report
 * tables (`REPORT_TABLES_SQL`), the full-text index with its triggers and the analyst views
 * (`SEARCH_SQL`), and the ingest log (`INGEST_LOG_SQL`). `README.md` documents each table. Every
 * statement is idempotent, so the DDL runs on every open.
 *
 * Text is stored once. A cell's text lives in its blocks (`cell_blocks`, one row per paragraph,
 * heading or list item); `goal_cells.text` is NULL when the blocks joined by "\n" give it (nearly
 * always) and holds the text only when they do not. `v_goal_cells` gives every cell with its text,
 * and the full-text index reads a goal's title, subtitle and the text of its other cells through the
 * view `goal_search_text` (FTS5 external content), so no copy of the cell text is kept for search.
 *
 * The value lists of the CHECK constraints are built from the zod enums in `schemas/`, so a value
 * the schemas accept is never one the database refuses. A database keeps the CHECK text it was
 * created with (`CREATE TABLE IF NOT EXISTS`): a value added to an enum needs a new `SCHEMA_VERSION`.
 */
import type Database from 'better-sqlite3';
import { Severity } from '../../schemas/diagnostic.js';
import { AmountScale, DateFact, Fact, FactField, Series } from '../../schemas/fact.js';
import { Block, ColumnRole, RoleSource, Source } from '../../schemas/report.js';
import { ReviewDecision } from '../../schemas/review.js';

/** An open status-ingest database. */
export type ReportDatabase = Database.Database;

/** The `cell_blocks.type` of a list item: a list block is stored as one row per item. */
export const LIST_ITEM_BLOCK_TYPE = 'list_item';

/** The values of `cell_blocks.type`: the schema's block types, with a list stored as its items. */
export const CELL_BLOCK_TYPES = Block.options.map(({ shape }) => (shape.type.value === 'list' ? LIST_ITEM_BLOCK_TYPE : shape.type.value));

/** The values of `facts.kind`: the discriminators of the `Fact` union. */
export const FACT_KINDS = Fact.options.map(({ shape }) => shape.kind.value);

/** Every CHECK-constrained column of the report tables with the zod enum values it takes (tested one by one). */
export const CHECKED_COLUMNS: readonly [table: string, column: string, values: readonly string[]][] = [
  ['reports', 'format', Source.shape.format.options],
  ['report_columns', 'role', ColumnRole.options],
  ['report_columns', 'role_from', RoleSource.options],
  ['report_columns', 'scale_from', AmountScale.shape.from.options],
  ['goal_cells', 'role', ColumnRole.options],
  ['cell_blocks', 'type', CELL_BLOCK_TYPES],
  ['facts', 'kind', FACT_KINDS],
  ['facts', 'field', FactField.options],
  ['facts', 'scale_from', AmountScale.shape.from.options],
  ['facts', 'year_from', DateFact.shape.yearFrom.unwrap().options],
  ['series', 'field', FactField.options],
  ['series', 'unit', Series.shape.unit.options],
  ['diagnostics', 'severity', Severity.options],
];

/** The condition of a CHECK constraint that `column` holds one of its values (NULL passes where the column is nullable). */
function oneOf(table: string, column: string): string {
  const entry = CHECKED_COLUMNS.find(([t, c]) => t === table && c === column);
  if (!entry) throw new Error(`no CHECK values for ${table}.${column}`);
  return `CHECK (${column} IN (${entry[2].map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}))`;
}

/**
 * The DDL of the report tables: reports, their tables and columns, sections, goals with their cells
 * and cell blocks, facts, series and diagnostics. Child rows reference their parent `ON DELETE CASCADE`.
 */
export const REPORT_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS reports (
  id               TEXT PRIMARY KEY,              -- sha256 of the source bytes
  path             TEXT NOT NULL,                 -- source path, relative to where ingest ran: one of report_paths
  format           TEXT NOT NULL ${oneOf('reports', 'format')},
  bytes            INTEGER NOT NULL,
  pages            INTEGER NOT NULL,
  title            TEXT NOT NULL,
  intro            TEXT NOT NULL,
  committee        TEXT,
  meeting_date     TEXT,                          -- YYYY-MM-DD
  municipality     TEXT,
  period_start     TEXT,
  period_end       TEXT,
  schema_version   INTEGER NOT NULL,
  pipeline_version TEXT NOT NULL,
  table_count      INTEGER NOT NULL,
  goal_count       INTEGER NOT NULL,
  error_count      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_path ON reports (path);

-- Every path a report's bytes were seen at: the same bytes at a second path add a row here, and a
-- path whose bytes changed moves to the new report (output/sqlite/store.ts). reports.path is one of
-- them, the first, unless the report was written again from another: the path its JSON file names.
CREATE TABLE IF NOT EXISTS report_paths (
  path      TEXT PRIMARY KEY,                   -- as given to ingest, relative to where it ran
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  seen_at   TEXT NOT NULL                       -- ISO 8601, UTC: when ingest first saw these bytes at this path
);
CREATE INDEX IF NOT EXISTS report_paths_report ON report_paths (report_id, seen_at);
-- A database written before report_paths existed: each report at the path its row names.
INSERT OR IGNORE INTO report_paths (path, report_id, seen_at)
  SELECT path, id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM reports WHERE id NOT IN (SELECT report_id FROM report_paths);

CREATE TABLE IF NOT EXISTS report_tables (
  report_id  TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  caption    TEXT,
  page_first INTEGER NOT NULL,
  page_last  INTEGER NOT NULL,
  line_first INTEGER NOT NULL,
  line_last  INTEGER NOT NULL,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS report_columns (
  report_id     TEXT NOT NULL,
  table_ordinal INTEGER NOT NULL,
  ordinal       INTEGER NOT NULL,                -- 1-based, in table order
  role          TEXT NOT NULL ${oneOf('report_columns', 'role')},
  role_from     TEXT NOT NULL ${oneOf('report_columns', 'role_from')},
  label         TEXT NOT NULL,
  scale_unit    TEXT,                            -- the money unit of bare amounts ("t.kr."), if any
  scale_factor  REAL,
  scale_from    TEXT ${oneOf('report_columns', 'scale_from')},
  year          INTEGER,                         -- the year the header names, if any
  PRIMARY KEY (report_id, table_ordinal, ordinal),
  FOREIGN KEY (report_id, table_ordinal) REFERENCES report_tables (report_id, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sections (
  report_id     TEXT NOT NULL,
  table_ordinal INTEGER NOT NULL,
  ordinal       INTEGER NOT NULL,
  title         TEXT NOT NULL,
  PRIMARY KEY (report_id, table_ordinal, ordinal),
  FOREIGN KEY (report_id, table_ordinal) REFERENCES report_tables (report_id, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS goals (
  seq              INTEGER PRIMARY KEY,           -- row number (the full-text index's key)
  id               TEXT NOT NULL UNIQUE,          -- stable goal id (see README)
  report_id        TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  table_ordinal    INTEGER NOT NULL,
  ordinal          INTEGER NOT NULL,
  number           TEXT,                          -- the goal's own number in the source ("Nr."), if any
  section_ordinal  INTEGER,
  section          TEXT,
  group_name       TEXT,                          -- the value of the row's grouping column, if any
  title            TEXT NOT NULL,
  subtitle         TEXT,
  total            INTEGER NOT NULL,              -- 1 for a totals row ("I alt")
  title_cell       INTEGER,                       -- 0-based ordinal of the cell title and subtitle come from
  page_first       INTEGER NOT NULL,
  page_last        INTEGER NOT NULL,
  line_first       INTEGER NOT NULL,
  line_last        INTEGER NOT NULL,
  indexed          INTEGER NOT NULL DEFAULT 0,    -- 1 once in the full-text index (output/sqlite/search-index.ts)
  UNIQUE (report_id, table_ordinal, ordinal),
  FOREIGN KEY (report_id, table_ordinal) REFERENCES report_tables (report_id, ordinal) ON DELETE CASCADE,
  FOREIGN KEY (report_id, table_ordinal, section_ordinal) REFERENCES sections (report_id, table_ordinal, ordinal) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS goal_cells (
  goal_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,                          -- 0-based, in table order (a fact's \`cell\`)
  label   TEXT NOT NULL,                             -- the column's header label
  role    TEXT NOT NULL ${oneOf('goal_cells', 'role')},
  text    TEXT,                                      -- NULL when the cell's blocks joined by "\\n" give its text (see v_goal_cells)
  PRIMARY KEY (goal_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS cell_blocks (
  goal_id TEXT NOT NULL,
  cell    INTEGER NOT NULL,                          -- goal_cells.ordinal
  block   INTEGER NOT NULL,                          -- 0-based block index in the cell
  item    INTEGER NOT NULL,                          -- 0-based list item index; 0 for other blocks
  type    TEXT NOT NULL ${oneOf('cell_blocks', 'type')},
  text    TEXT NOT NULL,
  PRIMARY KEY (goal_id, cell, block, item),
  FOREIGN KEY (goal_id, cell) REFERENCES goal_cells (goal_id, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS facts (
  goal_id      TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  kind         TEXT NOT NULL ${oneOf('facts', 'kind')},
  cell         INTEGER,                              -- goal_cells.ordinal the fact was found in
  column_label TEXT,                                 -- that cell's column label
  field        TEXT ${oneOf('facts', 'field')},  -- the text the span indexes: title, subtitle or the cell's text
  text         TEXT NOT NULL,
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
  value        REAL,                                 -- money (DKK), percent, quantity, year
  min          REAL,
  max          REAL,
  date         TEXT,                                 -- date facts: YYYY-MM-DD, YYYY-MM or --MM-DD (no year)
  year_from    TEXT ${oneOf('facts', 'year_from')},
  start        TEXT,                                 -- period facts
  "end"        TEXT,
  grain        TEXT,
  unit         TEXT,                                 -- quantity facts: the counted noun
  currency     TEXT,
  approx       INTEGER,
  qualifier    TEXT,
  per          TEXT,
  scale_unit   TEXT,                                 -- money facts scaled by their column's unit ("t.kr.")
  scale_factor REAL,
  scale_from   TEXT ${oneOf('facts', 'scale_from')},
  total        INTEGER,                              -- money facts: 1 in a totals row
  json         TEXT NOT NULL,                        -- the whole fact, as in the report JSON
  PRIMARY KEY (goal_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_kind ON facts (kind);

CREATE TABLE IF NOT EXISTS series (
  goal_id      TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  cell         INTEGER,
  column_label TEXT,
  field        TEXT ${oneOf('series', 'field')},
  label        TEXT,
  unit         TEXT NOT NULL ${oneOf('series', 'unit')},
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
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
  severity  TEXT NOT NULL ${oneOf('diagnostics', 'severity')},
  code      TEXT NOT NULL,
  message   TEXT NOT NULL,
  params    TEXT NOT NULL,                           -- JSON object: the data the message was rendered from
  page      INTEGER,
  line      INTEGER,
  "column"  INTEGER,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;

-- Every cell with its text (rebuilt from its blocks where goal_cells.text is NULL).
DROP VIEW IF EXISTS v_goal_cells;
CREATE VIEW v_goal_cells AS
SELECT c.goal_id, c.ordinal, c.label, c.role,
       coalesce(c.text,
                (SELECT group_concat(b.text, char(10) ORDER BY b.block, b.item)
                 FROM cell_blocks b WHERE b.goal_id = c.goal_id AND b.cell = c.ordinal),
                '') AS text
FROM goal_cells c;

-- What the full-text index reads (FTS5 external content): title, subtitle, and every other cell's text.
DROP VIEW IF EXISTS goal_search_text;
CREATE VIEW goal_search_text AS
SELECT g.seq, g.title, g.subtitle,
       coalesce((SELECT group_concat(c.text, char(10) ORDER BY c.ordinal) FROM v_goal_cells c
                 WHERE c.goal_id = g.id AND c.ordinal IS NOT g.title_cell), '') AS body
FROM goals g;
`;

/**
 * The DDL of the full-text index over goals (FTS5), its triggers and the analyst views; it runs after
 * `REPORT_TABLES_SQL`. `goals_fts` is an external-content table over the view `goal_search_text`
 * (a goal's title, subtitle, and the text of its other cells as `body`), keyed by `goals.seq` (an
 * INTEGER PRIMARY KEY that VACUUM never renumbers), so the text is stored once; what enters it is
 * `output/sqlite/search-index.ts`'s job. Triggers take a deleted (also by cascade from `reports`) or
 * edited goal out of the index: BEFORE the delete, while its cells are still there to give the body
 * FTS5 must be told. Cells are written with their goal and never edited in place (a report is
 * rewritten whole). The tokenizer is unicode61 with `remove_diacritics 0`, so æ, ø and å stay
 * letters of their own ("sø" ≠ "so"); case is folded. Prefix queries (`sygefravær*`) work without
 * prefix indexes, which would make every ingest about twice as slow to write for a faster search
 * that is already fast at this size. Triggers and views are dropped and created anew, so they
 * always match this version.
 */
export const SEARCH_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS goals_fts USING fts5 (
  title, subtitle, body,
  content = 'goal_search_text', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE INDEX IF NOT EXISTS goals_unindexed ON goals (seq) WHERE indexed = 0;

-- Triggers are created anew on every open, so a database always has this version's.
DROP TRIGGER IF EXISTS goals_fts_delete;
CREATE TRIGGER goals_fts_delete BEFORE DELETE ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body)
    SELECT 'delete', seq, title, subtitle, body FROM goal_search_text WHERE seq = old.seq;
END;
DROP TRIGGER IF EXISTS goals_fts_update_before;
CREATE TRIGGER goals_fts_update_before BEFORE UPDATE OF seq, title, subtitle, title_cell ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body)
    SELECT 'delete', seq, title, subtitle, body FROM goal_search_text WHERE seq = old.seq;
END;
DROP TRIGGER IF EXISTS goals_fts_update_after;
CREATE TRIGGER goals_fts_update_after AFTER UPDATE OF seq, title, subtitle, title_cell ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (rowid, title, subtitle, body)
    SELECT seq, title, subtitle, body FROM goal_search_text WHERE seq = new.seq;
END;

-- Every goal with its report, table and section.
DROP VIEW IF EXISTS v_goals;
CREATE VIEW v_goals AS
SELECT r.title AS report_title, r.committee, r.municipality, r.meeting_date, r.period_start, r.period_end,
       r.path AS report_path, g.table_ordinal, t.caption AS table_caption,
       g.section_ordinal, g.section, g.group_name, g.ordinal, g.number, g.title, g.subtitle, g.total,
       g.page_first, g.page_last, g.line_first, g.line_last,
       (SELECT count(*) FROM goal_cells c WHERE c.goal_id = g.id) AS cell_count,
       (SELECT count(*) FROM facts f WHERE f.goal_id = g.id) AS fact_count,
       (SELECT count(*) FROM series s WHERE s.goal_id = g.id) AS series_count,
       g.id AS goal_id, g.report_id
FROM goals g
JOIN reports r ON r.id = g.report_id
JOIN report_tables t ON t.report_id = g.report_id AND t.ordinal = g.table_ordinal;

-- Money facts with their goal: value (or min/max for a range) in DKK, approx and total (0/1), the scale a bare amount was read with.
DROP VIEW IF EXISTS v_money_facts;
CREATE VIEW v_money_facts AS
SELECT r.title AS report_title, g.table_ordinal, g.section, g.group_name, g.ordinal AS goal_ordinal, g.title AS goal_title,
       f.text, f.value, f.min, f.max, f.currency, f.approx, f.qualifier, f.per,
       f.scale_unit, f.scale_factor, f.scale_from, f.total,
       f.cell, f.column_label, f.field, f.span_start, f.span_end, f.ordinal AS fact_ordinal, f.goal_id, g.report_id
FROM facts f JOIN goals g ON g.id = f.goal_id JOIN reports r ON r.id = g.report_id
WHERE f.kind = 'money';

-- Time series points with their series and goal.
DROP VIEW IF EXISTS v_series_points;
CREATE VIEW v_series_points AS
SELECT r.title AS report_title, g.table_ordinal, g.section, g.group_name, g.ordinal AS goal_ordinal, g.title AS goal_title,
       s.ordinal AS series_ordinal, s.label AS series_label, s.unit, s.cell, s.column_label, s.field,
       p.ordinal AS point_ordinal, p.label, p.start AS point_start, p."end" AS point_end, p.value, p.goal_id, g.report_id
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

// ---------------------------------------------------------------------------------------------
// Review decisions (issue 15): a separate block, run after the others by `openReportDatabase`.

/**
 * The DDL of the review decisions that `ingest --reviews` stores (`output/sqlite/reviews.ts`): one row
 * per report and goal key. A row has no foreign key to `reports`: a decision is kept when its report
 * is replaced by a re-parse, and it is carried to the new report's goal of the same key and content
 * (`carried_from` names the report it was made on).
 */
export const REVIEWS_SQL = `
CREATE TABLE IF NOT EXISTS reviews (
  report_id    TEXT NOT NULL,                  -- the report the decision belongs to (sha256 of its source)
  goal_key     TEXT NOT NULL,                  -- the goal's id without its report prefix (<table>-<slug>[-n])
  content_hash TEXT NOT NULL,                  -- first 16 hex digits of the sha256 of the goal's cells when decided
  decision     TEXT NOT NULL CHECK (decision IN (${ReviewDecision.options.map((v) => `'${v}'`).join(', ')})),
  note         TEXT NOT NULL,
  decided_at   TEXT NOT NULL,                  -- ISO 8601, UTC: when the person decided
  stored_at    TEXT NOT NULL,                  -- ISO 8601, UTC: when ingest stored it
  source_file  TEXT,                           -- the .review.json it came from
  carried_from TEXT,                           -- for a decision carried to a re-parsed report: the report it was made on
  PRIMARY KEY (report_id, goal_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reviews_content ON reviews (goal_key, content_hash, decided_at);

-- Every goal with the decision about it, if any.
DROP VIEW IF EXISTS v_goal_reviews;
CREATE VIEW v_goal_reviews AS
SELECT g.id AS goal_id, g.report_id, substr(g.id, 14) AS goal_key, g.title,
       r.decision, r.note, r.decided_at, r.content_hash, r.carried_from
FROM goals g JOIN reviews r ON r.report_id = g.report_id AND r.goal_key = substr(g.id, 14);
`;
