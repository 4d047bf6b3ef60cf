/**
 * One item table of an HTML document read into the shared `RawTable`: its caption and context, its
 * header, and its body rows with the cells' inner HTML as written. A cell a rowspan carries down is
 * copied into the rows it covers (and marked `spanned`); a row that is one cell across the table is a
 * section row when it reads as a heading; rows repeating the header and rows with no text are dropped.
 */
import type { Element } from 'hast';
import type { LocatedText, RawRow, RawTable } from '../types.js';
import { CellParser } from '../cells/cell-parser.js';
import { normaliseHeader, repeatsHeader } from '../vocabulary/headers.js';
import { isSectionText } from '../vocabulary/sections.js';
import { proseAbove } from './html-caption.js';
import { rowValues, spansWholeTable, type GridCell, type GridRow } from './html-grid.js';
import { splitHeader } from './html-header.js';
import { innerHtml } from './html-source.js';
import type { ItemTable } from './html-tables.js';
import { childElements, linesOf, textOf } from './html-tree.js';
import { oneLine, type Prose, type ProseLine } from './html-prose.js';

/** A table read, with the caption line it took from the prose above it (left out of the intro). */
export interface ReadTable {
  table: RawTable;
  captionLine: ProseLine | null;
}

/**
 * Reads an item table. `source` is the document text (cells are cut from it), `cut` the tables read
 * on their own, `prose` the paragraphs of the table's scope (where its caption line stands), `parser`
 * reads the cells into blocks (once, for the stages after the format too).
 */
export function readItemTable(item: ItemTable, source: string, cut: ReadonlySet<Element>, prose: Prose, parser = new CellParser()): ReadTable {
  const { grid } = item;
  const cells = new Map<GridCell, { html: string; text: string }>();
  const contentOf = (cell: GridCell) => {
    let content = cells.get(cell);
    if (!content) {
      const html = innerHtml(cell.element, source, cut);
      // The visible text on one line (line breaks are white space that folding makes one space).
      content = { html, text: parser.line(html) };
      cells.set(cell, content);
    }
    return content;
  };
  const textOfCell = (cell: GridCell) => contentOf(cell).text;

  const split = splitHeader(grid, textOfCell);
  const rows: RawRow[] = [];
  for (const row of split.body) {
    const { values: texts } = rowValues(row, grid.width, textOfCell, '');
    if (texts.every((t) => t === '')) continue;
    // A header repeated in the body has cells of its own; a row a rowspan reaches into is a row of items.
    const ownCells = row.carried.length === 0;
    if (split.header && ownCells && mayRepeatHeader(texts, split.header) && repeatsHeader(texts, split.header)) continue;
    const { values, spanned } = rowValues(row, grid.width, (c) => contentOf(c).html, '');
    const lines = rowLines(row);
    const raw: RawRow = { cells: values, page: 1, line: lines.line, endLine: lines.endLine, breakBefore: false, spanned };
    if (spansWholeTable(row, grid.width) && isSectionText(texts[0] ?? '', { anyCase: true })) raw.section = true;
    rows.push(raw);
  }

  const above = proseAbove(prose, item.element);
  const captionElement = childElements(item.element, 'caption')[0];
  const captionText = captionElement ? textOf(captionElement) : '';
  let caption: LocatedText | null = null;
  let captionLine: ProseLine | null = null;
  if (captionElement && captionText !== '') {
    caption = { text: captionText, page: 1, line: linesOf(captionElement)?.line ?? 1 };
  } else if (split.titleRow) {
    caption = { text: textOfCell(split.titleRow.cells[0]!), page: 1, line: rowLines(split.titleRow).line };
  } else if (above.caption) {
    caption = { text: oneLine(above.caption), page: 1, line: above.caption.line };
    captionLine = above.caption;
  }

  const headerRow = split.headerRows[0];
  return {
    table: {
      caption,
      context: above.context ? oneLine(above.context) : null,
      header: split.header,
      headerLine: headerRow ? rowLines(headerRow).line : null,
      rows,
    },
    captionLine,
  };
}

/**
 * A quick look before the full comparison, which normalises every cell: a row repeating the header
 * opens with one of its labels, in the same column or as the header's first.
 */
function mayRepeatHeader(texts: readonly string[], header: readonly string[]): boolean {
  const at = texts.findIndex((t) => t !== '');
  if (at < 0) return false;
  const first = normaliseHeader(texts[at]!);
  return first === normaliseHeader(header[at] ?? '') || first === normaliseHeader(header.find((h) => h !== '') ?? '');
}

/** The source lines of a row's `<tr>` (an implied `<tr>` has its cells' lines). */
function rowLines(row: GridRow): { line: number; endLine: number } {
  return linesOf(row.tr) ?? { line: 1, endLine: 1 };
}
