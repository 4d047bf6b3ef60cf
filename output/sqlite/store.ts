/**
 * Writing reports to the SQLite store (tables in `schema.ts`, opened by `open.ts`): one row per
 * report, table, column, section, goal, cell, cell block, fact, fact box, series point and
 * diagnostic, tied together by foreign keys that cascade on delete (and that the writer's own
 * deletes follow too, so a batch writes with them off: see `DELETE_REPORT_SQL`). Each report is written in one
 * transaction, and writing a report again (same sha256) replaces it: never a duplicate. Text is
 * stored once: a goal's `body` holds the text of its cells but the title cell (what the full-text
 * index reads, see `searchBody`), and their blocks point into it. The rows themselves are made by
 * `rows.ts` (in a batch, by the parse workers): this module only runs them, giving the report's
 * goals the next row numbers (`goals.seq`) as it binds them.
 *
 * Paths: `report_paths` holds every path a report's bytes were seen at. The same bytes at a second
 * path add a path (`addReportPath`); a path whose bytes changed moves to its new report, and the old
 * report goes when no path holds it any more, or is said to be at its next path when the one its row
 * names moved away. Both writers return these changes (`StoreChanges`), so the JSON files beside the
 * database can follow.
 */
import type { Report } from '../../schemas/report.js';
import { danglingReference, GOAL_KEYED_TABLES, reportRows, type ReportRows } from './rows.js';
import type { Statement } from 'better-sqlite3';
import type { ReportDatabase } from './schema.js';
import { indexPendingGoals } from './search-index.js';

const statementCache = new WeakMap<ReportDatabase, ReturnType<typeof prepareStatements>>();

/** The tables of `ReportRows` (but `reports`), each with its columns in the order of its rows (`rows.ts`). */
const ROW_TABLES = {
  tables: ['report_tables', 'report_id, ordinal, caption, page_first, page_last, line_first, line_last'],
  columns: ['report_columns', 'report_id, table_ordinal, ordinal, role, role_from, label, scale_unit, scale_factor, scale_from, year'],
  sections: ['sections', 'report_id, table_ordinal, ordinal, title'],
  goals: ['goals', `seq, id, key, report_id, table_ordinal, ordinal, number, section_ordinal, section, group_name, title, subtitle, total,
    title_cell, page_first, page_last, line_first, line_last, body`],
  cells: ['goal_cells', 'goal_seq, ordinal, text'],
  blocks: ['cell_blocks', 'goal_seq, cell, block, item, type, text, body_start, body_length'],
  facts: ['facts', `goal_seq, ordinal, kind, cell, field, text, span_start, span_end, value, min, max, date, year_from,
    period_start, period_end, grain, unit, currency, approx, qualifier, per, scale_unit, scale_factor, scale_from, total, page`],
  boxes: ['fact_boxes', 'goal_seq, fact_ordinal, ordinal, page, x, y, width, height'],
  series: ['series', 'goal_seq, ordinal, cell, field, label, unit, span_start, span_end'],
  points: ['series_points', 'goal_seq, series_ordinal, ordinal, label, point_start, point_end, value'],
  diagnostics: ['diagnostics', 'report_id, ordinal, severity, code, message, params, page, line, column_number'],
} as const satisfies Record<Exclude<keyof ReportRows, 'id' | 'path' | 'report'>, readonly [string, string]>;

type RowTable = keyof typeof ROW_TABLES;

/**
 * The most rows one INSERT statement takes. Each execution of a statement has a fixed cost (the call
 * from JavaScript, binding, reset): a table's rows go in in chunks of powers of two up to this, the
 * largest first (132 facts: 4 × 32 + 4), so a report's rows take a few executions of a handful of
 * prepared statements per table (at most one per power of two). Larger statements cost more again
 * (callgrind, rows of 200 seed-like reports, instructions inside SQLite a report: 10.3 million with 16
 * rows at a time, 9.7 million with chunks up to 32, 10.4 million up to 128). The rows go in in their
 * order, so every row is what one-by-one inserts give.
 */
const MAX_ROWS_PER_INSERT = 32;

const insertCache = new WeakMap<ReportDatabase, Map<string, Statement>>();

/** The INSERT of `n` rows into a row table, prepared once per connection. */
function insertOf(db: ReportDatabase, table: RowTable, n: number): Statement {
  let cache = insertCache.get(db);
  if (!cache) insertCache.set(db, (cache = new Map()));
  const key = `${table}:${n}`;
  let statement = cache.get(key);
  if (!statement) {
    const [name, columns] = ROW_TABLES[table];
    const row = `(${columns.split(',').map(() => '?').join(', ')})`;
    statement = db.prepare(`INSERT INTO ${name} (${columns}) VALUES ${Array.from({ length: n }, () => row).join(', ')}`);
    cache.set(key, statement);
  }
  return statement;
}

/** The largest power of two not above `n` (n ≥ 1), at most `MAX_ROWS_PER_INSERT`. */
function chunkSize(n: number): number {
  return Math.min(MAX_ROWS_PER_INSERT, 2 ** Math.floor(Math.log2(n)));
}

/**
 * Inserts a table's rows, in order, in chunks (see `MAX_ROWS_PER_INSERT`). The rows of a goal-keyed
 * table (`GOAL_KEYED_TABLES`) carry their goal's index in the report first; `firstSeq` is added to it
 * (the rows themselves are left as they are: a write that fails may be tried again with them).
 * The values are bound as arguments of their own, not as arrays: better-sqlite3 reads an array's
 * elements one property lookup at a time, which cost a sixth of the write.
 */
function insertRows(db: ReportDatabase, table: RowTable, rows: readonly unknown[][], firstSeq: number): void {
  const base = GOAL_KEYED_TABLES.has(table) ? firstSeq : null;
  for (let i = 0; i < rows.length; ) {
    const n = chunkSize(rows.length - i);
    const end = i + n;
    const values: unknown[] = [];
    for (let r = i; r < end; r++) {
      const row = rows[r]!;
      values.push(base === null ? row[0] : (row[0] as number) + base);
      for (let j = 1; j < row.length; j++) values.push(row[j]);
    }
    insertOf(db, table, n).run(...values);
    i = end;
  }
}

/**
 * The DELETEs that take a report out with every row of its parts, children first: what the foreign
 * keys' ON DELETE CASCADE does, done by the writer itself, so that a write does it the same with
 * the foreign keys off (a batch's groups, see `SqliteStore.beginGroup`). Made from `ROW_TABLES`
 * (parents before children, so reversed: children first), so a table added there is deleted too,
 * then the report's paths and its row. Each takes the report id; a goal's parts are found by their
 * goals' row numbers (the primary key's first column).
 */
const DELETE_REPORT_SQL = [
  ...(Object.keys(ROW_TABLES) as RowTable[]).reverse().map((key) => {
    const [table] = ROW_TABLES[key];
    return GOAL_KEYED_TABLES.has(key) && key !== 'goals'
      ? `DELETE FROM ${table} WHERE goal_seq IN (SELECT seq FROM goals WHERE report_id = ?)`
      : `DELETE FROM ${table} WHERE report_id = ?`;
  }),
  'DELETE FROM report_paths WHERE report_id = ?',
  'DELETE FROM reports WHERE id = ?',
];

function prepareStatements(db: ReportDatabase) {
  const deletes = DELETE_REPORT_SQL.map((sql) => db.prepare(sql));
  return {
    /** Deletes a report and all its rows (see `DELETE_REPORT_SQL`). */
    deleteReport: { run: (id: string) => { for (const d of deletes) d.run(id); } },
    reportPath: db.prepare('SELECT path FROM reports WHERE id = ?').pluck(),
    repointReport: db.prepare('UPDATE reports SET path = ? WHERE id = ?'),
    pathOwner: db.prepare('SELECT report_id FROM report_paths WHERE path = ?').pluck(),
    pathsOf: db.prepare('SELECT path, seen_at FROM report_paths WHERE report_id = ?'),
    firstPath: db.prepare('SELECT path FROM report_paths WHERE report_id = ? ORDER BY seen_at, path LIMIT 1').pluck(),
    dropPath: db.prepare('DELETE FROM report_paths WHERE path = ?'),
    addPath: db.prepare('INSERT OR REPLACE INTO report_paths (path, report_id, seen_at) VALUES (?, ?, ?)'),
    // The next goal row number: under the write lock, so no other writer takes it meanwhile.
    nextSeq: db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM goals').pluck(),
    // In `ReportRows.report` order, the write's pipeline version last.
    report: db.prepare(`INSERT INTO reports (id, path, format, bytes, pages, title, intro, committee, meeting_date,
      municipality, period_start, period_end, schema_version, table_count, goal_count, error_count, pipeline_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

function statements(db: ReportDatabase): Statements {
  let s = statementCache.get(db);
  if (!s) {
    s = prepareStatements(db);
    statementCache.set(db, s);
  }
  return s;
}

/** A report and the path its row names (and its JSON file is named after). */
export interface ReportAt {
  id: string;
  path: string;
}

/**
 * What a write did to reports other than the one it wrote, or to the path the written report's row
 * names: `superseded` rows are no longer written from that path (the report is gone because no path
 * holds its bytes any more, or it was written again from another path); `moved` reports stay, but
 * the path their row named now holds other bytes, so their row names their next path, `to`.
 */
export interface StoreChanges {
  superseded: ReportAt[];
  moved: { id: string; from: string; to: string }[];
}

/**
 * Takes `path` from the report that holds it, unless that is `keep`: the report goes when no other
 * path holds it, and its row names its next path when it named this one.
 */
function detachPath(s: Statements, path: string, keep: string, changes: StoreChanges): void {
  const owner = s.pathOwner.get(path) as string | undefined;
  if (owner === undefined || owner === keep) return;
  s.dropPath.run(path);
  const next = s.firstPath.get(owner) as string | undefined;
  const named = s.reportPath.get(owner) as string;
  if (next === undefined) {
    s.deleteReport.run(owner);
    changes.superseded.push({ id: owner, path: named });
  } else if (named === path) {
    s.repointReport.run(next, owner);
    changes.moved.push({ id: owner, from: path, to: next });
  }
}

/**
 * Records that the report `id` (already stored) was seen at `path` too, in one transaction: the path
 * moves from the report it held before, if any (see `StoreChanges`). Writes nothing when `path` is
 * already the report's.
 */
export function addReportPath(db: ReportDatabase, id: string, path: string, seenAt = new Date()): StoreChanges {
  const s = statements(db);
  const changes: StoreChanges = { superseded: [], moved: [] };
  if (s.pathOwner.get(path) === id) return changes;
  db.transaction(() => {
    detachPath(s, path, id, changes);
    s.addPath.run(path, id, seenAt.toISOString());
  }).immediate();
  return changes;
}

/**
 * Writes one report in one transaction, replacing any earlier report with the same id (sha256) but
 * keeping the paths it was seen at; its row names its source path, which it takes from the report
 * that held it before (see `StoreChanges`). Either all of it lands or none of it does. Without
 * `deferSearchIndex` it indexes its goals (and any a stopped batch left pending) in the full-text
 * index; with it, they wait for `indexPendingGoals` (or the next open), but for goals taking row
 * numbers the index counts as in (a deleted report's), which a trigger indexes at once.
 */
export function writeReport(
  db: ReportDatabase,
  report: Report,
  pipelineVersion: string,
  options: { deferSearchIndex?: boolean; seenAt?: Date } = {},
): StoreChanges {
  return writeReportRows(db, reportRows(report), pipelineVersion, options);
}

/** `writeReport` of a report's rows made beforehand (`reportRows`, in a batch's parse worker). */
export function writeReportRows(
  db: ReportDatabase,
  rows: ReportRows,
  pipelineVersion: string,
  options: { deferSearchIndex?: boolean; seenAt?: Date } = {},
): StoreChanges {
  const s = statements(db);
  const { id, path } = rows;
  const write = db.transaction((): StoreChanges => {
    const changes: StoreChanges = { superseded: [], moved: [] };
    detachPath(s, path, id, changes);
    const named = s.reportPath.get(id) as string | undefined;
    if (named !== undefined && named !== path) changes.superseded.push({ id, path: named });
    // The delete takes the paths with the old row; the same bytes are still at all of them.
    const paths = s.pathsOf.all(id) as { path: string; seen_at: string }[];
    if (named !== undefined) s.deleteReport.run(id);
    s.report.run(...rows.report, pipelineVersion);
    // The report's goals take the next row numbers, in report order (goals.seq; their children's goal_seq).
    const firstSeq = s.nextSeq.get() as number;
    // Parents before children, as the foreign keys want them; with the foreign keys off (a batch's
    // group), the rows reference their parents by construction (`reportRows`), checked here where
    // they depend on the report's data.
    const dangling = danglingReference(rows);
    if (dangling) throw new Error(`FOREIGN KEY constraint failed: ${dangling}`);
    for (const table of Object.keys(ROW_TABLES) as RowTable[]) insertRows(db, table, rows[table], firstSeq);
    for (const p of paths) s.addPath.run(p.path, id, p.seen_at);
    if (!paths.some((p) => p.path === path)) s.addPath.run(path, id, (options.seenAt ?? new Date()).toISOString());
    // A batch indexes its goals in bulk later (see ingestSources); a single write indexes them now,
    // with any a stopped batch left pending (the index holds the goals up to a row number).
    if (!options.deferSearchIndex) indexPendingGoals(db);
    return changes;
  });
  return write.immediate();
}
