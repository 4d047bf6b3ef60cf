/**
 * Reading a table of a status-ingest database for `export` (what is exported, and how it is written
 * as text, is `output/export.ts`): the rows streamed in export order by SQLite itself, so memory stays
 * flat however large the table.
 */
import { EXPORT_SPECS, exportHeader, exportSource, exportText, shapeExportRow, type ExportFormat, type ExportRow, type ExportTable, type ExportTextOptions } from '../export.js';
import type { ReportDatabase } from './schema.js';

/** The query that reads a table's export: its columns in export order, its rows by the export's key. */
export function exportQuery(table: ExportTable): string {
  const spec = EXPORT_SPECS[table];
  const select = spec.columns.map((c) => (exportSource(spec, c.name) === c.name ? c.name : `${exportSource(spec, c.name)} AS ${c.name}`));
  return `SELECT ${select.join(', ')} FROM ${spec.from} ORDER BY ${spec.orderBy.map((name) => exportSource(spec, name)).join(', ')}`;
}

/** The rows of a table's export, one at a time, in export order. */
export function* exportRows(db: ReportDatabase, table: ExportTable): Generator<ExportRow> {
  const spec = EXPORT_SPECS[table];
  for (const row of db.prepare(exportQuery(table)).iterate()) yield shapeExportRow(spec, row as Record<string, unknown>);
}

/** Rows per piece of text `exportChunks` yields: enough to keep writes few, few enough to keep memory small. */
const ROWS_PER_CHUNK = 1000;

/** A table's export as text, piece by piece: the header (CSV), then the rows in export order, `rowsPerChunk` at a time. */
export function* exportChunks(
  db: ReportDatabase,
  table: ExportTable,
  format: ExportFormat,
  options: ExportTextOptions = {},
  rowsPerChunk = ROWS_PER_CHUNK,
): Generator<string> {
  const spec = EXPORT_SPECS[table];
  const header = exportHeader(spec, format, options);
  if (header) yield header;
  let rows: ExportRow[] = [];
  for (const row of exportRows(db, table)) {
    rows.push(row);
    if (rows.length >= rowsPerChunk) {
      yield exportText(spec, format, rows, options);
      rows = [];
    }
  }
  if (rows.length) yield exportText(spec, format, rows, options);
}
