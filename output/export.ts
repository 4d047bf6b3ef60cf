/**
 * Exporting a table of the store (`goals`, `facts`) for analysts and for comparing two stores: which
 * columns, in which order, rows in which order, each value's type, and the rows as CSV (csv-stringify)
 * or NDJSON (one JSON object per line). Nothing here reads a database: rows come from SQLite
 * (`output/sqlite/export.ts`) or from any store holding the same tables (PostgreSQL), shaped by
 * `shapeExportRow` and put in order by `compareExportRows`, so the same data gives the same bytes
 * whichever store it comes from.
 *
 * The columns are the table's own, less what is a store's bookkeeping rather than data: `goals.seq`
 * (a row number, different in every database) and `goals.body` (the text the full-text index
 * reads, the cells' text); facts name their goal by its id
 * (`goal_id`), where the table keys them by the goal's row number (`goal_seq`), and their column's
 * label (`column_label`), which the table keeps once, in `report_columns`.
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

/** The tables `export` writes. */
export const ExportTable = z.enum(['goals', 'facts']);
/** A table `export` writes. */
export type ExportTable = z.infer<typeof ExportTable>;

/** The formats `export` writes: CSV (a header row, then one row per record) or NDJSON (one JSON object per line). */
export const ExportFormat = z.enum(['csv', 'ndjson']);
/** A format `export` writes. */
export type ExportFormat = z.infer<typeof ExportFormat>;

/** What a column holds: text, a whole number, a real number, or a flag (0/1; a store's booleans become 0/1). */
export type ExportColumnType = 'text' | 'integer' | 'real' | 'flag';

/** A column of an export, by its name in the table. */
export interface ExportColumn {
  name: string;
  type: ExportColumnType;
}

/**
 * What one table's export holds: its columns in order, and the columns (a unique key) its rows are
 * ordered by; where a store reads them (`from`, SQL of both stores) and the expression of a column
 * that is not the table's own (`sources`: a fact's `goal_id` is its goal's id, the facts table
 * keying its rows by the goal's row number).
 */
export interface ExportSpec {
  table: ExportTable;
  columns: readonly ExportColumn[];
  orderBy: readonly string[];
  from: string;
  sources: Readonly<Record<string, string>>;
}

/** The SQL expression a store reads an export column from (see `ExportSpec.sources`). */
export function exportSource(spec: ExportSpec, name: string): string {
  return spec.sources[name] ?? name;
}

/** A value of an exported row: text, a number, or null (SQL NULL). */
export type ExportValue = string | number | null;

/** A row of an export: its values in the spec's column order. */
export type ExportRow = ExportValue[];

const columns = (spec: string): ExportColumn[] =>
  spec
    .trim()
    .split(/\s*,\s*/)
    .map((entry) => {
      const [name, type] = entry.split(':') as [string, ExportColumnType];
      return { name, type };
    });

const FACT_EXPORT_COLUMNS = columns(`goal_id:text, ordinal:integer, kind:text, cell:integer, column_label:text, field:text, text:text,
      span_start:integer, span_end:integer, value:real, min:real, max:real, date:text, year_from:text, period_start:text,
      period_end:text, grain:text, unit:text, currency:text, approx:flag, qualifier:text, per:text, scale_unit:text,
      scale_factor:real, scale_from:text, total:flag, page:integer`);

/** The fact export's columns that are not the facts table's own: the goal's id, the column's label. */
const FACT_SOURCES: Readonly<Record<string, string>> = { goal_id: 'goals.id', column_label: 'report_columns.label' };

/** The export of each table (the column lists follow the table definitions in `output/sqlite/schema.ts`). */
export const EXPORT_SPECS: Readonly<Record<ExportTable, ExportSpec>> = {
  goals: {
    table: 'goals',
    columns: columns(`id:text, report_id:text, table_ordinal:integer, ordinal:integer, number:text, section_ordinal:integer,
      section:text, group_name:text, title:text, subtitle:text, total:flag, title_cell:integer, page_first:integer,
      page_last:integer, line_first:integer, line_last:integer, key:text`),
    orderBy: ['report_id', 'table_ordinal', 'ordinal'],
    from: 'goals',
    sources: {},
  },
  facts: {
    table: 'facts',
    columns: FACT_EXPORT_COLUMNS,
    orderBy: ['goal_id', 'ordinal'],
    // A fact's column label is its column's (`report_columns`), found by the fact's cell.
    from: `facts JOIN goals ON goals.seq = facts.goal_seq
      LEFT JOIN report_columns ON report_columns.report_id = goals.report_id AND report_columns.table_ordinal = goals.table_ordinal
        AND report_columns.ordinal = facts.cell + 1`,
    sources: Object.fromEntries(FACT_EXPORT_COLUMNS.map(({ name }) => [name, FACT_SOURCES[name] ?? `facts.${name}`])),
  },
};

/** Raised for a row whose value does not fit its column's type (a store that holds something else there). */
export class ExportValueError extends Error {
  constructor(table: string, column: string, value: unknown) {
    super(`${table}.${column}: ${JSON.stringify(value) ?? String(value)} is not a value of this column`);
    this.name = 'ExportValueError';
  }
}

function shapeValue(spec: ExportSpec, column: ExportColumn, value: unknown): ExportValue {
  if (value === null || value === undefined) return null;
  if (column.type === 'text') {
    if (typeof value === 'string') return value;
    throw new ExportValueError(spec.table, column.name, value);
  }
  if (column.type === 'flag' && typeof value === 'boolean') return value ? 1 : 0;
  // Drivers give big integers and NUMERIC values as bigint or text (PostgreSQL's int8, numeric).
  const n = typeof value === 'number' ? value : typeof value === 'bigint' || typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || (column.type !== 'real' && !Number.isInteger(n))) throw new ExportValueError(spec.table, column.name, value);
  return n;
}

/** A row of a store (column name → value) as exported: the spec's columns in order, each value of its column's type. */
export function shapeExportRow(spec: ExportSpec, row: Readonly<Record<string, unknown>>): ExportRow {
  return spec.columns.map((column) => shapeValue(spec, column, row[column.name]));
}

/**
 * Orders text as SQLite's BINARY collation does (byte order of UTF-8, which is code point order),
 * not as JavaScript's `<` does (UTF-16 code units, which put U+E000–U+FFFF after the astral planes).
 */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! < b.codePointAt(i)! ? -1 : 1;
  }
  return a.length - b.length;
}

/** Orders two values as SQLite's ORDER BY does: NULL first, then numbers, then text (BINARY). */
function compareValues(a: ExportValue, b: ExportValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  return typeof b === 'number' ? 1 : compareText(a, b);
}

/** The order of an export's rows (by the spec's `orderBy` columns), the order SQLite's `ORDER BY` gives them. */
export function compareExportRows(spec: ExportSpec): (a: ExportRow, b: ExportRow) => number {
  const at = spec.orderBy.map((name) => spec.columns.findIndex((c) => c.name === name));
  return (a, b) => {
    for (const i of at) {
      const order = compareValues(a[i]!, b[i]!);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/** Rows of any store, shaped and put in export order (all in memory: for comparing stores, not for streaming). */
export function shapeExportRows(spec: ExportSpec, rows: Iterable<Readonly<Record<string, unknown>>>): ExportRow[] {
  return Array.from(rows, (row) => shapeExportRow(spec, row)).sort(compareExportRows(spec));
}

/** How exported text is written. */
export interface ExportTextOptions {
  /**
   * For spreadsheets (CSV only): a UTF-8 byte-order mark first, so Excel reads the file as UTF-8, and
   * text that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, tab or CR)
   * prefixed with `'`.
   */
  excel?: boolean;
}

/** The text that opens an export: the CSV header row (after a byte-order mark with `excel`); nothing for NDJSON. */
export function exportHeader(spec: ExportSpec, format: ExportFormat, options: ExportTextOptions = {}): string {
  if (format === 'ndjson') return '';
  return stringify([spec.columns.map((c) => c.name)], { bom: options.excel ?? false });
}

/** Rows of an export as text: CSV records (csv-stringify) or NDJSON lines, each ending in "\n". */
export function exportText(spec: ExportSpec, format: ExportFormat, rows: readonly ExportRow[], options: ExportTextOptions = {}): string {
  if (format === 'ndjson') {
    return rows.map((row) => `${JSON.stringify(Object.fromEntries(spec.columns.map((c, i) => [c.name, row[i]])))}\n`).join('');
  }
  return stringify(rows as ExportValue[][], { escape_formulas: options.excel ?? false });
}
