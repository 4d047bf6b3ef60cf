/**
 * PDF page layout to the raw table: pure geometry on what `pdf.ts` reads from the PDF (positioned
 * text pieces and ruling lines), so it can be tested without a PDF.
 *
 * Two ways to find the cells, one output:
 * - **Ruled tables** (Chromium and LibreOffice stroke their borders; Word fills thin rectangles):
 *   horizontal rules cut the page into row bands, the vertical rules crossing a band divide it into
 *   cells. A band whose rules leave one cell across every column is a merged (section) row.
 * - **Unruled tables**: columns are the vertical strips of white space ("rivers") that no text line
 *   crosses, labelled by the header row; a row starts where the first column starts a new text after a
 *   vertical gap.
 *
 * Rows cut by a page break: the first row on a new page gets `breakBefore` (and `continues` when the
 * table's borders stop open at the page end), so the classify and stitch stages join it to the row
 * above. A paragraph cut by the break is left open when the geometry says the line before the break
 * was a wrap (see `openParagraphs`), and a word hyphenated at the very end of the page is mended here
 * (see `mendWordsCutByPage`), where the document's own words tell a split word from a compound.
 *
 * Lines (for provenance) are the document's text lines counted top-down, page after page, from 1.
 */
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { Diagnostic } from '../../schemas/diagnostic.js';
import type { LocatedText, RawRow, RawTable } from '../types.js';
import { looksLikeHeaderRow, repeatsHeader, roleOfHeader } from '../columns.js';
import { isRunningHeaderOrFooter } from '../furniture.js';
import { isSectionText } from '../classify.js';

/** A run of text as placed on the page (top-down coordinates, PDF points). */
export interface TextPiece {
  str: string;
  x0: number;
  x1: number;
  /** Baseline, measured from the top of the page. */
  baseline: number;
  /** Font size. */
  size: number;
  bold: boolean;
}

/** A ruling line: a stroked segment or a thin filled rectangle, as a box (top-down coordinates). */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What the layout stage needs of one page. */
export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  pieces: TextPiece[];
  rules: Rule[];
}

/** Distances (points) under which two rule positions are the same line. */
const RULE_SNAP = 2.5;
/** Shortest band taken for a table row. */
const MIN_BAND = 4;
/** Gap between pieces on a line, as a share of the font size, that is a space between words. */
const WORD_GAP = 0.15;
/** Vertical gap, as a multiple of the normal line spacing, that starts a new paragraph. */
const PARAGRAPH_GAP = 1.45;
/** Gap between text on one line, as a multiple of the font size, that may separate two columns. */
const COLUMN_GAP = 0.5;

/** A text line inside one cell or outside the table. */
interface TextLine {
  pieces: TextPiece[];
  baseline: number;
  size: number;
  x0: number;
  x1: number;
}

/** A row band of a ruled table on one page, with its cells' pieces by column. */
interface Band {
  page: number;
  top: number;
  bottom: number;
  /** Cells: [x0, x1] of each cell of the band, left to right. */
  cells: [number, number][];
  pieces: TextPiece[][];
  /** The band ends at the page's end with no rule below it: its row is cut by the page break. */
  cutBelow: boolean;
}

/** The rows of the table as laid out, and where the text of each column ends on the right. */
interface Laid {
  rows: LaidRow[];
  /** Pieces that fell into table cells (the rest is prose or page furniture). */
  inside: Set<TextPiece>;
  /** Right edge of the text area of each column (cell border minus padding). */
  textRight: number[];
}

/** A row read from the page, before it is checked against the header. */
interface LaidRow {
  page: number;
  /** Top and bottom of the row's band on its page, when the table is ruled. */
  top?: number;
  bottom?: number;
  /** The lines of each column's cell. */
  cells: TextLine[][];
  /** True when one cell spans every column (a merged row). */
  spanAll: boolean;
  /** The row's borders stop open at the page end: the page break cut it (ruled tables only). */
  cutBelow?: boolean;
}

/**
 * Lays the pages out into the raw table: the table's rows (ruled or unruled), the title and intro from
 * the text around it, page furniture ("Side 1 af 4", running headers) left out.
 */
export function layoutTable(pages: readonly PdfPage[]): Staged<RawTable | null> {
  const diagnostics: Diagnostic[] = [];
  const lineNo = numberLines(pages);
  const vocabulary = collectVocabulary(pages);
  const spacing = lineSpacingOf(pages);

  let laid = ruledRows(pages);
  if (laid.rows.length === 0) laid = unruledRows(pages, spacing);
  if (laid.rows.length === 0) {
    return staged(null, [diagnose('no-table', { detail: 'no page has text laid out in two or more columns' }, { page: 1 })]);
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
  if (!head.title) diagnostics.push(diagnose('no-title', undefined, { page: 1 }));
  const headerLine = headerPieces.length ? headerPieces.map(lineOf).reduce((a, b) => Math.min(a, b)) : null;
  return staged(
    { title: head.title, intro: head.intro, header, headerLine, rows, pages: pages.length },
    diagnostics,
  );
}

// ---------------------------------------------------------------------------------------------
// Ruled tables

interface Line1D {
  /** Position across the line (y of a horizontal rule, x of a vertical one). */
  at: number;
  /** Covered intervals along the line, merged. */
  segs: [number, number][];
}

/** Rows of ruled tables on every page; `inside` is the set of pieces that fell into table cells. */
function ruledRows(pages: readonly PdfPage[]): Laid {
  const bands: Band[] = [];
  for (const page of pages) bands.push(...pageBands(page));
  const inside = new Set<TextPiece>();
  if (bands.length === 0) return { rows: [], inside, textRight: [] };

  // The table's columns: divider positions used by a good share of the bands.
  const allX = bands.flatMap((b) => b.cells.flatMap(([a, z]) => [a, z]));
  const clusters = clusterValues(allX, RULE_SNAP * 2);
  const support = clusters.map((c) => ({ at: c.at, bands: bands.filter((b) => b.cells.some(([a, z]) => Math.abs(a - c.at) <= RULE_SNAP * 2 || Math.abs(z - c.at) <= RULE_SNAP * 2)).length }));
  const dividers = support.filter((s) => s.bands * 4 >= bands.length).map((s) => s.at).sort((a, b) => a - b);
  if (dividers.length < 3) return { rows: [], inside, textRight: [] }; // fewer than two columns
  const columns = dividers.slice(1).map((x1, i): [number, number] => [dividers[i]!, x1]);

  const rows: LaidRow[] = [];
  for (const band of bands) {
    const cells: TextLine[][] = columns.map(() => []);
    let spanAll = false;
    band.cells.forEach(([a, z], k) => {
      const covered = columns.map(([c0, c1], i) => [i, (c0 + c1) / 2] as const).filter(([, mid]) => mid > a && mid < z);
      if (covered.length === 0) return;
      if (covered.length === columns.length) spanAll = true;
      const col = covered[0]![0];
      const pieces = band.pieces[k] ?? [];
      for (const p of pieces) inside.add(p);
      cells[col]!.push(...groupLines(pieces));
    });
    if (cells.every((c) => c.length === 0)) continue;
    rows.push({ page: band.page, top: band.top, bottom: band.bottom, cells, spanAll, cutBelow: band.cutBelow });
  }
  return { rows, inside, textRight: textRightOf(rows, columns) };
}

/** Right edge of each column's text: its right border less the padding seen on its left. */
function textRightOf(rows: readonly LaidRow[], columns: readonly [number, number][]): number[] {
  return columns.map(([a, z], k) => {
    const pads = rows.flatMap((r) => (r.spanAll ? [] : r.cells[k]!.map((l) => l.x0 - a))).filter((d) => d >= 0);
    pads.sort((x, y) => x - y);
    const pad = pads.length ? pads[Math.floor(pads.length / 2)]! : 0;
    return z - pad;
  });
}

/** The row bands of the ruled table(s) on a page, with the text of each cell. */
function pageBands(page: PdfPage): Band[] {
  const horizontal: Rule[] = [];
  const vertical: Rule[] = [];
  for (const r of page.rules) {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    if (w >= h && w >= 2) horizontal.push(r);
    else if (h > w && h >= 2) vertical.push(r);
  }
  const hLines = mergeLines(horizontal.map((r) => ({ at: (r.y0 + r.y1) / 2, from: r.x0, to: r.x1 })));
  const vLines = mergeLines(vertical.map((r) => ({ at: (r.x0 + r.x1) / 2, from: r.y0, to: r.y1 })));
  if (vLines.length < 2) return [];
  const covers = (l: Line1D, v: number, slack = RULE_SNAP) => l.segs.some(([a, z]) => v >= a - slack && v <= z + slack);
  // Horizontal rules that meet at least two vertical ones are row borders; others (underlines) are not.
  const rowRules = hLines.filter((h) => vLines.filter((v) => covers(v, h.at) && covers(h, v.at)).length >= 2);
  const ys = rowRules.map((h) => h.at);
  const vTop = Math.min(...vLines.flatMap((v) => v.segs.map((s) => s[0])));
  const vBottom = Math.max(...vLines.flatMap((v) => v.segs.map((s) => s[1])));
  // A row cut by the page end has no rule on its open side: the vertical rules end there instead.
  if (ys.length === 0 || vTop < ys[0]! - MIN_BAND) ys.unshift(vTop);
  const openBottom = vBottom > ys[ys.length - 1]! + MIN_BAND;
  if (openBottom) ys.push(vBottom);
  ys.sort((a, b) => a - b);

  const bands: Band[] = [];
  for (let i = 0; i + 1 < ys.length; i++) {
    const top = ys[i]!;
    const bottom = ys[i + 1]!;
    if (bottom - top < MIN_BAND) continue;
    const mid = (top + bottom) / 2;
    const xs = vLines.filter((v) => v.segs.some(([a, z]) => a <= mid && z >= mid)).map((v) => v.at);
    if (xs.length < 2) continue;
    xs.sort((a, b) => a - b);
    const cells = xs.slice(1).map((x1, k): [number, number] => [xs[k]!, x1]);
    const pieces: TextPiece[][] = cells.map(() => []);
    for (const p of page.pieces) {
      const y = midline(p);
      if (y < top || y > bottom) continue;
      const x = p.x0 + Math.min(1, (p.x1 - p.x0) / 2);
      const k = cells.findIndex(([a, z]) => x >= a && x < z);
      if (k >= 0) pieces[k]!.push(p);
    }
    bands.push({ page: page.number, top, bottom, cells, pieces, cutBelow: openBottom && i + 2 === ys.length });
  }
  return bands;
}

/** Merges rule segments lying on the same line into lines with merged intervals. */
function mergeLines(segs: readonly { at: number; from: number; to: number }[]): Line1D[] {
  const sorted = [...segs].sort((a, b) => a.at - b.at);
  const groups: { at: number[]; segs: [number, number][] }[] = [];
  for (const s of sorted) {
    const g = groups[groups.length - 1];
    if (g && s.at - g.at[g.at.length - 1]! <= RULE_SNAP) {
      g.at.push(s.at);
      g.segs.push([s.from, s.to]);
    } else groups.push({ at: [s.at], segs: [[s.from, s.to]] });
  }
  return groups.map((g) => {
    const spans = g.segs.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [a, z] of spans) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1] + RULE_SNAP) last[1] = Math.max(last[1], z);
      else merged.push([a, z]);
    }
    return { at: g.at.reduce((s, v) => s + v, 0) / g.at.length, segs: merged };
  });
}

/** Clusters numbers lying within `tolerance` of their neighbour. */
function clusterValues(values: readonly number[], tolerance: number): { at: number; n: number }[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: { sum: number; n: number; last: number }[] = [];
  for (const v of sorted) {
    const c = out[out.length - 1];
    if (c && v - c.last <= tolerance) {
      c.sum += v;
      c.n++;
      c.last = v;
    } else out.push({ sum: v, n: 1, last: v });
  }
  return out.map((c) => ({ at: c.sum / c.n, n: c.n }));
}

// ---------------------------------------------------------------------------------------------
// Unruled tables

/**
 * Rows of a table without ruling lines. The header row (the first line naming two or more known column
 * wordings) anchors the table; columns are the strips between the white-space rivers that the lines
 * below it leave; a row starts where the first column starts a new text.
 */
function unruledRows(pages: readonly PdfPage[], spacing: number): Laid {
  const inside = new Set<TextPiece>();
  const pageLines = pages.map((p) => ({
    page: p.number,
    lines: groupLines(p.pieces).filter((l) => !isRunningHeaderOrFooter(lineText(l))),
  }));
  // The header line: two or more fragments, all short labels, at least one a known wording.
  let start: { page: number; index: number } | null = null;
  for (const { page, lines } of pageLines) {
    const index = lines.findIndex((l) => {
      const texts = fragments(l).map((f) => lineText(f));
      return texts.length >= 2 && looksLikeHeaderRow(texts) && texts.some((t) => roleOfHeader(t) !== null);
    });
    if (index >= 0) {
      start = { page, index };
      break;
    }
  }
  if (!start) return { rows: [], inside, textRight: [] };

  // The table runs from the header to the first line of prose: one fragment as wide as half the
  // header, ending a sentence or too long for a heading.
  const headerLine = pageLines.find((p) => p.page === start.page)!.lines[start.index]!;
  const span = headerLine.x1 - headerLine.x0;
  const isProse = (l: TextLine) => {
    const frags = fragments(l);
    if (frags.length !== 1) return false;
    const text = lineText(l);
    return l.x0 <= headerLine.x0 + 2 * l.size && l.x1 - l.x0 >= span * 0.5 && (/[.!?:]$/u.test(text) || text.length > 60);
  };
  const tableLines: { page: number; line: TextLine }[] = [];
  scan: for (const { page, lines } of pageLines) {
    if (page < start.page) continue;
    for (const [i, l] of lines.entries()) {
      if (page === start.page && i < start.index) continue;
      if (tableLines.length > 1 && isProse(l)) break scan;
      tableLines.push({ page, line: l });
    }
  }
  const columns = riverColumns(tableLines.map((t) => t.line));
  if (columns.length < 2) return { rows: [], inside, textRight: [] };

  const rows: LaidRow[] = [];
  let current: LaidRow | null = null;
  let previous: { page: number; line: TextLine; first: boolean } | null = null;
  const headerTexts = fragments(headerLine).map((f) => lineText(f));
  const headerBold = headerLine.pieces.every((p) => p.bold);
  let skippingHeader = false;
  for (const [index, { page, line }] of tableLines.entries()) {
    const frags = fragments(line);
    // The header repeated at the top of a page (and its wrapped lines) is left out.
    if (index > 0 && repeatsHeader(frags.map((f) => lineText(f)), headerTexts)) {
      skippingHeader = true;
      previous = { page, line, first: true };
      current = null;
      continue;
    }
    if (skippingHeader && previous && line.baseline - previous.line.baseline <= spacing * PARAGRAPH_GAP && headerBold && line.pieces.every((p) => p.bold)) {
      previous = { page, line, first: true };
      continue;
    }
    skippingHeader = false;
    // A lone heading in capitals is a section row of its own.
    const lone = frags.length === 1 && isSectionText(lineText(line)) && index > 0;
    const byColumn: TextPiece[][] = columns.map(() => []);
    let crossing = false;
    for (const f of frags) {
      const x0 = f[0]!.x0;
      const x1 = f[f.length - 1]!.x1;
      const k = columns.findIndex(([a, z]) => x0 >= a - RULE_SNAP && x0 < z);
      if (k < 0) continue;
      if (k + 1 < columns.length && x1 > columns[k + 1]![0] + RULE_SNAP) crossing = true;
      byColumn[k]!.push(...f);
    }
    const firstFilled = byColumn[0]!.length > 0;
    const gap = previous && previous.page === page ? line.baseline - previous.line.baseline : Infinity;
    const startsRow =
      !current ||
      page !== current.page ||
      lone ||
      (firstFilled && (gap > spacing * PARAGRAPH_GAP || !previous?.first)) ||
      (crossing && frags.length === 1);
    if (startsRow) {
      current = { page, cells: columns.map(() => []), spanAll: crossing && frags.length === 1 };
      rows.push(current);
    }
    byColumn.forEach((pieces, k) => {
      if (pieces.length === 0) return;
      for (const p of pieces) inside.add(p);
      current!.cells[k]!.push({ ...line, pieces, x0: pieces[0]!.x0, x1: pieces[pieces.length - 1]!.x1 });
    });
    previous = { page, line, first: firstFilled };
    if ((crossing && frags.length === 1) || lone) current = null;
  }
  const textRight = columns.map((_, k) =>
    rows.reduce((m, r) => (r.spanAll ? m : r.cells[k]!.reduce((n, l) => Math.max(n, l.x1), m)), 0),
  );
  return { rows, inside, textRight };
}

/** Columns of an unruled table: the x-intervals between white-space strips that (almost) no line crosses. */
function riverColumns(lines: readonly TextLine[]): [number, number][] {
  if (lines.length === 0) return [];
  const left = lines.reduce((m, l) => Math.min(m, l.x0), Infinity);
  const right = lines.reduce((m, l) => Math.max(m, l.x1), -Infinity);
  const step = 1;
  const n = Math.ceil((right - left) / step) + 1;
  const hits = new Array<number>(n).fill(0);
  for (const l of lines) {
    for (const f of fragments(l)) {
      const a = Math.floor((f[0]!.x0 - left) / step);
      const z = Math.ceil((f[f.length - 1]!.x1 - left) / step);
      for (let i = Math.max(0, a); i <= Math.min(n - 1, z); i++) hits[i]!++;
    }
  }
  const tolerated = Math.max(1, Math.floor(lines.length * 0.08));
  const columns: [number, number][] = [];
  let open: number | null = null;
  let emptyRun = 0;
  const minRiver = 6;
  for (let i = 0; i < n; i++) {
    const busy = hits[i]! > tolerated;
    if (busy) {
      if (open === null) open = i;
      else if (emptyRun >= minRiver) {
        columns.push([left + open * step, left + (i - emptyRun) * step]);
        open = i;
      }
      emptyRun = 0;
    } else if (open !== null) emptyRun++;
  }
  if (open !== null) columns.push([left + open * step, right]);
  // Column i runs up to where column i+1 starts.
  return columns.map(([a], i) => [a, columns[i + 1]?.[0] ?? right + 1]);
}

/** Splits a line into fragments at gaps wide enough to separate columns. */
function fragments(line: TextLine): TextPiece[][] {
  const out: TextPiece[][] = [];
  for (const p of line.pieces) {
    const f = out[out.length - 1];
    const prev = f?.[f.length - 1];
    if (f && prev && p.x0 - prev.x1 < COLUMN_GAP * Math.max(p.size, prev.size)) f.push(p);
    else out.push([p]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text: lines, paragraphs, words

/** Vertical middle of a piece's glyphs. */
function midline(p: TextPiece): number {
  return p.baseline - p.size * 0.3;
}

/** Groups pieces into lines (same baseline), top-down, each line's pieces left to right. */
function groupLines(pieces: readonly TextPiece[]): TextLine[] {
  const sorted = [...pieces].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const lines: TextLine[] = [];
  for (const p of sorted) {
    const l = lines[lines.length - 1];
    if (l && Math.abs(p.baseline - l.baseline) <= Math.max(1.5, 0.3 * Math.min(p.size, l.size))) {
      l.pieces.push(p);
      l.size = Math.max(l.size, p.size);
    } else lines.push({ pieces: [p], baseline: p.baseline, size: p.size, x0: p.x0, x1: p.x1 });
  }
  for (const l of lines) {
    l.pieces.sort((a, b) => a.x0 - b.x0);
    l.x0 = l.pieces[0]!.x0;
    l.x1 = Math.max(...l.pieces.map((p) => p.x1));
  }
  return lines;
}

/** The text of a line: pieces joined, with a space where the gap between them is a word space. */
function lineText(pieces: readonly TextPiece[] | TextLine): string {
  const list = Array.isArray(pieces) ? pieces : (pieces as TextLine).pieces;
  let out = '';
  let prev: TextPiece | null = null;
  for (const p of list) {
    if (prev && p.x0 - prev.x1 > WORD_GAP * Math.max(p.size, prev.size) && !/\s$/.test(out) && !/^\s/.test(p.str)) out += ' ';
    out += p.str;
    prev = p;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Document line numbers: every piece gets the number of its text line (top-down, page by page). */
function numberLines(pages: readonly PdfPage[]): Map<TextPiece, number> {
  const out = new Map<TextPiece, number>();
  let offset = 0;
  for (const page of pages) {
    const baselines = clusterValues(page.pieces.map((p) => p.baseline), 1.5);
    for (const p of page.pieces) {
      const i = baselines.findIndex((c, k) => p.baseline <= c.at + 1.5 || k === baselines.length - 1);
      out.set(p, offset + Math.max(0, i) + 1);
    }
    offset += baselines.length;
  }
  return out;
}

/** The normal distance between baselines of consecutive lines of text (the most common one). */
function lineSpacingOf(pages: readonly PdfPage[]): number {
  const counts = new Map<number, number>();
  let sizes = 0;
  let n = 0;
  for (const page of pages) {
    const baselines = clusterValues(page.pieces.map((p) => p.baseline), 1.5).map((c) => c.at);
    for (let i = 1; i < baselines.length; i++) {
      const d = Math.round((baselines[i]! - baselines[i - 1]!) * 2) / 2;
      if (d > 2 && d < 40) counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    for (const p of page.pieces) {
      sizes += p.size;
      n++;
    }
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
  return best || (n ? (sizes / n) * 1.2 : 12);
}

/** Lower-case words of the whole document, to tell a line-wrap hyphen from a real one. */
function collectVocabulary(pages: readonly PdfPage[]): Set<string> {
  const words = new Set<string>();
  for (const page of pages) {
    for (const p of page.pieces) for (const w of p.str.toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? []) words.add(w);
  }
  return words;
}

/**
 * A word hyphenated at the very end of a page, in a row the page break cut: the first word after the
 * break is moved up and joined as a line wrap would be (see `joinLines`: "Lyngby-" + "Taarbæk" keeps
 * its hyphen, "styrelses-" + "vedtægt" loses it when the document writes "styrelsesvedtægt", "golf-" +
 * "Tingstedet" in a list of "- " items stays apart and is left to the stitch stage).
 */
function mendWordsCutByPage(rows: RawRow[], ends: readonly (string | null)[][], vocabulary: ReadonlySet<string>): void {
  for (let i = 0; i + 1 < rows.length; i++) {
    const below = rows[i + 1]!;
    if (!below.continues) continue;
    rows[i]!.cells.forEach((cellA, k) => {
      const cellB = below.cells[k] ?? '';
      if (!ends[i]?.[k] || !/[\p{L}\p{N}][-‐]$/u.test(cellA)) return;
      const token = cellB.match(/^[^\s<]+/u)?.[0];
      if (!token) return;
      const paragraph = cellA.slice(Math.max(cellA.lastIndexOf('<p>'), cellA.lastIndexOf('<ul>')) + 1).replace(/^\w*>/u, '');
      const joined = joinLines([paragraph, token], vocabulary);
      let mended: string;
      if (joined === paragraph + token) mended = cellA + token;
      else if (joined === paragraph.slice(0, -1) + token) mended = cellA.slice(0, -1) + token;
      else return;
      rows[i]!.cells[k] = mended;
      below.cells[k] = cellB.slice(token.length).replace(/^\s+/u, '');
    });
  }
}

/** A "- " list marker opening a line (not the dash of "hvornår, - og hvad"). */
const DASH_ITEM = /^[-–]\s+(?!(?:og|eller|samt|el\.|&|til|som|i)\s)/u;

/**
 * Paragraphs of a cell's lines: a vertical gap wider than the line spacing starts a new one, and so
 * does a "- " list item right after a line ending in a colon ("Eksempelvis:" / "- Mere monitor").
 */
function paragraphs(lines: readonly TextLine[], spacing: number): TextLine[][] {
  const sorted = [...lines].sort((a, b) => a.baseline - b.baseline);
  const out: TextLine[][] = [];
  for (const l of sorted) {
    const para = out[out.length - 1];
    const prev = para?.[para.length - 1];
    const close = prev !== undefined && l.baseline - prev.baseline <= spacing * PARAGRAPH_GAP && Math.abs(l.size - prev.size) < 1;
    const listStart = prev !== undefined && /:$/.test(lineText(prev)) && DASH_ITEM.test(lineText(l));
    if (para && close && !listStart) para.push(l);
    else out.push([l]);
  }
  return out;
}

const CONJUNCTION = /^(?:og|eller|samt|el\.|&|til|som)(?:\s|$)/u;

/**
 * Joins the lines of a paragraph. A line ending in a hyphen: before a conjunction the dash of a
 * compound stays with a space ("Erhvervs- og"); before a capital or digit the hyphen belongs to the
 * word ("Lyngby-Tårnbæk", "2014-2019"), except in a list written with "- " markers, where it is the
 * next marker; before a lower-case letter the word was split by the line wrap when the document uses
 * the word unsplit elsewhere (and not hyphenated), else the hyphen is kept. A soft hyphen always goes.
 */
export function joinLines(lines: readonly string[], vocabulary: ReadonlySet<string> = new Set()): string {
  let out = '';
  const dashList = /^[-–]\s/u.test(lines[0] ?? '');
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (out === '') {
      out = line;
      continue;
    }
    if (/\u00ad$/u.test(out)) {
      out = out.slice(0, -1) + line;
      continue;
    }
    if (!/\p{L}[-‐]$/u.test(out) && !/\p{N}[-‐]$/u.test(out)) {
      out += ` ${line}`;
      continue;
    }
    const before = (out.match(/[\p{L}\p{N}]+[-‐]$/u)?.[0] ?? '').slice(0, -1);
    const after = line.match(/^[\p{L}\p{N}]+/u)?.[0] ?? '';
    const splitWord = vocabulary.has(`${before}${after}`.toLowerCase()) && !vocabulary.has(`${before}-${after}`.toLowerCase());
    if (CONJUNCTION.test(line)) out += ` ${line}`;
    else if (/^\p{Ll}/u.test(line) && splitWord) out = out.slice(0, -1) + line;
    else if (dashList) out += dashMarkerAtWrap(out, line) ? ` ${line}` : line;
    else out += line;
  }
  return out;
}

/** Words that start a list item rather than finish a compound ("Erhvervsområdet-" / "Det …"). */
const ITEM_START_WORDS = new Set([
  'at', 'af', 'de', 'den', 'det', 'der', 'dette', 'disse', 'en', 'et', 'for', 'fra', 'i', 'med', 'mere', 'nye', 'ny',
  'om', 'på', 'som', 'til', 'to', 'tre', 'ved', 'vi', 'øget', 'bedre', 'flere',
]);

/**
 * In a list of "- " items glued together ("arbejde- To forløb"), whether a hyphen ending a line is the
 * next item's marker (the line broke at its space) or the hyphen of a compound ("Mentor-Coach"). A
 * compound is read only when the item so far is one word and the next word is capitalized and not a
 * common item opener; after a non-letter (")-") or before a lower-case word it is a marker.
 */
function dashMarkerAtWrap(text: string, next: string): boolean {
  if (!/\p{L}[-‐]$/u.test(text)) return true;
  const nextWord = next.match(/^[\p{L}\p{N}]+/u)?.[0] ?? '';
  if (ITEM_START_WORDS.has(nextWord.toLowerCase()) || !/^\p{Lu}/u.test(nextWord)) return true;
  const item = text.slice(0, -1).split(/(?:^|[^\s\-–])[-–]\s+/u).pop() ?? '';
  return item.trim().split(/\s+/u).length > 1;
}

/**
 * A cell's raw string: one paragraph as plain text, several as `<p>` elements (text escaped), so the
 * block stage sees the same structure as in the HTML the PDF was printed from.
 */
function cellText(
  lines: readonly TextLine[],
  spacing: number,
  vocabulary: ReadonlySet<string>,
  open: { openEnd: string | null; openStart: string | null } = { openEnd: null, openStart: null },
): string {
  if (lines.length === 0) return '';
  const paras = paragraphs(lines, spacing).map((p) => joinLines(p.map((l) => lineText(l)), vocabulary)).filter((t) => t !== '');
  // Paragraphs stay paragraphs even when the cell is cut by a page break (see `joinAcrossBreak`), and a
  // paragraph of "- " items glued together is a list, as the `<ul>` it was printed from. A paragraph
  // running on over a page break is left open at the cut (no closing tag before it, no opening after).
  return paras
    .map((p, i) => {
      const tag = blockTag(p);
      const opener = i === 0 && open.openStart ? '' : `<${tag}>`;
      const closer = i === paras.length - 1 && open.openEnd ? '' : `</${i === 0 && open.openStart ? open.openStart : tag}>`;
      return `${opener}${escapeHtml(p)}${closer}`;
    })
    .join(' ');
}

/**
 * Rough advance width of a text in ems, by glyph class (as in Helvetica and Arial): enough to compare
 * the width of a word with the width of the line it was measured from.
 */
function glyphWeight(text: string): number {
  let w = 0;
  for (const c of text) {
    if (/[ijlIf.,:;'!|t ]/u.test(c)) w += 0.28;
    else if (/[rJ()\-]/u.test(c)) w += 0.34;
    else if (/[mwMWæÆ]/u.test(c)) w += 0.86;
    else if (/\p{Lu}/u.test(c)) w += 0.7;
    else w += 0.55;
  }
  return w;
}

/** The element a paragraph of a PDF cell stands for: a `<ul>` for "- " items glued together, else `<p>`. */
function blockTag(paragraph: string): 'ul' | 'p' {
  return DASH_ITEM.test(paragraph) && paragraph.replace(DASH_ITEM, '').split(DASH_MARKER_INSIDE).length >= 2 ? 'ul' : 'p';
}

/**
 * Paragraphs that run on over a page break. For the last row on a page and the first row of the next,
 * per column: when the first word after the break would have fitted at the end of the last line before
 * it, the line ended its paragraph; when it would not, the break may be a mere line wrap and the
 * paragraph is left open (`ends[row][col]` is the open element, `starts[row+1][col]` the same).
 */
function openParagraphs(
  rows: readonly LaidRow[],
  textRight: readonly number[],
  spacing: number,
  vocabulary: ReadonlySet<string>,
): { ends: (string | null)[][]; starts: (string | null)[][] } {
  const ends: (string | null)[][] = rows.map((r) => r.cells.map(() => null));
  const starts: (string | null)[][] = rows.map((r) => r.cells.map(() => null));
  for (let i = 0; i + 1 < rows.length; i++) {
    const a = rows[i]!;
    const b = rows[i + 1]!;
    if (b.page === a.page || a.spanAll || b.spanAll) continue;
    a.cells.forEach((linesA, k) => {
      const linesB = b.cells[k]!;
      if (linesA.length === 0 || linesB.length === 0) return;
      const last = linesA.reduce((x, y) => (y.baseline > x.baseline ? y : x));
      const first = linesB.reduce((x, y) => (y.baseline < x.baseline ? y : x));
      const text = lineText(first);
      const word = text.split(' ')[0] ?? '';
      const size = Math.max(first.size, last.size);
      const wordWidth = ((first.x1 - first.x0) * glyphWeight(word)) / Math.max(1, glyphWeight(text));
      const room = (textRight[k] ?? last.x1) - last.x1;
      // Room for one more line below the last one (a line's spacing and descent; a cell cut by a page
      // keeps no bottom padding): the line was not pushed over by lack of room, so its paragraph ended
      // there — unless the paragraph goes on with exactly two lines, which widow control (two lines at
      // least) moves over together.
      const below = a.bottom === undefined ? -1 : a.bottom - last.baseline;
      const nextParaLines = paragraphs(linesB, spacing)[0]?.length ?? 0;
      if (below >= spacing + 0.25 * size && nextParaLines !== 2) return;
      // The first word after the break would have fitted on the last line: the line ended its paragraph.
      const miss = wordWidth + 0.28 * size - (room - 1);
      if (miss <= 0) return;
      // A near miss after a finished sentence, before a capital, is read as the paragraph's end.
      if (/[.!?]$/u.test(lineText(last)) && /^\p{Lu}/u.test(word) && miss < 0.5 * size) return;
      const paras = paragraphs(linesA, spacing);
      const tag = blockTag(joinLines(paras[paras.length - 1]!.map((l) => lineText(l)), vocabulary));
      ends[i]![k] = tag;
      starts[i + 1]![k] = tag;
    });
  }
  return { ends, starts };
}


/** A "- " item marker glued to the end of the item before it ("gadeplansarbejde- To"). */
const DASH_MARKER_INSIDE = /(?<=[^\s\-–])[-–]\s+(?!(?:og|eller|samt|el\.|&|til|som|i)\s)/u;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Visible text of a raw cell made by `cellText`. */
function visibleTextOf(cell: string): string {
  return cell
    .replace(/<\/?(?:p|ul)>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Around the table: title, intro, furniture


/**
 * Title and intro from the text outside the table: page furniture and running headers (a line found at
 * the same place on several pages) are dropped, except that the first page's running header may be the
 * title. The title is the first paragraph of the first page; the other paragraphs are the intro.
 */
function readHead(
  pages: readonly PdfPage[],
  inside: ReadonlySet<TextPiece>,
  spacing: number,
  vocabulary: ReadonlySet<string>,
  lineNo: ReadonlyMap<TextPiece, number>,
): { title: LocatedText | null; intro: string } {
  const perPage = pages.map((page) => ({
    page,
    lines: groupLines(page.pieces.filter((p) => !inside.has(p))).filter((l) => !isRunningHeaderOrFooter(lineText(l))),
  }));
  // Running headers and footers: the same text (digits aside) near the same height on two or more pages.
  const key = (l: TextLine) => `${Math.round(l.baseline / 6)}|${lineText(l).replace(/\d+/g, '#')}`;
  const seen = new Map<string, number>();
  for (const { lines } of perPage) for (const k of new Set(lines.map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  const running = (l: TextLine) => (seen.get(key(l)) ?? 0) >= 2;

  let title: LocatedText | null = null;
  const intro: string[] = [];
  for (const { page, lines } of perPage) {
    const kept = lines.filter((l) => !running(l) || (page.number === 1 && title === null && l === lines[0]));
    for (const para of proseParagraphs(kept, spacing, page.width)) {
      const text = joinLines(para.map((l) => lineText(l)), vocabulary);
      if (text === '') continue;
      if (!title) title = { text, page: page.number, line: lineNo.get(para[0]!.pieces[0]!) ?? 1 };
      else intro.push(text);
    }
  }
  return { title, intro: intro.join('\n') };
}

/**
 * Paragraphs of prose: consecutive lines of one font size, close together, where the line above runs
 * (nearly) to the right margin of the text (a short line ends its paragraph).
 */
function proseParagraphs(lines: readonly TextLine[], spacing: number, pageWidth: number): TextLine[][] {
  const right = lines.reduce((m, l) => Math.max(m, l.x1), 0);
  const out: TextLine[][] = [];
  for (const l of [...lines].sort((a, b) => a.baseline - b.baseline)) {
    const para = out[out.length - 1];
    const prev = para?.[para.length - 1];
    const fullLine = prev !== undefined && prev.x1 >= right - Math.max(40, pageWidth * 0.12);
    const close = prev !== undefined && l.baseline - prev.baseline <= Math.max(spacing, prev.size * 1.3) * PARAGRAPH_GAP;
    if (para && prev && fullLine && close && Math.abs(l.size - prev.size) < 1) para.push(l);
    else out.push([l]);
  }
  return out;
}
