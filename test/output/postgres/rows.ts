/**
 * What the PostgreSQL and SQLite stores are compared by: the `export` text of `goals` and `facts`
 * (the same bytes from either store), and the rows of every other report table and of the analyst
 * views, in one comparable shape: every column but those that differ by design
 * (`report_paths.seen_at`, the time of the write), sorted. The columns of goals that `export`
 * leaves out as bookkeeping are compared too where they are data (`goals.body`, the search text),
 * but not `goals.seq` (a row number each store counts for itself); the rows of a goal's parts are
 * compared with their goal's id in place of its row number (`goal_seq`).
 */
import type Database from 'better-sqlite3';
import pg from 'pg';
import { ExportFormat, ExportTable } from '../../../output/export.js';
import { exportChunksPg } from '../../../output/postgres/export.js';
import type { PostgresStore } from '../../../output/postgres/open.js';
import { REPORT_TABLES_IN_ORDER, VIEWS } from '../../../output/postgres/schema.js';
import { exportChunks } from '../../../output/sqlite/export.js';

/** Columns left out of the comparison, per table; `goal_seq` everywhere (each store numbers its goals). */
const DIFFERING: Record<string, readonly string[]> = { report_paths: ['seen_at'] };

/** The tables of a goal's parts, each read with its goal's id. */
const GOAL_PARTS = ['goal_cells', 'cell_blocks', 'fact_boxes', 'series', 'series_points'];

/** What is compared by rows: the tables `export` does not write, their bookkeeping columns for the two it does, and the views. */
const ROW_QUERIES: Record<string, string> = {
  ...Object.fromEntries(REPORT_TABLES_IN_ORDER.filter((t) => !(ExportTable.options as readonly string[]).includes(t)).map((t) => [
    t,
    GOAL_PARTS.includes(t) ? `SELECT g.id AS goal_id, x.* FROM ${t} x JOIN goals g ON g.seq = x.goal_seq` : `SELECT * FROM ${t}`,
  ])),
  'goals (body)': 'SELECT id, body FROM goals',
  ...Object.fromEntries(VIEWS.map((v) => [v, `SELECT * FROM ${v}`])),
};

type Rows = Record<string, unknown>[];

function shaped(table: string, rows: Rows): string[] {
  const skip = [...(DIFFERING[table] ?? []), 'goal_seq'];
  return rows
    .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))))
    .sort();
}

/** The rows compared by table (see `ROW_QUERIES`) of a SQLite database, as sorted JSON rows. */
export function sqliteRows(db: Database.Database): Record<string, string[]> {
  return Object.fromEntries(Object.entries(ROW_QUERIES).map(([t, sql]) => [t, shaped(t, db.prepare(sql).all() as Rows)]));
}

/** The rows compared by table of a PostgreSQL database, int8 read as numbers (as the store reads them). */
export async function postgresRows(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser } });
  await client.connect();
  try {
    const out: Record<string, string[]> = {};
    for (const [t, sql] of Object.entries(ROW_QUERIES)) out[t] = shaped(t, (await client.query(sql)).rows as Rows);
    return out;
  } finally {
    await client.end();
  }
}

/** A table's whole `export` text from SQLite. */
export function sqliteExport(db: Database.Database, table: ExportTable, format: ExportFormat): string {
  return [...exportChunks(db, table, format)].join('');
}

/** A table's whole `export` text from PostgreSQL (small fetches, so the text crosses several cursor batches). */
export async function postgresExport(store: PostgresStore, table: ExportTable, format: ExportFormat, rowsPerChunk?: number): Promise<string> {
  let text = '';
  for await (const chunk of exportChunksPg(store, table, format, {}, rowsPerChunk)) text += chunk;
  return text;
}
