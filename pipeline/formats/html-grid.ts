/**
 * The grid of an HTML table: its own rows (not those of tables nested in its cells) with colspans and
 * rowspans laid out as the HTML table model does. Spans are clamped to the table: a colspan to 1000
 * columns, a rowspan to the rows left in the table and to the rows that have room for it. A browser
 * pushes a row's cells right of the spans from above, however far; here a row whose cells would end
 * past twice the widest row ends those spans instead, so 2 000 rows of `rowspan="999999999"` cannot
 * make a table 2 000 cells wide. Spans are laid out span by span, never column by column or row by row of a span, so a huge
 * value costs nothing. Columns in which no cell starts (made only by a wide colspan) are dropped.
 */
import type { Element } from 'hast';
import { MAX_TABLE_COLUMNS } from '../vocabulary/table-limits.js';
import { childElements } from './html-tree.js';

/** Widest colspan the HTML table model honours. */
const MAX_COLSPAN = 1000;
/** How many times the widest row of own cells spans from above may push a row's cells out to. */
const SPAN_ROOM = 2;

const ROW_GROUPS: ReadonlySet<string> = new Set(['thead', 'tbody', 'tfoot']);

/** A `<td>`/`<th>` placed in the grid. */
export interface GridCell {
  element: Element;
  /** First grid column it covers. */
  column: number;
  /** Number of grid columns it covers (at least 1). */
  columns: number;
  /** Grid row it starts in, and the number of rows it covers (at least 1). */
  row: number;
  rows: number;
}

/** One `<tr>` of the grid. */
export interface GridRow {
  tr: Element;
  /** The cells that start in this row, left to right. */
  cells: GridCell[];
  /** Cells from rows above whose rowspan covers this row, left to right. */
  carried: GridCell[];
  /** The row stands in `<thead>`, or every cell of it is a `<th>`. */
  headerMarkup: boolean;
}

/** A table laid out: its rows and its width in grid columns. */
export interface Grid {
  rows: GridRow[];
  width: number;
  /**
   * How many columns the table has in the source: more than `width` when it is wider than
   * `MAX_TABLE_COLUMNS`, whose last column then holds the cells of every column from there on.
   */
  sourceWidth: number;
}

/**
 * The `<tr>`s of a table itself, in document order (those of its row groups and any directly in it),
 * each with whether it stands in `<thead>`.
 */
function ownRows(table: Element): { tr: Element; inHead: boolean }[] {
  const rows: { tr: Element; inHead: boolean }[] = [];
  for (const child of childElements(table)) {
    if (child.tagName === 'tr') rows.push({ tr: child, inHead: false });
    else if (ROW_GROUPS.has(child.tagName)) for (const tr of childElements(child, 'tr')) rows.push({ tr, inHead: child.tagName === 'thead' });
  }
  return rows;
}

/** Lays out a table's own rows and cells into grid columns. */
export function layOutGrid(table: Element): Grid {
  const trs = ownRows(table);
  const rows: GridRow[] = [];
  const cellsOf = trs.map(({ tr }) => childElements(tr, 'td', 'th'));
  const rowWidth = (tds: readonly Element[]) => tds.reduce((n, td) => n + spanValue(td.properties.colSpan, MAX_COLSPAN), 0);
  // How far spans from above may push a row's cells: twice the widest row of own cells.
  const room = SPAN_ROOM * cellsOf.reduce((w, tds) => Math.max(w, rowWidth(tds)), 0);
  // Cells of rows above still covering rows below, kept left to right.
  let active: GridCell[] = [];
  trs.forEach(({ tr, inHead }, r) => {
    active = active.filter((c) => c.row + c.rows > r);
    const tds = cellsOf[r]!;
    const own = rowWidth(tds);
    const carried = active.reduce((n, c) => n + c.columns, 0);
    if (own > 0 && carried + own > room) {
      // No room beside the spans from above: they end before this row.
      for (const c of active) c.rows = r - c.row;
      active = [];
    }
    const cells: GridCell[] = [];
    let column = 0;
    let k = 0;
    for (const td of tds) {
      // Skip the columns taken by cells from above.
      while (k < active.length && active[k]!.column <= column) {
        column = Math.max(column, active[k]!.column + active[k]!.columns);
        k++;
      }
      const columns = spanValue(td.properties.colSpan, MAX_COLSPAN);
      // rowspan="0" reaches to the end of the table, as the HTML table model reads it.
      const rowsLeft = trs.length - r;
      cells.push({ element: td, column, columns, row: r, rows: spanValue(td.properties.rowSpan, rowsLeft, rowsLeft) });
      column += columns;
    }
    const headerMarkup = inHead || (tds.length > 0 && tds.every((td) => td.tagName === 'th'));
    rows.push({ tr, cells, carried: active.slice(), headerMarkup });
    active = mergeByColumn(active, cells.filter((c) => c.rows > 1));
  });
  return compactColumns(rows);
}

/** A span attribute as a whole number in [1, max] (1 when it is no number); `zero` is what 0 means, if anything. */
function spanValue(value: unknown, max: number, zero?: number): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  if (!Number.isFinite(n)) return 1;
  if (n === 0 && zero !== undefined) return zero;
  return Math.min(Math.max(1, Math.trunc(n)), max);
}

/** Two lists of cells sorted by column, merged into one. */
function mergeByColumn(a: readonly GridCell[], b: readonly GridCell[]): GridCell[] {
  if (b.length === 0) return a.slice();
  const out: GridCell[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.column <= b[j]!.column)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/**
 * Renumbers the columns so that only those in which some cell starts remain: a colspan wider than
 * the table then covers just the columns that exist. Past `MAX_TABLE_COLUMNS`, every cell stands in
 * the last column (its text is joined there, see `rowValues`).
 */
function compactColumns(rows: GridRow[]): Grid {
  const starts = new Set<number>();
  for (const row of rows) for (const cell of row.cells) starts.add(cell.column);
  const kept = [...starts].sort((a, b) => a - b);
  const index = new Map(kept.map((c, i) => [c, i]));
  const width = Math.min(kept.length, MAX_TABLE_COLUMNS);
  // Each cell starts in one row; the rows it is carried into hold the same object.
  for (const row of rows) {
    for (const cell of row.cells) {
      const first = index.get(cell.column)!;
      const last = countBelow(kept, cell.column + cell.columns);
      cell.column = Math.min(first, width - 1);
      cell.columns = Math.max(1, Math.min(last, width) - cell.column);
    }
  }
  return { rows, width, sourceWidth: kept.length };
}

/** How many sorted values are below `limit`. */
function countBelow(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A row's values, one per grid column: a cell's value in the column it starts in, its copy (marked
 * `spanned`) in the rows below that its rowspan covers, and `empty` in the other columns a span covers
 * and where no cell stands. Cells of the row standing in one column (the last, of a table wider than
 * `MAX_TABLE_COLUMNS`) are joined with a space.
 */
export function rowValues(row: GridRow, width: number, valueOf: (cell: GridCell) => string, empty: string): { values: string[]; spanned: boolean[] } {
  const values = new Array<string>(width).fill(empty);
  const spanned = new Array<boolean>(width).fill(false);
  const taken = new Array<boolean>(width).fill(false);
  for (const cell of row.cells) {
    const value = valueOf(cell);
    const before = values[cell.column]!;
    values[cell.column] = !taken[cell.column] || before === '' ? value : value === '' ? before : `${before} ${value}`;
    taken[cell.column] = true;
  }
  // A cell of this row that overlaps a span from above (a table model error) wins over the span.
  for (const cell of row.carried) {
    if (taken[cell.column]) continue;
    values[cell.column] = valueOf(cell);
    spanned[cell.column] = true;
  }
  return { values, spanned };
}

/** The cell covering each grid column of a row (its own cells' and those carried from above), or null. */
export function coveringCells(row: GridRow, width: number): (GridCell | null)[] {
  const cover = new Array<GridCell | null>(width).fill(null);
  for (const cell of [...row.carried, ...row.cells]) {
    for (let c = cell.column; c < Math.min(width, cell.column + cell.columns); c++) cover[c] = cell;
  }
  return cover;
}

/** True when a row is one cell spanning every column of a table at least two columns wide. */
export function spansWholeTable(row: GridRow, width: number): boolean {
  return width >= 2 && row.carried.length === 0 && row.cells.length === 1 && row.cells[0]!.columns >= width;
}
