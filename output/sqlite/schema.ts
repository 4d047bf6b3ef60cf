/**
 * The whole DDL of a status-ingest database, in the order `openReportDatabase` runs it: the steps
 * that bring an older database up to this version (`MIGRATIONS`), the report tables
 * (`REPORT_TABLES_SQL`), the full-text index with its triggers and the analyst views (`SEARCH_SQL`),
 * and the ingest log (`INGEST_LOG_SQL`). `README.md` documents each table. Every statement but the
 * migrations is idempotent, so the DDL runs on every open.
 *
 * Text is stored once. The full-text index reads a goal's title, subtitle and the text of its other
 * cells (all but the title cell) from the goal's `body` (FTS5 external content over `goals`, the one
 * shape Datasette and sqlite-utils detect: FTS5 reads a row's text back from its content table, for
 * snippets and to take a goal out, and these tools only take an index whose content table is the
 * table they show). A cell is its blocks (`cell_blocks`, one row per paragraph, heading or list
 * item); a block of a cell in the body is its place there (`body_start`, `body_length`), and only the
 * blocks of the title cell (and of a cell whose blocks do not give its text) hold text.
 * `goal_cells.text` is NULL when the blocks joined by "\n" give the cell's text (nearly always) and
 * holds the text only when they do not. A column's label and role are in `report_columns` alone: a
 * cell, a fact and a series name their column by the cell's ordinal (`report_columns.ordinal` is
 * the cell's + 1). `v_goal_cells` gives every cell with its label, role and text, `v_cell_blocks`
 * every block, `v_facts` and `v_series_points` every fact and point with its column's label.
 *
 * Column names need no quoting in SQL (no `end`, no `column`), in the tables as in the views.
 *
 * The value lists of the CHECK constraints are the values of the zod enums in `schemas/`, as
 * `schemas/enum-values.ts` writes them out (generated from the schemas: opening a database loads no
 * zod), so a value the schemas accept is never one the database refuses. A database keeps the CHECK text it was
 * created with (`CREATE TABLE IF NOT EXISTS`): a value added to an enum needs a new
 * `DATABASE_SCHEMA_VERSION` and a migration.
 */
import type Database from 'better-sqlite3';
import { ENUM_VALUES } from '../../schemas/enum-values.js';

/** An open status-ingest database. */
export type ReportDatabase = Database.Database;

/**
 * The layout version of a status-ingest database (`PRAGMA user_version`), apart from the report
 * JSON's `schemaVersion`. Version 3: `v_facts`, a page per fact, no column names that need quoting
 * (`facts.period_start`/`period_end`, `series_points.point_start`/`point_end`,
 * `diagnostics.column_number`), and the full-text index over `goals` itself (`goals.body`).
 * Version 4: a goal's parts keyed by its row number (`goal_seq`), blocks pointing into the body,
 * no `facts.json` (boxes in `fact_boxes`), no `facts_kind` (see `GOAL_PARTS_SQL`).
 * Version 5: a column's label and role stored once, in `report_columns`: no `goal_cells.label` and
 * `role`, no `facts.column_label` and `series.column_label` (the views give them, as before).
 * Version 6: what the full-text index holds kept as one row number (`search_index_state`), not as
 * a flag on every goal: no `goals.indexed`, no `goals_unindexed`.
 */
export const DATABASE_SCHEMA_VERSION = 6;

/** The oldest database version `MIGRATIONS` brings up to `DATABASE_SCHEMA_VERSION`; older ones are refused. */
export const OLDEST_MIGRATABLE_VERSION = 2;

/** The `cell_blocks.type` of a list item: a list block is stored as one row per item. */
export const LIST_ITEM_BLOCK_TYPE = 'list_item';

/** The values of `cell_blocks.type`: the schema's block types, with a list stored as its items. */
export const CELL_BLOCK_TYPES = ENUM_VALUES.blockType.map((type) => (type === 'list' ? LIST_ITEM_BLOCK_TYPE : type));

/** The values of `facts.kind`: the discriminators of the `Fact` union. */
export const FACT_KINDS = ENUM_VALUES.factKind;

/** Every CHECK-constrained column of the report tables with the zod enum values it takes (tested one by one). */
export const CHECKED_COLUMNS: readonly [table: string, column: string, values: readonly string[]][] = [
  ['reports', 'format', ENUM_VALUES.sourceFormat],
  ['report_columns', 'role', ENUM_VALUES.columnRole],
  ['report_columns', 'role_from', ENUM_VALUES.roleSource],
  ['report_columns', 'scale_from', ENUM_VALUES.amountScaleFrom],
  ['cell_blocks', 'type', CELL_BLOCK_TYPES],
  ['facts', 'kind', FACT_KINDS],
  ['facts', 'field', ENUM_VALUES.factField],
  ['facts', 'scale_from', ENUM_VALUES.amountScaleFrom],
  ['facts', 'year_from', ENUM_VALUES.dateYearFrom],
  ['series', 'field', ENUM_VALUES.factField],
  ['series', 'unit', ENUM_VALUES.seriesUnit],
  ['diagnostics', 'severity', ENUM_VALUES.severity],
];

/**
 * The CHECK constraint that `column` holds one of its values (NULL passes where the column is
 * nullable), written as `column = 'a' OR column = 'b' …`, not `column IN ('a', 'b', …)`: SQLite
 * evaluates an IN list of a CHECK by building a temporary B-tree of the list on each execution of
 * an INSERT, which took a fifth of the writer's instructions (13 such lists over the report tables),
 * where a few comparisons per row cost next to nothing.
 */
function oneOf(table: string, column: string): string {
  const entry = CHECKED_COLUMNS.find(([t, c]) => t === table && c === column);
  if (!entry) throw new Error(`no CHECK values for ${table}.${column}`);
  return `CHECK (${entry[2].map((v) => `${column} = '${v.replaceAll("'", "''")}'`).join(' OR ')})`;
}

/**
 * The join that gives a row the column it names by a cell ordinal, through the row's goal `g`
 * (`report_columns.ordinal` is the cell's + 1): how the views read a cell's, a fact's and a series'
 * column label and role, which version 5 stores only there. SQL of both stores (PostgreSQL's
 * schema uses it too).
 */
export function columnOfCell(cell: string, alias = 'c'): string {
  return `LEFT JOIN report_columns ${alias} ON ${alias}.report_id = g.report_id AND ${alias}.table_ordinal = g.table_ordinal AND ${alias}.ordinal = ${cell} + 1`;
}

/**
 * The DDL of the tables of a goal's parts: its cells and their blocks, its facts with their boxes,
 * its series and their points. Each row names its goal by `goal_seq` (`goals.seq`, the goal's row
 * number), not by the goal's TEXT id: a report's goals take consecutive row numbers as they are
 * written, so its rows go in at the end of each table's B-tree instead of at random places (what
 * made the writer of version 3 cost twice as much), and the key is a few bytes instead of forty. The
 * views below give every row its `goal_id`. A block whose text stands in its goal's `body` stores
 * its place there (`body_start`, `body_length`) and no text (see `v_cell_blocks`). The facts keep
 * no JSON copy of the fact: the typed columns hold it, and its boxes (a PDF's) are `fact_boxes`.
 * A cell, a fact and a series keep no copy of their column's label and role (version 5): the
 * cell's ordinal names the column (`report_columns`). Part of `REPORT_TABLES_SQL`, and of the
 * migration from version 3, which creates them (and adds back, for its step, the columns version
 * 5 dropped).
 */
export const GOAL_PARTS_SQL = `
CREATE TABLE IF NOT EXISTS goal_cells (
  goal_seq INTEGER NOT NULL REFERENCES goals (seq) ON DELETE CASCADE,
  ordinal  INTEGER NOT NULL,                         -- 0-based, in table order (a fact's \`cell\`): report_columns.ordinal - 1, whose label and role it has
  text     TEXT,                                     -- NULL when the cell's blocks joined by "\\n" give its text (see v_goal_cells)
  PRIMARY KEY (goal_seq, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS cell_blocks (
  goal_seq    INTEGER NOT NULL,
  cell        INTEGER NOT NULL,                      -- goal_cells.ordinal
  block       INTEGER NOT NULL,                      -- 0-based block index in the cell
  item        INTEGER NOT NULL,                      -- 0-based list item index; 0 for other blocks
  type        TEXT NOT NULL ${oneOf('cell_blocks', 'type')},
  text        TEXT,                                  -- NULL when the text stands in the goal's body: substr(body, body_start, body_length)
  body_start  INTEGER,                               -- 1-based, in characters; NULL when text holds it
  body_length INTEGER,                               -- in characters; NULL when text holds it
  PRIMARY KEY (goal_seq, cell, block, item),
  FOREIGN KEY (goal_seq, cell) REFERENCES goal_cells (goal_seq, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS facts (
  goal_seq     INTEGER NOT NULL REFERENCES goals (seq) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  kind         TEXT NOT NULL ${oneOf('facts', 'kind')},
  cell         INTEGER,                              -- goal_cells.ordinal the fact was found in (its column: report_columns.ordinal = cell + 1)
  field        TEXT ${oneOf('facts', 'field')},  -- the text the span indexes: title, subtitle or the cell's text
  text         TEXT NOT NULL,
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
  value        REAL,                                 -- money (DKK), percent, quantity, year
  min          REAL,
  max          REAL,
  date         TEXT,                                 -- date facts: YYYY-MM-DD, YYYY-MM or --MM-DD (no year)
  year_from    TEXT ${oneOf('facts', 'year_from')},
  period_start TEXT,                                 -- period facts: first and last year, month or day, inclusive
  period_end   TEXT,
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
  page         INTEGER,                              -- the page the fact stands on; NULL when its goal runs over a page break (where in the row the break falls is not kept)
  PRIMARY KEY (goal_seq, ordinal)
) WITHOUT ROWID;

-- Where the characters of a PDF's fact stand: one box per text line it covers, in PDF points on the page as shown
-- (origin top left, y downwards; x, y the top-left corner). Text and HTML facts have none.
CREATE TABLE IF NOT EXISTS fact_boxes (
  goal_seq     INTEGER NOT NULL,
  fact_ordinal INTEGER NOT NULL,                     -- facts.ordinal
  ordinal      INTEGER NOT NULL,                     -- 1-based, in the fact's order
  page         INTEGER NOT NULL,
  x            REAL NOT NULL,
  y            REAL NOT NULL,
  width        REAL NOT NULL,
  height       REAL NOT NULL,
  PRIMARY KEY (goal_seq, fact_ordinal, ordinal),
  FOREIGN KEY (goal_seq, fact_ordinal) REFERENCES facts (goal_seq, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS series (
  goal_seq     INTEGER NOT NULL REFERENCES goals (seq) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  cell         INTEGER,                              -- as facts.cell
  field        TEXT ${oneOf('series', 'field')},
  label        TEXT,
  unit         TEXT NOT NULL ${oneOf('series', 'unit')},
  span_start   INTEGER NOT NULL,
  span_end     INTEGER NOT NULL,
  PRIMARY KEY (goal_seq, ordinal)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS series_points (
  goal_seq       INTEGER NOT NULL,
  series_ordinal INTEGER NOT NULL,
  ordinal        INTEGER NOT NULL,
  label          TEXT NOT NULL,
  point_start    TEXT NOT NULL,
  point_end      TEXT NOT NULL,
  value          REAL NOT NULL,
  PRIMARY KEY (goal_seq, series_ordinal, ordinal),
  FOREIGN KEY (goal_seq, series_ordinal) REFERENCES series (goal_seq, ordinal) ON DELETE CASCADE
) WITHOUT ROWID;
`;

/**
 * FTS5's `automerge` for `goals_fts` (`ensureSearchIndex` sets it): how many segments of a level the
 * index lets gather before it merges them into one of the next. FTS5's default is 4; at 16 (its
 * largest) a batch's bulk passes merge far less: indexing the goals of 10,000 seed-like reports in
 * passes of 250 took 0.55 ms a report against 0.99 ms, and six searches (a word, a prefix, a
 * phrase, NEAR, a one-letter prefix; ranked, with snippets) took as long as before or less.
 */
export const SEARCH_INDEX_AUTOMERGE = 16;

/** The name of the index of goals by key (`GOALS_KEY_INDEX_SQL`). */
export const GOALS_KEY_INDEX = 'goals_key';

/**
 * The index a goal's versions across reports are found by: goals by key (and report). Part of
 * `REPORT_TABLES_SQL`, so every open for writing creates it where it is missing. Its entries go in at places
 * spread over the whole index (keys come in no order), so each report's goals dirty pages all over
 * it, and every commit writes those pages to the WAL: at 10,000 seed-like reports it was a third of
 * the writer's time. A batch into a database with no goals yet leaves it out while it writes and
 * builds it at the end, in one sorted pass (`SqliteStore.startRun`).
 */
export const GOALS_KEY_INDEX_SQL = `CREATE UNIQUE INDEX IF NOT EXISTS ${GOALS_KEY_INDEX} ON goals (key, report_id);`;

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
  id               TEXT NOT NULL UNIQUE,          -- goal id, unique across reports: report prefix and key (see README)
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
  body             TEXT NOT NULL DEFAULT '',      -- the text of the row's other cells (all but title_cell), joined by "\\n": what goals_fts indexes besides title and subtitle
  key              TEXT NOT NULL DEFAULT '',      -- goal key, stable across edits elsewhere in the report (see README); last, as a migration adds it
  UNIQUE (report_id, table_ordinal, ordinal),
  FOREIGN KEY (report_id, table_ordinal) REFERENCES report_tables (report_id, ordinal) ON DELETE CASCADE,
  FOREIGN KEY (report_id, table_ordinal, section_ordinal) REFERENCES sections (report_id, table_ordinal, ordinal) ON DELETE CASCADE
);

${GOALS_KEY_INDEX_SQL}
${GOAL_PARTS_SQL}
CREATE TABLE IF NOT EXISTS diagnostics (
  report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  ordinal   INTEGER NOT NULL,
  severity  TEXT NOT NULL ${oneOf('diagnostics', 'severity')},
  code      TEXT NOT NULL,
  message   TEXT NOT NULL,
  params    TEXT NOT NULL,                           -- JSON object: the data the message was rendered from
  page      INTEGER,
  line      INTEGER,
  column_number INTEGER,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;

-- Every cell with its column's label and role and its text (rebuilt from its blocks where
-- goal_cells.text is NULL). The blocks are
-- put in order by an ordered subquery, which SQLite keeps for group_concat, rather than by
-- group_concat(… ORDER BY …): views stored in the file must read in SQLite before 3.44 too
-- (Datasette and sqlite-utils run on the Python's SQLite, 3.40 on Debian 12), which refuses the
-- whole database otherwise ("malformed database schema").
DROP VIEW IF EXISTS v_goal_cells;
CREATE VIEW v_goal_cells AS
SELECT g.id AS goal_id, c.ordinal, rc.label, rc.role,
       coalesce(c.text,
                (SELECT group_concat(t.text, char(10))
                 FROM (SELECT coalesce(b.text, substr(g.body, b.body_start, b.body_length)) AS text
                       FROM cell_blocks b WHERE b.goal_seq = c.goal_seq AND b.cell = c.ordinal ORDER BY b.block, b.item) t),
                '') AS text
FROM goal_cells c JOIN goals g ON g.seq = c.goal_seq
${columnOfCell('c.ordinal', 'rc')};

-- Every block with its goal id and its text (taken from the goal's body where it stands there).
DROP VIEW IF EXISTS v_cell_blocks;
CREATE VIEW v_cell_blocks AS
SELECT g.id AS goal_id, b.cell, b.block, b.item, b.type,
       coalesce(b.text, substr(g.body, b.body_start, b.body_length)) AS text
FROM cell_blocks b JOIN goals g ON g.seq = b.goal_seq;

-- Every box of a fact, with its goal id.
DROP VIEW IF EXISTS v_fact_boxes;
CREATE VIEW v_fact_boxes AS
SELECT g.id AS goal_id, x.fact_ordinal, x.ordinal, x.page, x.x, x.y, x.width, x.height
FROM fact_boxes x JOIN goals g ON g.seq = x.goal_seq;
`;

/**
 * The DDL of the full-text index over goals (FTS5), its triggers and the analyst views; it runs after
 * `REPORT_TABLES_SQL`. `goals_fts` is an external-content table over `goals` itself (its `title`,
 * `subtitle` and `body`), keyed by `goals.seq` (an INTEGER PRIMARY KEY, so the rowid, which VACUUM
 * never renumbers); what enters it is `output/sqlite/search-index.ts`'s job. The declaration is
 * written `content="goals"`, exactly so: Datasette and sqlite-utils find a table's index by matching
 * `content="<table>"` (or `content=[<table>]`) in the stored CREATE statement, and then offer
 * search on `goals` (see README). The index holds the goals up to one row number
 * (`search_index_state.indexed_through`), those above it wait for a bulk pass, so a batch writes
 * each goal once (a flag per goal made every pass write every goal's page again). Triggers take a
 * deleted (also by cascade from `reports`) or edited goal of the index out with the values it was
 * indexed with (FTS5 must be told them), index at once a goal inserted at or below the row number
 * (a report written where a deleted one's goals were), and set `pending` for one inserted (or
 * renumbered) above it, so the rule never leaves one out, whoever writes the goal. The tokenizer
 * is unicode61 with `remove_diacritics 0`, so æ, ø and å stay letters of their own ("sø" ≠ "so");
 * case is folded. Prefix queries (`sygefravær*`) work without prefix indexes, which would make every
 * ingest about twice as slow to write for a faster search that is already fast at this size.
 * Triggers and views are dropped and created anew, so they always match this version.
 */
export const SEARCH_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS goals_fts USING fts5 (
  title, subtitle, body,
  content="goals", content_rowid="seq",
  tokenize="unicode61 remove_diacritics 0"
);

-- What the index holds: every goal whose row number is at most indexed_through, and no other
-- (one row; goals above it are pending, for output/sqlite/search-index.ts to index in bulk).
CREATE TABLE IF NOT EXISTS search_index_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_through  INTEGER NOT NULL,              -- goals.seq of the last goal indexed in bulk
  pending          INTEGER NOT NULL CHECK (pending = 0 OR pending = 1) -- 1 from a goal written above indexed_through to the next bulk pass
);
INSERT OR IGNORE INTO search_index_state (id, indexed_through, pending) VALUES (1, 0, 0);

-- Triggers are created anew on every open, so a database always has this version's.
DROP TRIGGER IF EXISTS goals_fts_insert;
CREATE TRIGGER goals_fts_insert AFTER INSERT ON goals WHEN new.seq <= (SELECT indexed_through FROM search_index_state) BEGIN
  INSERT INTO goals_fts (rowid, title, subtitle, body) VALUES (new.seq, new.title, new.subtitle, new.body);
END;
-- Whoever writes the goal (this writer, an older one still running, another tool), the next open knows it waits.
DROP TRIGGER IF EXISTS goals_fts_pending;
CREATE TRIGGER goals_fts_pending AFTER INSERT ON goals
  WHEN new.seq > (SELECT indexed_through FROM search_index_state) AND (SELECT pending FROM search_index_state) = 0 BEGIN
  UPDATE search_index_state SET pending = 1;
END;
DROP TRIGGER IF EXISTS goals_fts_delete;
CREATE TRIGGER goals_fts_delete AFTER DELETE ON goals WHEN old.seq <= (SELECT indexed_through FROM search_index_state) BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body) VALUES ('delete', old.seq, old.title, old.subtitle, old.body);
END;
DROP TRIGGER IF EXISTS goals_fts_update;
CREATE TRIGGER goals_fts_update AFTER UPDATE OF seq, title, subtitle, body ON goals BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body)
    SELECT 'delete', old.seq, old.title, old.subtitle, old.body WHERE old.seq <= (SELECT indexed_through FROM search_index_state);
  INSERT INTO goals_fts (rowid, title, subtitle, body)
    SELECT new.seq, new.title, new.subtitle, new.body WHERE new.seq <= (SELECT indexed_through FROM search_index_state);
  UPDATE search_index_state SET pending = 1 WHERE pending = 0 AND new.seq > indexed_through;
END;

-- Every goal with its report, table and section.
DROP VIEW IF EXISTS v_goals;
CREATE VIEW v_goals AS
SELECT r.title AS report_title, r.committee, r.municipality, r.meeting_date, r.period_start, r.period_end,
       r.path AS report_path, g.table_ordinal, t.caption AS table_caption,
       g.section_ordinal, g.section, g.group_name, g.ordinal, g.number, g.title, g.subtitle, g.total,
       g.page_first, g.page_last, g.line_first, g.line_last,
       (SELECT count(*) FROM goal_cells c WHERE c.goal_seq = g.seq) AS cell_count,
       (SELECT count(*) FROM facts f WHERE f.goal_seq = g.seq) AS fact_count,
       (SELECT count(*) FROM series s WHERE s.goal_seq = g.seq) AS series_count,
       g.id AS goal_id, g.key AS goal_key, g.report_id
FROM goals g
JOIN reports r ON r.id = g.report_id
JOIN report_tables t ON t.report_id = g.report_id AND t.ordinal = g.table_ordinal;

-- Money facts with their goal: value (or min/max for a range) in DKK, approx and total (0/1), the scale a bare amount was read with.
DROP VIEW IF EXISTS v_money_facts;
CREATE VIEW v_money_facts AS
SELECT r.title AS report_title, g.table_ordinal, g.section, g.group_name, g.ordinal AS goal_ordinal, g.title AS goal_title,
       f.text, f.value, f.min, f.max, f.currency, f.approx, f.qualifier, f.per,
       f.scale_unit, f.scale_factor, f.scale_from, f.total,
       f.cell, c.label AS column_label, f.field, f.span_start, f.span_end, f.ordinal AS fact_ordinal, g.id AS goal_id, g.report_id
FROM facts f JOIN goals g ON g.seq = f.goal_seq JOIN reports r ON r.id = g.report_id
${columnOfCell('f.cell')}
WHERE f.kind = 'money';

-- Every fact with its report, goal and column: the value normalized (money in DKK, percent, a
-- quantity in its unit), one year for every fact that has a time, and the page it stands on.
-- year: a date's year (NULL for a date without one, "--04-23"), a period's first year, a year
-- fact's year; year_to: a period's last year, else the same as year, so "facts about 2016" is
-- 2016 BETWEEN year AND year_to. column_year: the year the fact's column header names ("Budget
-- 2024"), the time of a bare amount in it.
DROP VIEW IF EXISTS v_facts;
CREATE VIEW v_facts AS
SELECT g.report_id, r.title AS report_title, r.path AS report_path,
       g.table_ordinal, g.section, g.group_name, g.id AS goal_id, g.key AS goal_key, g.ordinal AS goal_ordinal, g.title AS goal_title,
       f.ordinal AS fact_ordinal, f.kind, c.label AS column_label, f.cell, f.field, f.text,
       f.value, f.min, f.max,
       CASE f.kind WHEN 'money' THEN f.currency WHEN 'percent' THEN 'percent' WHEN 'quantity' THEN f.unit END AS unit,
       f.approx, f.qualifier, f.per, f.total,
       f.date, f.period_start, f.period_end, f.grain,
       CASE f.kind
         WHEN 'year' THEN CAST(f.value AS INTEGER)
         WHEN 'date' THEN CASE WHEN f.date GLOB '[0-9][0-9][0-9][0-9]-*' THEN CAST(substr(f.date, 1, 4) AS INTEGER) END
         WHEN 'period' THEN CAST(substr(f.period_start, 1, 4) AS INTEGER)
       END AS year,
       CASE f.kind
         WHEN 'year' THEN CAST(f.value AS INTEGER)
         WHEN 'date' THEN CASE WHEN f.date GLOB '[0-9][0-9][0-9][0-9]-*' THEN CAST(substr(f.date, 1, 4) AS INTEGER) END
         WHEN 'period' THEN CAST(substr(f.period_end, 1, 4) AS INTEGER)
       END AS year_to,
       c.year AS column_year,
       f.page, g.page_first AS goal_page_first, g.page_last AS goal_page_last,
       f.span_start, f.span_end
FROM facts f
JOIN goals g ON g.seq = f.goal_seq
JOIN reports r ON r.id = g.report_id
${columnOfCell('f.cell')};

-- Time series points with their series and goal.
DROP VIEW IF EXISTS v_series_points;
CREATE VIEW v_series_points AS
SELECT r.title AS report_title, g.table_ordinal, g.section, g.group_name, g.ordinal AS goal_ordinal, g.title AS goal_title,
       s.ordinal AS series_ordinal, s.label AS series_label, s.unit, s.cell, c.label AS column_label, s.field,
       p.ordinal AS point_ordinal, p.label, p.point_start, p.point_end, p.value, g.id AS goal_id, g.report_id
FROM series_points p
JOIN series s ON s.goal_seq = p.goal_seq AND s.ordinal = p.series_ordinal
JOIN goals g ON g.seq = p.goal_seq
JOIN reports r ON r.id = g.report_id
${columnOfCell('s.cell')};
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

/**
 * How many of version 4's copies of a column's label and role differ from the column's own (a SQL
 * expression of both stores): the step to version 5 refuses a database where it is not 0 rather
 * than drop a label that is not its column's.
 */
export const DIFFERING_COLUMN_COPIES_SQL = `(SELECT count(*) FROM goal_cells x JOIN goals g ON g.seq = x.goal_seq ${columnOfCell('x.ordinal')}
     WHERE x.label IS DISTINCT FROM c.label OR x.role IS DISTINCT FROM c.role)
  + (SELECT count(*) FROM facts x JOIN goals g ON g.seq = x.goal_seq ${columnOfCell('x.cell')}
     WHERE x.column_label IS DISTINCT FROM c.label)
  + (SELECT count(*) FROM series x JOIN goals g ON g.seq = x.goal_seq ${columnOfCell('x.cell')}
     WHERE x.column_label IS DISTINCT FROM c.label)`;

/**
 * The steps that bring a database of an older version up to `DATABASE_SCHEMA_VERSION`, by the
 * version they start from; `openReportDatabase` runs each in the open's transaction, before the
 * idempotent DDL above (which then creates the views, the index and the triggers of this version).
 * Views, triggers and the full-text index are derived, so a step drops the old ones and the DDL
 * builds them anew; table columns are renamed in place (`ALTER TABLE … RENAME COLUMN`), so no row
 * is copied.
 */
export const MIGRATIONS: Readonly<Record<number, string>> = {
  // 2 → 3: no column names that need quoting; a page per fact; the full-text index over goals
  // itself (goals.body), the one Datasette and sqlite-utils detect; goal keys (the id without its
  // 13-character report prefix, `<12 hex>-`).
  2: `
DROP TRIGGER IF EXISTS goals_fts_delete;
DROP TRIGGER IF EXISTS goals_fts_update_before;
DROP TRIGGER IF EXISTS goals_fts_update_after;
DROP TABLE IF EXISTS goals_fts;
DROP VIEW IF EXISTS v_goals;
DROP VIEW IF EXISTS v_money_facts;
DROP VIEW IF EXISTS v_series_points;
DROP VIEW IF EXISTS goal_search_text;
DROP VIEW IF EXISTS v_goal_cells;
ALTER TABLE facts RENAME COLUMN start TO period_start;
ALTER TABLE facts RENAME COLUMN "end" TO period_end;
ALTER TABLE facts ADD COLUMN page INTEGER;
UPDATE facts SET page = (SELECT g.page_first FROM goals g WHERE g.id = facts.goal_id AND g.page_first = g.page_last);
ALTER TABLE series_points RENAME COLUMN start TO point_start;
ALTER TABLE series_points RENAME COLUMN "end" TO point_end;
ALTER TABLE diagnostics RENAME COLUMN "column" TO column_number;
ALTER TABLE goals ADD COLUMN body TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN key TEXT NOT NULL DEFAULT '';
UPDATE goals SET key = substr(id, 14);
UPDATE goals SET indexed = 0, body = coalesce(
  (SELECT group_concat(coalesce(c.text,
                                (SELECT group_concat(b.text, char(10) ORDER BY b.block, b.item)
                                 FROM cell_blocks b WHERE b.goal_id = c.goal_id AND b.cell = c.ordinal),
                                ''), char(10) ORDER BY c.ordinal)
   FROM goal_cells c WHERE c.goal_id = goals.id AND c.ordinal IS NOT goals.title_cell), '');
`,
  // 3 → 4: the parts of a goal keyed by its row number (goal_seq) instead of its TEXT id, blocks
  // that point into the goal's body instead of copying it, no facts.json (its boxes to fact_boxes),
  // no facts_kind index. The five tables are renamed out of the way (their foreign keys follow),
  // made anew (GOAL_PARTS_SQL, this version's: the columns a later version dropped are added back
  // for this step, and that version's step drops them again; a later version that changes those
  // tables otherwise must keep version 4's DDL here), filled from the old ones and the old ones
  // dropped, children first. A block's place in the body is taken only where the body holds its
  // text there.
  3: `
DROP VIEW IF EXISTS v_goal_cells;
DROP VIEW IF EXISTS v_goals;
DROP VIEW IF EXISTS v_money_facts;
DROP VIEW IF EXISTS v_facts;
DROP VIEW IF EXISTS v_series_points;
DROP INDEX IF EXISTS facts_kind;
ALTER TABLE series_points RENAME TO v3_series_points;
ALTER TABLE series RENAME TO v3_series;
ALTER TABLE facts RENAME TO v3_facts;
ALTER TABLE cell_blocks RENAME TO v3_cell_blocks;
ALTER TABLE goal_cells RENAME TO v3_goal_cells;
${GOAL_PARTS_SQL}
-- Version 4's columns that version 5 dropped (GOAL_PARTS_SQL is version 5's): the next step drops them again.
ALTER TABLE goal_cells ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE goal_cells ADD COLUMN role TEXT NOT NULL DEFAULT '';
ALTER TABLE facts ADD COLUMN column_label TEXT;
ALTER TABLE series ADD COLUMN column_label TEXT;
INSERT INTO goal_cells (goal_seq, ordinal, label, role, text)
  SELECT g.seq, c.ordinal, c.label, c.role, c.text FROM v3_goal_cells c JOIN goals g ON g.id = c.goal_id;
INSERT INTO cell_blocks (goal_seq, cell, block, item, type, text, body_start, body_length)
  WITH cells AS (
    SELECT g.seq, g.body, c.goal_id, c.ordinal, c.text IS NULL AS joined,
           c.ordinal IS NOT g.title_cell AND instr(g.body, char(0)) = 0 AS in_body,
           CASE WHEN c.ordinal IS NOT g.title_cell
                THEN length(coalesce(c.text, (SELECT group_concat(b.text, char(10) ORDER BY b.block, b.item)
                                              FROM v3_cell_blocks b WHERE b.goal_id = c.goal_id AND b.cell = c.ordinal), '')) + 1
                ELSE 0 END AS size
    FROM v3_goal_cells c JOIN goals g ON g.id = c.goal_id
  ), placed AS (
    SELECT seq, body, goal_id, ordinal, joined, in_body,
           1 + sum(size) OVER (PARTITION BY seq ORDER BY ordinal ROWS UNBOUNDED PRECEDING) - size AS cell_start
    FROM cells
  ), blocks AS (
    SELECT p.seq, p.body, p.joined, p.in_body, b.cell, b.block, b.item, b.type, b.text, length(b.text) AS length,
           p.cell_start + sum(length(b.text) + 1) OVER (PARTITION BY p.seq, b.cell ORDER BY b.block, b.item ROWS UNBOUNDED PRECEDING)
             - (length(b.text) + 1) AS start
    FROM v3_cell_blocks b JOIN placed p ON p.goal_id = b.goal_id AND p.ordinal = b.cell
  ), stored AS (
    SELECT *, joined AND in_body AND substr(body, start, length) = text AS in_place FROM blocks
  )
  SELECT seq, cell, block, item, type, CASE WHEN in_place THEN NULL ELSE text END,
         CASE WHEN in_place THEN start END, CASE WHEN in_place THEN length END
  FROM stored ORDER BY seq, cell, block, item;
INSERT INTO facts (goal_seq, ordinal, kind, cell, column_label, field, text, span_start, span_end, value, min, max, date, year_from,
                   period_start, period_end, grain, unit, currency, approx, qualifier, per, scale_unit, scale_factor, scale_from, total, page)
  SELECT g.seq, f.ordinal, f.kind, f.cell, f.column_label, f.field, f.text, f.span_start, f.span_end, f.value, f.min, f.max, f.date, f.year_from,
         f.period_start, f.period_end, f.grain, f.unit, f.currency, f.approx, f.qualifier, f.per, f.scale_unit, f.scale_factor, f.scale_from, f.total, f.page
  FROM v3_facts f JOIN goals g ON g.id = f.goal_id ORDER BY g.seq, f.ordinal;
INSERT INTO fact_boxes (goal_seq, fact_ordinal, ordinal, page, x, y, width, height)
  SELECT g.seq, f.ordinal, b.key + 1, json_extract(b.value, '$.page'), json_extract(b.value, '$.x'), json_extract(b.value, '$.y'),
         json_extract(b.value, '$.width'), json_extract(b.value, '$.height')
  FROM v3_facts f JOIN goals g ON g.id = f.goal_id, json_each(f.json, '$.boxes') b ORDER BY g.seq, f.ordinal, b.key;
INSERT INTO series (goal_seq, ordinal, cell, column_label, field, label, unit, span_start, span_end)
  SELECT g.seq, s.ordinal, s.cell, s.column_label, s.field, s.label, s.unit, s.span_start, s.span_end
  FROM v3_series s JOIN goals g ON g.id = s.goal_id ORDER BY g.seq, s.ordinal;
INSERT INTO series_points (goal_seq, series_ordinal, ordinal, label, point_start, point_end, value)
  SELECT g.seq, p.series_ordinal, p.ordinal, p.label, p.point_start, p.point_end, p.value
  FROM v3_series_points p JOIN goals g ON g.id = p.goal_id ORDER BY g.seq, p.series_ordinal, p.ordinal;
DROP TABLE v3_series_points;
DROP TABLE v3_series;
DROP TABLE v3_facts;
DROP TABLE v3_cell_blocks;
DROP TABLE v3_goal_cells;
`,
  // 4 → 5: a column's label and role stored once, in report_columns. The cells', facts' and
  // series' copies are dropped in place (the views that read them first; the DDL makes them anew,
  // reading report_columns). Every copy equals its column's (the writer took it from there): that
  // is counted first, and a copy that differs fails the step (a CHECK of a temporary table, named
  // as the error to give), which leaves the database at version 4 rather than lose a label.
  4: `
CREATE TEMP TABLE v5_copies (differing INTEGER CONSTRAINT "copies of column labels differ from report_columns: not migrated" CHECK (differing = 0));
INSERT INTO v5_copies SELECT ${DIFFERING_COLUMN_COPIES_SQL};
DROP TABLE v5_copies;
DROP VIEW IF EXISTS v_goal_cells;
DROP VIEW IF EXISTS v_money_facts;
DROP VIEW IF EXISTS v_facts;
DROP VIEW IF EXISTS v_series_points;
ALTER TABLE goal_cells DROP COLUMN label;
ALTER TABLE goal_cells DROP COLUMN role;
ALTER TABLE facts DROP COLUMN column_label;
ALTER TABLE series DROP COLUMN column_label;
`,
  // 5 → 6: what the full-text index holds kept as one row number (search_index_state), not as
  // goals.indexed. The flag, its index and the triggers that read it are dropped, and the index
  // with them: the DDL builds it anew over every goal (as for a database written before it
  // existed), which leaves no goal pending, whatever the flags said.
  5: `
DROP TRIGGER IF EXISTS goals_fts_delete;
DROP TRIGGER IF EXISTS goals_fts_update;
DROP INDEX IF EXISTS goals_unindexed;
DROP TABLE IF EXISTS goals_fts;
ALTER TABLE goals DROP COLUMN indexed;
`,
};

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
  goal_key     TEXT NOT NULL,                  -- the goal's key (goals.key: <table>-<slug>[-n])
  content_hash TEXT NOT NULL,                  -- first 16 hex digits of the sha256 of the goal's cells when decided
  decision     TEXT NOT NULL CHECK (decision IN (${ENUM_VALUES.reviewDecision.map((v) => `'${v}'`).join(', ')})),
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
SELECT g.id AS goal_id, g.report_id, g.key AS goal_key, g.title,
       r.decision, r.note, r.decided_at, r.content_hash, r.carried_from
FROM goals g JOIN reviews r ON r.report_id = g.report_id AND r.goal_key = g.key;
`;
