/**
 * Writing reports to the PostgreSQL store (tables in `schema.ts`): the same rows as the SQLite store
 * writes (`output/sqlite/store.ts`, whose row shapes are used here), one transaction per report, one
 * statement for all its rows (`unnest` of typed arrays per table, in data-modifying CTEs), so a report
 costs a few round trips, not one per row or table.
 *
 * Many writers at once: a write takes transaction-scoped advisory locks on its report id and its
 * path (in one sorted order, so two writers never wait on each other round a circle), and inserts
 * the report `ON CONFLICT (id) DO NOTHING`, so two writers of the same bytes store it once. A
 * report already stored by this pipeline version is kept as it is (idempotent by sha256 and
 * pipeline version) and only gains the path, unless the write is a forced one (`replace`).
 */
import type pg from 'pg';
import type { Report } from '../../schemas/report.js';
import { GOAL_KEYED_TABLES, reportRows, type ReportRows } from '../sqlite/rows.js';
import type { StoreChanges, WriteResult } from '../store.js';
import { TEXT_SEARCH_CONFIG } from './schema.js';


/** A column of an `unnest` insert: its name and its PostgreSQL type. */
type Column = readonly [name: string, type: string];

/** The parts of `ReportRows` that are rows of a table (all but the report's own row, id and path). */
type RowTable = Exclude<keyof ReportRows, 'id' | 'path' | 'report'>;

/**
 * Inserts rows into several tables in one statement (one round trip): an `INSERT … SELECT * FROM
 * unnest(…)` per table, one typed array per column, as data-modifying CTEs. The foreign keys are
 * checked at the end of the statement, when every table's rows are in. The first value of a
 * goal-keyed table's rows (`keyed`) is the goal's index in the report, bound as the goal's row
 * number (`seqs[index]`).
 */
async function insertRows(
  client: pg.ClientBase,
  inserts: readonly { table: string; columns: readonly Column[]; rows: readonly unknown[][]; keyed: boolean }[],
  seqs: readonly number[],
): Promise<void> {
  const params: unknown[][] = [];
  const parts = inserts
    .filter((x) => x.rows.length > 0)
    .map(({ table, columns, rows, keyed }) => {
      const names = columns.map(([c]) => `"${c}"`).join(', ');
      const arrays = columns.map(([, type], i) => {
        params.push(rows.map((r) => (keyed && i === 0 ? seqs[r[0] as number] : r[i] ?? null)));
        return `$${params.length}::${type}[]`;
      });
      return `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays.join(', ')})`;
    });
  if (!parts.length) return;
  const sql = parts.length === 1 ? parts[0]! : `WITH ${parts.slice(0, -1).map((p, i) => `i${i} AS (${p})`).join(',\n')}\n${parts.at(-1)}`;
  await client.query(sql, params);
}

const TABLE_COLUMNS: readonly Column[] = [['report_id', 'text'], ['ordinal', 'int'], ['caption', 'text'], ['page_first', 'int'], ['page_last', 'int'], ['line_first', 'int'], ['line_last', 'int']];
const REPORT_COLUMN_COLUMNS: readonly Column[] = [
  ['report_id', 'text'], ['table_ordinal', 'int'], ['ordinal', 'int'], ['role', 'text'], ['role_from', 'text'], ['label', 'text'],
  ['scale_unit', 'text'], ['scale_factor', 'float8'], ['scale_from', 'text'], ['year', 'int'],
];
const SECTION_COLUMNS: readonly Column[] = [['report_id', 'text'], ['table_ordinal', 'int'], ['ordinal', 'int'], ['title', 'text']];
/** In the order of `reportRows`' goal rows. */
const GOAL_COLUMNS: readonly Column[] = [
  ['seq', 'int8'], ['id', 'text'], ['key', 'text'], ['report_id', 'text'], ['table_ordinal', 'int'], ['ordinal', 'int'], ['number', 'text'], ['section_ordinal', 'int'],
  ['section', 'text'], ['group_name', 'text'], ['title', 'text'], ['subtitle', 'text'], ['total', 'int'], ['title_cell', 'int'],
  ['page_first', 'int'], ['page_last', 'int'], ['line_first', 'int'], ['line_last', 'int'], ['body', 'text'],
];
const CELL_COLUMNS: readonly Column[] = [['goal_seq', 'int8'], ['ordinal', 'int'], ['text', 'text']];
const BLOCK_COLUMNS: readonly Column[] = [
  ['goal_seq', 'int8'], ['cell', 'int'], ['block', 'int'], ['item', 'int'], ['type', 'text'], ['text', 'text'], ['body_start', 'int'], ['body_length', 'int'],
];
/** In the order of `factRow`'s values. */
const FACT_COLUMNS: readonly Column[] = [
  ['goal_seq', 'int8'], ['ordinal', 'int'], ['kind', 'text'], ['cell', 'int'], ['field', 'text'], ['text', 'text'],
  ['span_start', 'int'], ['span_end', 'int'], ['value', 'float8'], ['min', 'float8'], ['max', 'float8'], ['date', 'text'], ['year_from', 'text'],
  ['period_start', 'text'], ['period_end', 'text'], ['grain', 'text'], ['unit', 'text'], ['currency', 'text'], ['approx', 'int'], ['qualifier', 'text'],
  ['per', 'text'], ['scale_unit', 'text'], ['scale_factor', 'float8'], ['scale_from', 'text'], ['total', 'int'], ['page', 'int'],
];
/** In the order of `boxRows`' values. */
const BOX_COLUMNS: readonly Column[] = [
  ['goal_seq', 'int8'], ['fact_ordinal', 'int'], ['ordinal', 'int'], ['page', 'int'], ['x', 'float8'], ['y', 'float8'], ['width', 'float8'], ['height', 'float8'],
];
/** In the order of `seriesRow`'s values. */
const SERIES_COLUMNS: readonly Column[] = [
  ['goal_seq', 'int8'], ['ordinal', 'int'], ['cell', 'int'], ['field', 'text'], ['label', 'text'], ['unit', 'text'],
  ['span_start', 'int'], ['span_end', 'int'],
];
const POINT_COLUMNS: readonly Column[] = [['goal_seq', 'int8'], ['series_ordinal', 'int'], ['ordinal', 'int'], ['label', 'text'], ['point_start', 'text'], ['point_end', 'text'], ['value', 'float8']];
const DIAGNOSTIC_COLUMNS: readonly Column[] = [
  ['report_id', 'text'], ['ordinal', 'int'], ['severity', 'text'], ['code', 'text'], ['message', 'text'], ['params', 'text'], ['page', 'int'], ['line', 'int'], ['column_number', 'int'],
];

/** Takes the advisory locks of a write: on each key, in sorted order (two writers never wait round a circle). */
async function lockKeys(client: pg.ClientBase, keys: readonly string[]): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) AS keys', [keys]);
}

async function one<T>(client: pg.ClientBase, sql: string, params: unknown[]): Promise<T | undefined> {
  return (await client.query(sql, params)).rows[0] as T | undefined;
}

/**
 * Takes `path` from the report that holds it, unless that is `keep`: the report goes when no other
 * path holds it, and its row names its next path when it named this one (as the SQLite store does).
 */
async function detachPath(client: pg.ClientBase, path: string, keep: string, changes: StoreChanges): Promise<void> {
  const owner = (await one<{ report_id: string }>(client, 'SELECT report_id FROM report_paths WHERE path = $1 FOR UPDATE', [path]))?.report_id;
  if (owner === undefined || owner === keep) return;
  await client.query('DELETE FROM report_paths WHERE path = $1', [path]);
  const next = (await one<{ path: string }>(client, 'SELECT path FROM report_paths WHERE report_id = $1 ORDER BY seen_at, path LIMIT 1', [owner]))?.path;
  const named = (await one<{ path: string }>(client, 'SELECT path FROM reports WHERE id = $1', [owner]))?.path;
  if (named === undefined) return;
  if (next === undefined) {
    await client.query('DELETE FROM reports WHERE id = $1', [owner]);
    changes.superseded.push({ id: owner, path: named });
  } else if (named === path) {
    await client.query('UPDATE reports SET path = $1 WHERE id = $2', [next, owner]);
    changes.moved.push({ id: owner, from: path, to: next });
  }
}

const ADD_PATH_SQL = `INSERT INTO report_paths (path, report_id, seen_at) VALUES ($1, $2, $3)
  ON CONFLICT (path) DO UPDATE SET report_id = excluded.report_id, seen_at = excluded.seen_at`;

/** Records that the stored report `id` was seen at `path` too; the caller runs it in a transaction. */
export async function addReportPathIn(client: pg.ClientBase, id: string, path: string, seenAt = new Date()): Promise<StoreChanges> {
  const changes: StoreChanges = { superseded: [], moved: [] };
  await lockKeys(client, [`report:${id}`, `path:${path}`]);
  const owner = (await one<{ report_id: string }>(client, 'SELECT report_id FROM report_paths WHERE path = $1', [path]))?.report_id;
  if (owner === id) return changes;
  await detachPath(client, path, id, changes);
  await client.query(ADD_PATH_SQL, [path, id, seenAt.toISOString()]);
  return changes;
}

/**
 * Writes one report; the caller runs it in a transaction (`PostgresStore` does, retrying a
 * deadlock). Returns what happened to other reports' paths, and whether the report was written or
 * found stored already by this pipeline version (then only its path is added, unless `replace`).
 */
export async function writeReportIn(client: pg.ClientBase, report: Report, pipelineVersion: string, replace: boolean, seenAt = new Date()): Promise<WriteResult> {
  // The same rows as the SQLite store's (`reportRows`), so the two stores cannot drift apart.
  return writeReportRowsIn(client, reportRows(report), pipelineVersion, replace, seenAt);
}

/**
 * `writeReportIn` of a report's rows made beforehand (`reportRows`, in a batch's parse worker, so
 * that the writer neither receives the report's object graph nor makes its rows).
 */
export async function writeReportRowsIn(client: pg.ClientBase, rows: ReportRows, pipelineVersion: string, replace: boolean, seenAt = new Date()): Promise<WriteResult> {
  const { id, path } = rows;
  await lockKeys(client, [`report:${id}`, `path:${path}`]);
  const existing = await one<{ path: string; pipeline_version: string }>(client, 'SELECT path, pipeline_version FROM reports WHERE id = $1 FOR UPDATE', [id]);
  if (existing && existing.pipeline_version === pipelineVersion && !replace) {
    return { ...(await addReportPathIn(client, id, path, seenAt)), outcome: 'existing' };
  }
  const changes: StoreChanges = { superseded: [], moved: [] };
  await detachPath(client, path, id, changes);
  if (existing && existing.path !== path) changes.superseded.push({ id, path: existing.path });
  // The cascade takes the paths with the old row; the same bytes are still at all of them.
  const paths = (await client.query('SELECT path, seen_at FROM report_paths WHERE report_id = $1', [id])).rows as { path: string; seen_at: string }[];
  await client.query('DELETE FROM reports WHERE id = $1', [id]);
  const inserted = await client.query(
    `INSERT INTO reports (id, path, format, bytes, pages, title, intro, committee, meeting_date, municipality, period_start, period_end,
       schema_version, table_count, goal_count, error_count, pipeline_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [...rows.report, pipelineVersion],
  );
  // Under the report's lock no other writer can have inserted it; should one have, its row stands.
  if (inserted.rowCount === 0) return { ...(await addReportPathIn(client, id, path, seenAt)), outcome: 'existing' };

  // The report's goals' row numbers, in report order, from the identity's sequence: unique however
  // many writers take theirs at once (SQLite's writer, alone, counts on from the highest).
  const seqs = rows.goals.length
    ? ((await client.query(`SELECT nextval(pg_get_serial_sequence('goals', 'seq'))::float8 AS seq FROM generate_series(1, $1) ORDER BY 1`, [rows.goals.length]))
        .rows as { seq: number }[]).map((r) => r.seq)
    : [];
  const insert = (table: string, columns: readonly Column[], part: keyof ReportRows & RowTable) => ({ table, columns, rows: rows[part], keyed: GOAL_KEYED_TABLES.has(part) });
  await insertRows(client, [
    insert('report_tables', TABLE_COLUMNS, 'tables'),
    insert('report_columns', REPORT_COLUMN_COLUMNS, 'columns'),
    insert('sections', SECTION_COLUMNS, 'sections'),
    insert('goals', GOAL_COLUMNS, 'goals'),
    insert('goal_cells', CELL_COLUMNS, 'cells'),
    insert('cell_blocks', BLOCK_COLUMNS, 'blocks'),
    insert('facts', FACT_COLUMNS, 'facts'),
    insert('fact_boxes', BOX_COLUMNS, 'boxes'),
    insert('series', SERIES_COLUMNS, 'series'),
    insert('series_points', POINT_COLUMNS, 'points'),
    insert('diagnostics', DIAGNOSTIC_COLUMNS, 'diagnostics'),
  ], seqs);
  // The goals enter the full-text index in the report's own transaction, from the same text the
  // SQLite index reads (goals.title, subtitle and body): title A, subtitle B, the other cells D.
  await client.query(
    `INSERT INTO goals_fts (seq, document)
     SELECT g.seq, setweight(to_tsvector('${TEXT_SEARCH_CONFIG}', g.title), 'A')
                || setweight(to_tsvector('${TEXT_SEARCH_CONFIG}', coalesce(g.subtitle, '')), 'B')
                || setweight(to_tsvector('${TEXT_SEARCH_CONFIG}', g.body), 'D')
     FROM goals g WHERE g.report_id = $1`,
    [id],
  );
  for (const p of paths) await client.query(ADD_PATH_SQL, [p.path, id, p.seen_at]);
  if (!paths.some((p) => p.path === path)) await client.query(ADD_PATH_SQL, [path, id, seenAt.toISOString()]);
  return { ...changes, outcome: 'written' };
}
