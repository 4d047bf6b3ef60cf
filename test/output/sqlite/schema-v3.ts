/**
 * The DDL of a schema-version-3 database exactly as status-ingest created it before version 4 (the
 * report, search, ingest-log and review DDL of `output/sqlite/schema.ts` at commit ad79def, its
 * exports renamed `V3_…`), and a writer of reports into it as that version wrote them
 * (`output/sqlite/rows.ts` and `store.ts` at ad79def), frozen here so the migration to the current
 * version is tested on a database the old code made.
 */
import Database from 'better-sqlite3';
import { Severity } from '../../../schemas/diagnostic.js';
import { AmountScale, DateFact, Fact, FactField, Series } from '../../../schemas/fact.js';
import { Block, ColumnRole, RoleSource, Source, type Goal, type Report } from '../../../schemas/report.js';
import { titleCellIndex } from '../../../output/title-cell.js';
import { ReviewDecision } from '../../../schemas/review.js';

/** The `cell_blocks.type` of a list item: a list block is stored as one row per item. */
const LIST_ITEM_BLOCK_TYPE = 'list_item';

/** The values of `cell_blocks.type`: the schema's block types, with a list stored as its items. */
const CELL_BLOCK_TYPES = Block.options.map(({ shape }) => (shape.type.value === 'list' ? LIST_ITEM_BLOCK_TYPE : shape.type.value));

/** The values of `facts.kind`: the discriminators of the `Fact` union. */
const FACT_KINDS = Fact.options.map(({ shape }) => shape.kind.value);

/** Every CHECK-constrained column of the report tables with the zod enum values it takes (tested one by one). */
const CHECKED_COLUMNS: readonly [table: string, column: string, values: readonly string[]][] = [
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
const V3_REPORT_TABLES_SQL = `
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
  indexed          INTEGER NOT NULL DEFAULT 0,    -- 1 once in the full-text index (output/sqlite/search-index.ts)
  body             TEXT NOT NULL DEFAULT '',      -- the text of the row's other cells (all but title_cell), joined by "\\n": what goals_fts indexes besides title and subtitle
  key              TEXT NOT NULL DEFAULT '',      -- goal key, stable across edits elsewhere in the report (see README); last, as a migration adds it
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
  json         TEXT NOT NULL,                        -- the whole fact, as in the report JSON
  page         INTEGER,                              -- the page the fact stands on; NULL when its goal runs over a page break (where in the row the break falls is not kept)
  PRIMARY KEY (goal_id, ordinal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_kind ON facts (kind);
-- A goal's versions across reports are found by key.
CREATE UNIQUE INDEX IF NOT EXISTS goals_key ON goals (key, report_id);

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
  point_start    TEXT NOT NULL,
  point_end      TEXT NOT NULL,
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
  column_number INTEGER,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;

-- Every cell with its text (rebuilt from its blocks where goal_cells.text is NULL). The blocks are
-- put in order by an ordered subquery, which SQLite keeps for group_concat, rather than by
-- group_concat(… ORDER BY …): views stored in the file must read in SQLite before 3.44 too
-- (Datasette and sqlite-utils run on the Python's SQLite, 3.40 on Debian 12), which refuses the
-- whole database otherwise ("malformed database schema").
DROP VIEW IF EXISTS v_goal_cells;
CREATE VIEW v_goal_cells AS
SELECT c.goal_id, c.ordinal, c.label, c.role,
       coalesce(c.text,
                (SELECT group_concat(t.text, char(10))
                 FROM (SELECT b.text FROM cell_blocks b WHERE b.goal_id = c.goal_id AND b.cell = c.ordinal ORDER BY b.block, b.item) t),
                '') AS text
FROM goal_cells c;
`;

/**
 * The DDL of the full-text index over goals (FTS5), its triggers and the analyst views; it runs after
 * `V3_REPORT_TABLES_SQL`. `goals_fts` is an external-content table over `goals` itself (its `title`,
 * `subtitle` and `body`), keyed by `goals.seq` (an INTEGER PRIMARY KEY, so the rowid, which VACUUM
 * never renumbers); what enters it is `output/sqlite/search-index.ts`'s job. The declaration is
 * written `content="goals"`, exactly so: Datasette and sqlite-utils find a table's index by matching
 * `content="<table>"` (or `content=[<table>]`) in the stored CREATE statement, and then offer
 * search on `goals` (see README). Triggers take a deleted (also by cascade from `reports`) or edited
 * goal out of the index with the values it was indexed with (FTS5 must be told them). The tokenizer
 * is unicode61 with `remove_diacritics 0`, so æ, ø and å stay letters of their own ("sø" ≠ "so");
 * case is folded. Prefix queries (`sygefravær*`) work without prefix indexes, which would make every
 * ingest about twice as slow to write for a faster search that is already fast at this size.
 * Triggers and views are dropped and created anew, so they always match this version.
 */
const V3_SEARCH_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS goals_fts USING fts5 (
  title, subtitle, body,
  content="goals", content_rowid="seq",
  tokenize="unicode61 remove_diacritics 0"
);

CREATE INDEX IF NOT EXISTS goals_unindexed ON goals (seq) WHERE indexed = 0;

-- Triggers are created anew on every open, so a database always has this version's.
DROP TRIGGER IF EXISTS goals_fts_delete;
CREATE TRIGGER goals_fts_delete AFTER DELETE ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body) VALUES ('delete', old.seq, old.title, old.subtitle, old.body);
END;
DROP TRIGGER IF EXISTS goals_fts_update;
CREATE TRIGGER goals_fts_update AFTER UPDATE OF seq, title, subtitle, body ON goals WHEN old.indexed = 1 BEGIN
  INSERT INTO goals_fts (goals_fts, rowid, title, subtitle, body) VALUES ('delete', old.seq, old.title, old.subtitle, old.body);
  INSERT INTO goals_fts (rowid, title, subtitle, body) VALUES (new.seq, new.title, new.subtitle, new.body);
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
       f.cell, f.column_label, f.field, f.span_start, f.span_end, f.ordinal AS fact_ordinal, f.goal_id, g.report_id
FROM facts f JOIN goals g ON g.id = f.goal_id JOIN reports r ON r.id = g.report_id
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
       f.ordinal AS fact_ordinal, f.kind, f.column_label, f.cell, f.field, f.text,
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
JOIN goals g ON g.id = f.goal_id
JOIN reports r ON r.id = g.report_id
LEFT JOIN report_columns c ON c.report_id = g.report_id AND c.table_ordinal = g.table_ordinal AND c.ordinal = f.cell + 1;

-- Time series points with their series and goal.
DROP VIEW IF EXISTS v_series_points;
CREATE VIEW v_series_points AS
SELECT r.title AS report_title, g.table_ordinal, g.section, g.group_name, g.ordinal AS goal_ordinal, g.title AS goal_title,
       s.ordinal AS series_ordinal, s.label AS series_label, s.unit, s.cell, s.column_label, s.field,
       p.ordinal AS point_ordinal, p.label, p.point_start, p.point_end, p.value, p.goal_id, g.report_id
FROM series_points p
JOIN series s ON s.goal_id = p.goal_id AND s.ordinal = p.series_ordinal
JOIN goals g ON g.id = p.goal_id
JOIN reports r ON r.id = g.report_id;
`;

/** The DDL of the ingest log: one row per ingest run (`ingest_runs`) and one per failed file (`quarantine`). */
const V3_INGEST_LOG_SQL = `
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
const V3_REVIEWS_SQL = `
CREATE TABLE IF NOT EXISTS reviews (
  report_id    TEXT NOT NULL,                  -- the report the decision belongs to (sha256 of its source)
  goal_key     TEXT NOT NULL,                  -- the goal's key (goals.key: <table>-<slug>[-n])
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
SELECT g.id AS goal_id, g.report_id, g.key AS goal_key, g.title,
       r.decision, r.note, r.decided_at, r.content_hash, r.carried_from
FROM goals g JOIN reviews r ON r.report_id = g.report_id AND r.goal_key = g.key;
`;

/** A fact's page as version 3 stored it: its first box's, else its goal's when the goal lies on one page. */
function factPageV3(goal: Goal, fact: Fact): number | null {
  const boxed = fact.boxes?.[0]?.page;
  if (boxed !== undefined) return boxed;
  const [first, last] = goal.provenance.pages;
  return first === last ? first : null;
}

/**
 * Writes a report into a version-3 database as status-ingest did before version 4 (the rows of
 * `reportRows` at ad79def, one transaction, its goals indexed at once), its path seen at `seenAt`.
 */
export function writeReportV3(db: Database.Database, report: Report, pipelineVersion: string, seenAt: Date): void {
  const run = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values);
  const insert = (table: string, values: unknown[]) => run(`INSERT INTO ${table} VALUES (${values.map(() => '?').join(', ')})`, ...values);
  db.transaction(() => {
    run(`INSERT INTO reports (id, path, format, bytes, pages, title, intro, committee, meeting_date, municipality, period_start,
      period_end, schema_version, table_count, goal_count, error_count, pipeline_version) VALUES (${Array(17).fill('?').join(', ')})`,
      report.id, report.source.path, report.source.format, report.source.bytes, report.source.pages, report.title, report.intro,
      report.committee, report.meetingDate, report.municipality, report.period?.start ?? null, report.period?.end ?? null,
      report.schemaVersion, report.tables.length, report.goals.length, report.diagnostics.filter((d) => d.severity === 'error').length, pipelineVersion);
    for (const t of report.tables) {
      const { pages, lines } = t.provenance;
      insert('report_tables', [report.id, t.ordinal, t.caption, pages[0], pages[1], lines[0], lines[1]]);
      t.columns.forEach((c, i) =>
        insert('report_columns', [report.id, t.ordinal, i + 1, c.role, c.roleFrom, c.label, c.scale?.unit ?? null, c.scale?.factor ?? null, c.scale?.from ?? null, c.year]));
    }
    for (const sec of report.sections) insert('sections', [report.id, sec.table, sec.ordinal, sec.title]);
    const sectionAt = new Map<number, number>();
    for (const goal of report.goals) {
      const own = report.sections.filter((x) => x.table === goal.table && x.title === goal.section);
      const section = goal.section === null ? null : (own.find((x) => x.ordinal >= (sectionAt.get(goal.table) ?? 0)) ?? own[0])?.ordinal ?? null;
      if (section !== null) sectionAt.set(goal.table, section);
      const index = titleCellIndex(goal);
      const titleCell = index >= 0 ? index : null;
      const body = goal.cells.filter((_, i) => i !== titleCell).map((c) => c.text).join('\n');
      const { pages, lines } = goal.provenance;
      run(`INSERT INTO goals (id, key, report_id, table_ordinal, ordinal, number, section_ordinal, section, group_name, title, subtitle, total,
        title_cell, page_first, page_last, line_first, line_last, body) VALUES (${Array(18).fill('?').join(', ')})`,
        goal.id, goal.key, report.id, goal.table, goal.ordinal, goal.number, section, goal.section, goal.group, goal.title,
        goal.subtitle, goal.total ? 1 : 0, titleCell, pages[0], pages[1], lines[0], lines[1], body);
      goal.cells.forEach((cell, ci) => {
        const blocks = cell.blocks.flatMap((b, block) =>
          b.type === 'list' ? b.items.map((text, item) => [block, item, LIST_ITEM_BLOCK_TYPE, text]) : [[block, 0, b.type, b.text]]);
        insert('goal_cells', [goal.id, ci, cell.label, cell.role, blocks.map((b) => b[3]).join('\n') === cell.text ? null : cell.text]);
        for (const b of blocks) insert('cell_blocks', [goal.id, ci, ...b]);
      });
      goal.facts.forEach((fact, i) => {
        const f = fact as unknown as Record<string, unknown>;
        const num = (k: string) => (typeof f[k] === 'number' ? f[k] : null);
        const str = (k: string) => (typeof f[k] === 'string' ? f[k] : null);
        const bool = (k: string) => (typeof f[k] === 'boolean' ? (f[k] ? 1 : 0) : null);
        const scale = fact.kind === 'money' ? fact.scale : null;
        insert('facts', [
          goal.id, i + 1, fact.kind, fact.cell ?? null, fact.column ?? null, fact.field ?? null, fact.text, fact.span[0], fact.span[1],
          num('value'), num('min'), num('max'), fact.kind === 'date' ? fact.value : null, str('yearFrom'),
          str('start'), str('end'), str('grain'), str('unit'), str('currency'), bool('approx'), str('qualifier'), str('per'),
          scale?.unit ?? null, scale?.factor ?? null, scale?.from ?? null, bool('total'), JSON.stringify(fact), factPageV3(goal, fact),
        ]);
      });
      goal.series.forEach((s, i) => {
        insert('series', [goal.id, i + 1, s.cell ?? null, s.column ?? null, s.field ?? null, s.label, s.unit, s.span[0], s.span[1]]);
        s.points.forEach((p, j) => insert('series_points', [goal.id, i + 1, j + 1, p.label, p.start, p.end, p.value]));
      });
    }
    report.diagnostics.forEach((d, i) =>
      insert('diagnostics', [report.id, i + 1, d.severity, d.code, d.message, JSON.stringify(d.params ?? {}), d.page, d.line, d.column]));
    run('INSERT INTO report_paths (path, report_id, seen_at) VALUES (?, ?, ?)', report.source.path, report.id, seenAt.toISOString());
    run(`INSERT INTO goals_fts (rowid, title, subtitle, body) SELECT seq, title, subtitle, body FROM goals WHERE indexed = 0 AND report_id = ?`, report.id);
    run('UPDATE goals SET indexed = 1 WHERE indexed = 0 AND report_id = ?', report.id);
  })();
}

/** Creates a version-3 database at `path` (WAL, foreign keys on, as version 3 opened it) holding `reports`. */
export function createDatabaseV3(path: string, reports: readonly Report[], seenAt: Date): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(V3_REPORT_TABLES_SQL);
  db.exec(V3_SEARCH_SQL);
  db.exec(V3_INGEST_LOG_SQL);
  db.exec(V3_REVIEWS_SQL);
  db.pragma('user_version = 3');
  for (const report of reports) writeReportV3(db, report, 'v3-test', seenAt);
  db.prepare("INSERT INTO ingest_runs (started_at, finished_at, pipeline_version, files, ingested) VALUES ('2024-01-01T00:00:00Z', '2024-01-01T00:00:01Z', 'v3-test', 1, 1)").run();
  db.close();
}
