/**
 * The rows of the report tables of both stores, in one comparable shape: every column but those that
 * differ by design (`goals.seq`, a row number each store counts for itself; `goals.indexed`, which
 * PostgreSQL sets at once; `report_paths.seen_at`, the time of the write), sorted, so SQLite and
 * PostgreSQL are compared table by table. (After the merge with the export command, its row shaping
 * can replace this.)
 */
import type Database from 'better-sqlite3';
import { REPORT_TABLES_IN_ORDER } from '../../../output/postgres/schema.js';
import { queryRows } from '../../postgres.js';

/** Columns left out of the comparison, per table. */
const DIFFERING: Record<string, readonly string[]> = { goals: ['seq', 'indexed'], report_paths: ['seen_at'] };

type Rows = Record<string, unknown>[];

function shaped(table: string, rows: Rows): string[] {
  const skip = DIFFERING[table] ?? [];
  return rows
    .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k)).sort(([a], [b]) => a.localeCompare(b)))))
    .sort();
}

/** Every report table of a SQLite database, as sorted JSON rows. */
export function sqliteRows(db: Database.Database): Record<string, string[]> {
  return Object.fromEntries(REPORT_TABLES_IN_ORDER.map((t) => [t, shaped(t, db.prepare(`SELECT * FROM ${t}`).all() as Rows)]));
}

/** Every report table of a PostgreSQL database, as sorted JSON rows. */
export async function postgresRows(url: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of REPORT_TABLES_IN_ORDER) out[t] = shaped(t, (await queryRows(url, `SELECT * FROM ${t}`)) as Rows);
  return out;
}
