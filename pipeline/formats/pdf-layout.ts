/**
 * PDF page layout to the raw table: pure geometry and text on what `pdf.ts` reads from the PDF
 * (positioned text pieces and ruling lines, see `pdf-page.ts`), so it can be tested without a PDF.
 * The rows and cells come from the page geometry (`pdf-geometry.ts`: ruled or unruled tables), each
 * cell's lines are joined into its raw string (`pdf-lines.ts`), and the title and intro are read from
 * the text around the table (`pdf-head.ts`). This module picks the header row, leaves out the rows
 * repeating it, and marks the rows a page break cut.
 *
 * Rows cut by a page break: the first row on a new page gets `breakBefore` (and `continues` when the
 * table's borders stop open at the page end), so the classify and stitch stages join it to the row
 * above; paragraphs and words the break cut are handled in `pdf-breaks.ts`.
 *
 * Lines (for provenance) are the document's text lines counted top-down, page after page, from 1.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import type { PlacedRun, RawRow, RawDocument } from '../types.js';
import { looksLikeHeaderRow, repeatsHeader, roleOfHeader } from '../vocabulary/headers.js';
import { isSectionText } from '../vocabulary/sections.js';
import { mendWordsCutByPage, openParagraphs } from './pdf-breaks.js';
import { layoutRows, type LaidRow } from './pdf-geometry.js';
import { readHead } from './pdf-head.js';
import { cellText, visibleTextOf } from './pdf-lines.js';
import { collectVocabulary, lineSpacingOf, numberLines, type PdfPage, type TextLine, type TextPiece } from './pdf-page.js';

/**
 * Lays the pages out into the raw table: the table's rows (ruled or unruled), the title and intro from
 * the text around it, page furniture ("Side 1 af 4", running headers) left out.
 */
export function layoutDocument(pages: readonly PdfPage[]): Staged<RawDocument | null> {
  const diagnostics: DiagnosticRecord[] = [];
  const lineNo = numberLines(pages);
  const vocabulary = collectVocabulary(pages);
  const spacing = lineSpacingOf(pages);

  const laid = layoutRows(pages, spacing);
  if (laid.rows.length === 0) {
    return staged(null, [diagnose('no-table', { reason: 'no-columns-on-any-page' }, { page: 1 })]);
  }

  const plain = (row: LaidRow) => row.cells.map((lines) => visibleTextOf(cellText(lines, spacing, vocabulary)));
  const lineOf = (p: TextPiece) => lineNo.get(p) ?? 1;

  // The header: among the first rows, the first that reads as one (rows above it, such as a section
  // heading, stay rows). Later rows repeating it (every page, or under each section) are dropped.
  let headerIndex = -1;
  for (let i = 0; i < Math.min(3, laid.rows.length); i++) {
    const texts = plain(laid.rows[i]!);
    if (texts.some((t) => roleOfHeader(t) !== null) && looksLikeHeaderRow(texts)) {
      headerIndex = i;
      break;
    }
  }
  if (headerIndex < 0 && looksLikeHeaderRow(plain(laid.rows[0]!))) headerIndex = 0;
  const header = headerIndex >= 0 ? plain(laid.rows[headerIndex]!) : null;
  const headerPieces = headerIndex >= 0 ? laid.rows[headerIndex]!.cells.flat().flatMap((l) => l.pieces) : [];

  // The table body: the header row and rows repeating it are left out.
  const body: LaidRow[] = [];
  for (const [i, row] of laid.rows.entries()) {
    if (i === headerIndex) continue;
    const texts = plain(row);
    if (header && repeatsHeader(texts, header)) continue;
    if (texts.every((t) => t === '')) continue;
    body.push(row);
  }
  const open = openParagraphs(body, laid.textRight, spacing, vocabulary);

  const rows: RawRow[] = [];
  let lastPage = headerIndex >= 0 ? laid.rows[headerIndex]!.page : 0;
  for (const [i, row] of body.entries()) {
    const cells = row.cells.map((lines, k) =>
      cellText(lines, spacing, vocabulary, { openEnd: open.ends[i]?.[k] ?? null, openStart: open.starts[i]?.[k] ?? null }),
    );
    const texts = cells.map(visibleTextOf);
    const pieces = row.cells.flat().flatMap((l) => l.pieces);
    const lines = pieces.map(lineOf);
    const raw: RawRow = {
      cells,
      page: row.page,
      line: lines.reduce((a, b) => Math.min(a, b)),
      endLine: lines.reduce((a, b) => Math.max(a, b)),
      breakBefore: lastPage !== 0 && row.page !== lastPage,
      runs: row.cells.map((cellLines) => placedRuns(cellLines, row.page)),
    };
    const filled = texts.filter((t) => t !== '');
    if (row.spanAll && filled.length === 1 && isSectionText(filled[0]!, { anyCase: true })) raw.section = true;
    // The first row on a page, after a row the page break left open, is that row's rest.
    const above = body[i - 1];
    if (raw.breakBefore && above?.cutBelow && above.page === row.page - 1 && !row.spanAll) raw.continues = true;
    rows.push(raw);
    lastPage = row.page;
  }
  mendWordsCutByPage(rows, open.ends, vocabulary);

  const head = readHead(pages, laid.inside, spacing, vocabulary, lineNo);
  const headerLine = headerPieces.length ? headerPieces.map(lineOf).reduce((a, b) => Math.min(a, b)) : null;
  return staged(
    { title: head.title, intro: head.intro, tables: [{ caption: null, context: null, header, headerLine, rows }], pages: pages.length },
    diagnostics,
  );
}

/** Share of the font size above the baseline, and below it, that a text run's box covers: the ascent and descent of common text fonts (Helvetica, Arial, Liberation Sans: 0.9 and 0.21 em), so accented capitals fit. */
const ASCENT = 0.9;
const DESCENT = 0.22;

/** A cell's text runs placed on their page, in reading order (lines top-down, each left to right). */
function placedRuns(lines: readonly TextLine[], page: number): PlacedRun[] {
  return [...lines]
    .sort((a, b) => a.baseline - b.baseline)
    .flatMap((l) => l.pieces.map((p) => ({ page, str: p.str, x0: p.x0, x1: p.x1, top: p.baseline - ASCENT * p.size, bottom: p.baseline + DESCENT * p.size })));
}
