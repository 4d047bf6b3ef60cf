/**
 * The text format: tab-separated rows as extracted from a PDF, with page breaks shown as runs of
 * blank lines or form feeds. A title line and intro come before the header row.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { LocatedText, RawRow } from '../types.js';
import { textCharsOfMarkup } from '../cells/markup.js';
import type { SizedDocument } from './source-size.js';
import { looksLikeHeaderRow, sameHeader } from '../vocabulary/headers.js';
import { isRunningHeaderOrFooter } from '../vocabulary/furniture.js';

/** A source line with its page and 1-based line number; `breakBefore` marks a page break (or gap) right before it. */
export interface PagedLine {
  text: string;
  page: number;
  line: number;
  breakBefore: boolean;
}

/** How many blank lines in a row count as a page break (a form feed always does). */
const PAGE_BREAK_BLANK_LINES = 2;

/**
 * Splits text into non-blank lines with page numbers. A run of two or more blank lines or a form
 * feed starts a new page; a single blank line is a gap (`breakBefore`) on the same page.
 */
export function splitPagedLines(text: string): PagedLine[] {
  const out: PagedLine[] = [];
  const raw = text.split(/\r\n|\r|\n/);
  let page = 1;
  let blankRun = 0;
  let formFeed = false;
  for (let i = 0; i < raw.length; i++) {
    // A form feed ends the page wherever it stands in the line; what follows it is on the next page.
    const parts = raw[i]!.split('\f');
    for (let j = 0; j < parts.length; j++) {
      if (j > 0) formFeed = true;
      const line = parts[j]!;
      if (line.trim() === '') {
        if (j === 0) blankRun++;
        continue;
      }
      const started = out.length > 0;
      const pageBreak = started && (formFeed || blankRun >= PAGE_BREAK_BLANK_LINES);
      if (pageBreak) page++;
      out.push({ text: line, page, line: i + 1, breakBefore: started && (pageBreak || blankRun > 0) });
      blankRun = 0;
      formFeed = false;
    }
  }
  return out;
}

/**
 * Reads the text format into the raw document: the title (first line), the intro (prose up to the
 * first tab-separated line), and its one table: the header row and the table rows.
 */
export function readTextDocument(text: string): Staged<SizedDocument | null> {
  const diagnostics: DiagnosticRecord[] = [];
  const lines = splitPagedLines(text);
  // Each line is cut into its cells once, for the table's start, the listing test and the rows.
  const cellsOf = lines.map((l) => splitCells(l.text));
  const tableStart = cellsOf.findIndex((cells) => filledCount(cells) >= 2);
  if (tableStart < 0) {
    return staged(null, [diagnose('no-table', { reason: 'no-tab-separated-line' }, { line: lines[0]?.line ?? 1 })]);
  }
  if (isKeyValueListing(cellsOf)) {
    return staged(null, [diagnose('no-table', { reason: 'key-value-lines' }, { line: lines[tableStart]!.line })]);
  }

  const head = lines.slice(0, tableStart);
  const title: LocatedText | null = head[0] ? { text: head[0].text.trim(), page: head[0].page, line: head[0].line } : null;
  const intro = head
    .slice(1)
    .map((l) => l.text.trim())
    .join('\n');

  const first = lines[tableStart]!;
  const firstCells = cellsOf[tableStart]!;
  const header = looksLikeHeaderRow(firstCells) ? firstCells.map((c) => c.trim()) : null;

  const rows: RawRow[] = [];
  for (let i = header ? tableStart + 1 : tableStart; i < lines.length; i++) {
    const l = lines[i]!;
    const cells = cellsOf[i]!;
    if (cells.length === 1 && isRunningHeaderOrFooter(cells[0]!)) continue;
    if (header && sameHeader(cells, header)) continue;
    rows.push({ cells, page: l.page, line: l.line, endLine: l.line, breakBefore: l.breakBefore });
  }
  const pages = lines.length > 0 ? lines[lines.length - 1]!.page : 0;
  const table = { caption: null, context: null, header, headerLine: header ? first.line : null, rows };
  return staged({ title, intro, tables: [table], pages, sourceChars: textCharsOfMarkup(text) }, diagnostics);
}

/** Share of tab-separated lines opening with a "name:" cell above which the text is a listing, not a table. */
const KEY_VALUE_SHARE = 0.9;

/**
 * True when the tab-separated lines are "name:<tab>value" pairs (`/proc/self/status`, a settings
 * dump): nearly every one opens with a cell ending in a colon. A table's rows open with its items.
 */
function isKeyValueListing(cellsOf: readonly (readonly string[])[]): boolean {
  let tabbed = 0;
  let keyed = 0;
  for (const cells of cellsOf) {
    if (filledCount(cells) < 2) continue;
    tabbed++;
    if (cells[0]!.trim().endsWith(':')) keyed++;
  }
  return tabbed >= 2 && keyed >= KEY_VALUE_SHARE * tabbed;
}

function splitCells(line: string): string[] {
  return line.split('\t');
}

/** How many of a line's cells hold more than white space. */
function filledCount(cells: readonly string[]): number {
  let filled = 0;
  for (const c of cells) if (c.trim() !== '') filled++;
  return filled;
}
