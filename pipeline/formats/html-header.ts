/**
 * The header of an HTML table: which rows are header rows and the label of each column. A header is
 * marked up (`<thead>`, a row of `<th>`s) or reads as one: a first row of short labels, such a row with
 * an empty top-left corner over a column of row names ("| Opr. budget | Korr. budget | …"), or a row of
 * labels over a column of amounts ("Mio. kr. | Oprindelig serviceramme | …"). A header may take two
 * rows, group labels spanning columns above the labels of each column; their labels are joined per
 * column ("2025" + "Beløb i t.kr." → "2025 Beløb i t.kr."). A row spanning the whole table above the
 * header names the table.
 */
import { looksLikeHeaderRow } from '../vocabulary/headers.js';
import { coveringCells, rowValues, spansWholeTable, type Grid, type GridCell, type GridRow } from './html-grid.js';

/** Most rows a header is read from. */
const MAX_HEADER_ROWS = 2;
/** Longest text still a column label. */
const MAX_LABEL = 60;
/** Longest label over a column of amounts (such labels often carry the unit: "… (mio. kr.)"). */
const MAX_UNIT_LABEL = 120;

/** An amount or count as a table cell writes it: "2.296,0", "-1.000", "1,75%", "52,6*". */
const AMOUNT = /^[-−–+]?\s*\d[\d.,\s]*(?:%\s*)?\*?$/u;
/** A year on its own: a label over a column of a year's amounts, not an amount. */
const YEAR = /^(?:19|20)\d{2}$/u;
/**
 * A sentence ends in a full stop after a word; an abbreviation ("kr.", "t.kr.", "Nr.") does not count.
 * Tested on a text's last characters (see `endsSentence`).
 */
const SENTENCE_END = /\p{L}{4,}[.!?]$/u;

/** True when a text ends a sentence: only its end is tested, as `\p{L}{4,}` retries a long word from each letter. */
function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text.slice(-12));
}

/** The rows of a table split into title row, header and body. */
export interface HeaderSplit {
  /** A row spanning the whole table above the header: the table's own title. */
  titleRow: GridRow | null;
  headerRows: GridRow[];
  /** One label per grid column, or null when the table has no header. */
  header: string[] | null;
  body: GridRow[];
}

/** Splits a laid-out table into its title row, header rows and body rows; `textOf` is a cell's text on one line. */
export function splitHeader(grid: Grid, textOf: (cell: GridCell) => string): HeaderSplit {
  const { rows, width } = grid;
  const texts = (row: GridRow) => rowValues(row, width, textOf, '').values;
  const headerAt = (start: number): HeaderSplit | null => {
    const count = headerRowCount(rows, start, width, textOf, texts);
    if (count === 0) return null;
    const headerRows = rows.slice(start, start + count);
    return { titleRow: null, headerRows, header: joinLabels(headerRows, width, textOf), body: rows.slice(start + count) };
  };
  if (rows.length > 2 && spansWholeTable(rows[0]!, width)) {
    const below = headerAt(1);
    if (below) return { ...below, titleRow: rows[0]! };
  }
  return headerAt(0) ?? { titleRow: null, headerRows: [], header: null, body: rows.slice() };
}

/** How many rows from `start` make the header (0 when the row there is not a header). */
function headerRowCount(
  rows: readonly GridRow[],
  start: number,
  width: number,
  textOf: (cell: GridCell) => string,
  texts: (row: GridRow) => string[],
): number {
  const first = rows[start];
  // A header heads something: a row must be left below it.
  if (!first || start + 1 >= rows.length) return 0;
  if (!first.headerMarkup && !readsAsHeader(first, rows.slice(start + 1), width, texts)) return 0;
  let count = 1;
  while (count < MAX_HEADER_ROWS && start + count + 1 < rows.length) {
    const next = rows[start + count]!;
    if (spansWholeTable(next, width)) break;
    // Only a row of group labels has a second row under it; a marked-up one needs no reading.
    const joins = groupsColumns(first) && ((first.headerMarkup && next.headerMarkup) || labelsUnder(next, first, width, textOf));
    if (!joins) break;
    count++;
  }
  return count;
}

/** True when an unmarked first row reads as a header over the rows below it. */
function readsAsHeader(row: GridRow, below: readonly GridRow[], width: number, texts: (row: GridRow) => string[]): boolean {
  const labels = texts(row);
  if (looksLikeHeaderRow(labels)) return true;
  const body = below.filter((r) => !spansWholeTable(r, width)).map(texts);
  return emptyCornerHeader(labels, body) || unitHeader(labels, body);
}

/**
 * A row with an empty top-left corner and a label over every other column, above rows that name
 * themselves in the first column: the header of a table of figures.
 */
function emptyCornerHeader(labels: readonly string[], body: readonly string[][]): boolean {
  const rest = labels.slice(1);
  return (
    labels[0] === '' &&
    rest.length > 0 &&
    rest.every((l) => isLabel(l, MAX_LABEL) && !endsSentence(l)) &&
    body.some((cells) => (cells[0] ?? '') !== '')
  );
}

/** A row of labels with some column whose cells below are all amounts where the label is not one. */
function unitHeader(labels: readonly string[], body: readonly string[][]): boolean {
  const filled = labels.filter((l) => l !== '');
  if (filled.length < 2 || !filled.every((l) => isLabel(l, MAX_UNIT_LABEL))) return false;
  return labels.some((label, c) => {
    if (label === '') return false;
    const below = body.map((cells) => cells[c] ?? '').filter((t) => t !== '');
    return below.length > 0 && below.every(isAmount);
  });
}

/** True when some cell of a row spans several columns or rows: group labels over a row of labels. */
function groupsColumns(row: GridRow): boolean {
  return row.cells.some((c) => c.columns > 1 || c.rows > 1);
}

/**
 * True when a row under a grouping header row is its second row of labels: every column holds a
 * label, its own or one carried down from the row above.
 */
function labelsUnder(row: GridRow, above: GridRow, width: number, textOf: (cell: GridCell) => string): boolean {
  const fromAbove = new Set(above.cells);
  return coveringCells(row, width).every((cell) => {
    if (!cell) return false;
    if (fromAbove.has(cell)) return true;
    const text = textOf(cell);
    return isLabel(text, MAX_LABEL) && !endsSentence(text);
  });
}

/** The label of each column: the texts of the header rows' cells over it, top down, each once. */
function joinLabels(headerRows: readonly GridRow[], width: number, textOf: (cell: GridCell) => string): string[] {
  const covers = headerRows.map((row) => coveringCells(row, width));
  const single = headerRows.length === 1;
  return Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    let last: GridCell | null = null;
    for (const cover of covers) {
      const cell = cover[c] ?? null;
      if (!cell || cell === last) continue;
      last = cell;
      // In a one-row header a wide label names its first column; the columns it spans stay unnamed.
      if (single && cell.column !== c) continue;
      const text = textOf(cell);
      if (text !== '' && parts[parts.length - 1] !== text) parts.push(text);
    }
    return parts.join(' ');
  });
}

/** A filled text short enough for a label that is not an amount. */
function isLabel(text: string, max: number): boolean {
  return text !== '' && text.length <= max && !isAmount(text);
}

/** True when a cell's text is an amount or count (a year on its own is not). */
function isAmount(text: string): boolean {
  return AMOUNT.test(text) && !YEAR.test(text.trim());
}
