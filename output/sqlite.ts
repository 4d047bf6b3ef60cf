/**
 * The SQLite store (better-sqlite3). One row per report, section, goal, cell block, fact, series
 * point and diagnostic, tied together by foreign keys that cascade on delete. WAL journal; the
 * schema version is `PRAGMA user_version`. Each report is written in one transaction, and writing a
 * report again (same sha256, or a changed file at the same path) replaces it: never a duplicate.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SCHEMA_VERSION, type Cell, type Report } from '../schemas/report.js';
import type { Fact } from '../schemas/fact.js';
import { INGEST_LOG_SQL } from './ingest-log.js';
import { ensureSearchIndex, indexPendingGoals } from './sqlite-search.js';

/** An open status-ingest database. */
export type ReportDatabase = Database.Database;

/** The DDL of the store; `README.md` documents each table. */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS reports (
  id               TEXT PRIMARY KEY,              -- sha256 of the source bytes
  path             TEXT NOT NULL,                 -- source path, relative to where ingest ran
  format           TEXT NOT NULL CHECK (format IN ('text', 'html', 'pdf')),
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
  role      TEXT NOT NULL CHECK (role IN ('goal', 'initiatives', 'results', 'other')),
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
  indexed          INTEGER NOT NULL DEFAULT 0,    -- 1 once in the full-text index (output/sqlite-search.ts)
  UNIQUE (report_id, ordinal),
  FOREIGN KEY (report_id, section_ordinal) REFERENCES sections (report_id, ordinal) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS cell_blocks (
  goal_id TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  cell    TEXT NOT NULL,                             -- 'initiatives', 'results', or 'extra:N' (goal.extra[N])
  block   INTEGER NOT NULL,                          -- 0-based block index in the cell
  item    INTEGER NOT NULL,                          -- 0-based list item index; 0 for other blocks
  type    TEXT NOT NULL CHECK (type IN ('paragraph', 'heading', 'list_item')),
  text    TEXT NOT NULL,
  PRIMARY KEY (goal_id, cell, block, item)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS facts (
  goal_id    TEXT NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  ordinal    INTEGER NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('money', 'percent', 'date', 'period', 'year', 'quantity')),
  "column"   TEXT NOT NULL CHECK ("column" IN ('title', 'subtitle', 'initiatives', 'results')),
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
  severity  TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  code      TEXT NOT NULL,
  message   TEXT NOT NULL,
  page      INTEGER,
  line      INTEGER,
  "column"  INTEGER,
  PRIMARY KEY (report_id, ordinal)
) WITHOUT ROWID;
`;

/** Raised when a database was written by an incompatible version of status-ingest. */
export class DatabaseVersionError extends Error {
  constructor(path: string, found: number) {
    super(`${path}: database schema version ${found}; this status-ingest reads and writes version ${SCHEMA_VERSION}`);
    this.name = 'DatabaseVersionError';
  }
}

/** Opens (creating if needed) a status-ingest database: WAL, foreign keys on, busy timeout for concurrent writers. */
export function openReportDatabase(path: string): ReportDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0 && version !== SCHEMA_VERSION) {
    db.close();
    throw new DatabaseVersionError(path, version);
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(SCHEMA_SQL);
    ensureSearchIndex(db);
    db.exec(INGEST_LOG_SQL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    db.close();
    throw error;
  }
  return db;
}

const statementCache = new WeakMap<ReportDatabase, ReturnType<typeof prepareStatements>>();

function prepareStatements(db: ReportDatabase) {
  return {
    deleteReport: db.prepare('DELETE FROM reports WHERE id = ? OR path = ?'),
    report: db.prepare(`INSERT INTO reports (id, path, format, bytes, pages, title, intro, committee, period_start,
      period_end, schema_version, pipeline_version, goal_count, error_count)
      VALUES (@id, @path, @format, @bytes, @pages, @title, @intro, @committee, @period_start, @period_end,
      @schema_version, @pipeline_version, @goal_count, @error_count)`),
    column: db.prepare('INSERT INTO report_columns (report_id, ordinal, role, label) VALUES (?, ?, ?, ?)'),
    section: db.prepare('INSERT INTO sections (report_id, ordinal, title) VALUES (?, ?, ?)'),
    goal: db.prepare(`INSERT INTO goals (id, report_id, ordinal, number, section_ordinal, section, title, subtitle,
      initiatives, results, page_first, page_last, line_first, line_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    block: db.prepare('INSERT INTO cell_blocks (goal_id, cell, block, item, type, text) VALUES (?, ?, ?, ?, ?, ?)'),
    fact: db.prepare(`INSERT INTO facts (goal_id, ordinal, kind, "column", text, span_start, span_end, value, min, max,
      date, start, "end", grain, unit, currency, approx, qualifier, per, json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    series: db.prepare(`INSERT INTO series (goal_id, ordinal, "column", label, unit, span_start, span_end)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    point: db.prepare(`INSERT INTO series_points (goal_id, series_ordinal, ordinal, label, start, "end", value)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    diagnostic: db.prepare(`INSERT INTO diagnostics (report_id, ordinal, severity, code, message, page, line, "column")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}

function statements(db: ReportDatabase) {
  let s = statementCache.get(db);
  if (!s) {
    s = prepareStatements(db);
    statementCache.set(db, s);
  }
  return s;
}

/** The values of a fact row, in `facts` column order: typed values spread over the columns that fit them, plus the whole fact as JSON. */
function factRow(goalId: string, ordinal: number, fact: Fact): unknown[] {
  const f = fact as unknown as Record<string, unknown>;
  const num = (k: string) => (typeof f[k] === 'number' ? f[k] : null);
  const str = (k: string) => (typeof f[k] === 'string' ? f[k] : null);
  const approx = typeof f.approx === 'boolean' ? (f.approx ? 1 : 0) : null;
  return [
    goalId, ordinal, fact.kind, fact.column ?? 'results', fact.text, fact.span[0], fact.span[1],
    num('value'), num('min'), num('max'), fact.kind === 'date' ? fact.value : null,
    str('start'), str('end'), str('grain'), str('unit'), str('currency'), approx, str('qualifier'), str('per'),
    JSON.stringify(fact),
  ];
}

/**
 * Writes one report in one transaction, replacing any earlier report with the same id (sha256) or
 * the same source path. Either all of it lands or none of it does. With `deferSearchIndex` its goals
 * wait for `indexPendingGoals` (or the next open) to enter the full-text index.
 */
export function writeReport(
  db: ReportDatabase,
  report: Report,
  pipelineVersion: string,
  options: { deferSearchIndex?: boolean } = {},
): void {
  const s = statements(db);
  const write = db.transaction(() => {
    s.deleteReport.run(report.id, report.source.path);
    s.report.run({
      id: report.id,
      path: report.source.path,
      format: report.source.format,
      bytes: report.source.bytes,
      pages: report.source.pages,
      title: report.title,
      intro: report.intro,
      committee: report.committee,
      period_start: report.period?.start ?? null,
      period_end: report.period?.end ?? null,
      schema_version: report.schemaVersion,
      pipeline_version: pipelineVersion,
      goal_count: report.goals.length,
      error_count: report.diagnostics.filter((d) => d.severity === 'error').length,
    });
    report.columns.forEach((c, i) => s.column.run(report.id, i + 1, c.role, c.label));
    for (const sec of report.sections) s.section.run(report.id, sec.ordinal, sec.title);
    let currentSection: number | null = null;
    for (const goal of report.goals) {
      // Goals name their section by title; sections come in document order, so a goal belongs to the
      // first section with its title at or after the current one.
      if (goal.section !== null) {
        const next = report.sections.find((x) => x.title === goal.section && x.ordinal >= (currentSection ?? 0));
        currentSection = next?.ordinal ?? report.sections.find((x) => x.title === goal.section)?.ordinal ?? null;
      }
      s.goal.run(
        goal.id, report.id, goal.ordinal, goal.number, goal.section === null ? null : currentSection, goal.section, goal.title,
        goal.subtitle, goal.initiatives.text, goal.results.text,
        goal.provenance.pages[0], goal.provenance.pages[1], goal.provenance.lines[0], goal.provenance.lines[1],
      );
      const cells: [string, Cell][] = [
        ['initiatives', goal.initiatives],
        ['results', goal.results],
        ...goal.extra.map((c, i): [string, Cell] => [`extra:${i}`, c]),
      ];
      for (const [cell, { blocks }] of cells) {
        blocks.forEach((b, bi) => {
          if (b.type === 'list') b.items.forEach((item, ii) => s.block.run(goal.id, cell, bi, ii, 'list_item', item));
          else s.block.run(goal.id, cell, bi, 0, b.type, b.text);
        });
      }
      goal.facts.forEach((f, i) => s.fact.run(factRow(goal.id, i + 1, f)));
      goal.series.forEach((ser, i) => {
        s.series.run(goal.id, i + 1, ser.column ?? null, ser.label, ser.unit, ser.span[0], ser.span[1]);
        ser.points.forEach((p, j) => s.point.run(goal.id, i + 1, j + 1, p.label, p.start, p.end, p.value));
      });
    }
    report.diagnostics.forEach((d, i) =>
      s.diagnostic.run(report.id, i + 1, d.severity, d.code, d.message, d.page, d.line, d.column),
    );
    // A batch indexes its goals in bulk later (see ingestSources); a single write indexes them now.
    if (!options.deferSearchIndex) indexPendingGoals(db, report.id);
  });
  write.immediate();
}
