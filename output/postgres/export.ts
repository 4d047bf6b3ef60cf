/**
 * Reading a table of the PostgreSQL store for `export` (what is exported, and how it is written as
 * text, is `output/export.ts`, as for SQLite): the rows read through a cursor, a batch at a time, in
 * the order SQLite gives them (`compareExportRows`), so memory stays flat however large the table
 * and the same reports export the same bytes from either store.
 */
import { EXPORT_SPECS, exportHeader, exportSource, exportText, shapeExportRow, type ExportFormat, type ExportTable, type ExportTextOptions } from '../export.js';
import { postgresError, type PostgresStore } from './open.js';

/**
 * The query that reads a table's export: its columns in export order, its rows by the export's key
 * as SQLite orders them. Text by code point (`COLLATE "C"`: byte order of UTF-8, SQLite's BINARY,
 * where the database's own collation would order by language) and NULL first (SQLite's way;
 * PostgreSQL puts NULL last by default).
 */
export function exportQueryPg(table: ExportTable): string {
  const spec = EXPORT_SPECS[table];
  const order = spec.orderBy.map((name) => {
    const column = spec.columns.find((c) => c.name === name);
    return `${exportSource(spec, name)}${column?.type === 'text' ? ' COLLATE "C"' : ''} NULLS FIRST`;
  });
  const select = spec.columns.map((c) => (exportSource(spec, c.name) === c.name ? c.name : `${exportSource(spec, c.name)} AS ${c.name}`));
  return `SELECT ${select.join(', ')} FROM ${spec.from} ORDER BY ${order.join(', ')}`;
}

/** Rows per cursor fetch, and so per piece of text: enough to keep round trips few, few enough to keep memory small. */
const ROWS_PER_FETCH = 1000;

/**
 * A table's export as text, piece by piece: the header (CSV), then the rows in export order,
 * `rowsPerChunk` at a time, read through a cursor in one read-only transaction (one snapshot, so a
 * concurrent ingest never shows half its report). Errors of the database are `DatabaseError`s
 * naming the store. Stopping early (a failed write) ends the transaction and frees the connection.
 */
export async function* exportChunksPg(
  store: PostgresStore,
  table: ExportTable,
  format: ExportFormat,
  options: ExportTextOptions = {},
  rowsPerChunk = ROWS_PER_FETCH,
): AsyncGenerator<string> {
  const spec = EXPORT_SPECS[table];
  const header = exportHeader(spec, format, options);
  if (header) yield header;
  const client = await store.pool.connect().catch((error: unknown) => {
    throw postgresError(store.name, error);
  });
  const query = async (sql: string) => {
    try {
      return await client.query(sql);
    } catch (error) {
      throw postgresError(store.name, error);
    }
  };
  let open = false;
  try {
    await query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    await query(`DECLARE export_rows NO SCROLL CURSOR FOR ${exportQueryPg(table)}`);
    for (;;) {
      const { rows } = await query(`FETCH ${Math.max(1, Math.floor(rowsPerChunk))} FROM export_rows`);
      if (rows.length === 0) break;
      yield exportText(spec, format, rows.map((row) => shapeExportRow(spec, row as Record<string, unknown>)), options);
    }
    await query('COMMIT');
    open = false;
  } finally {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}
