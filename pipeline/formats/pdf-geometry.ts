/**
 * The table's rows and cells from the geometry of the pages. Two ways to find the cells, one output:
 * - **Ruled tables** (Chromium and LibreOffice stroke their borders; Word fills thin rectangles):
 *   horizontal rules cut the page into row bands, the vertical rules crossing a band divide it into
 *   cells. A band whose rules leave one cell across every column is a merged (section) row.
 * - **Unruled tables**: columns are the vertical strips of white space ("rivers") that no text line
 *   crosses, labelled by the header row; a row starts where the first column starts a new text after a
 *   vertical gap.
 */
import { looksLikeHeaderRow, repeatsHeader, roleOfHeader } from '../vocabulary/headers.js';
import { isRunningHeaderOrFooter } from '../vocabulary/furniture.js';
import { isSectionText } from '../vocabulary/sections.js';
import { PARAGRAPH_GAP, clusterValues, groupLines, lineText, midline, type PdfPage, type Rule, type TextLine, type TextPiece } from './pdf-page.js';

/** Distances (points) under which two rule positions are the same line. */
const RULE_SNAP = 2.5;
/** Shortest band taken for a table row. */
const MIN_BAND = 4;
/** Gap between text on one line, as a multiple of the font size, that may separate two columns. */
const COLUMN_GAP = 0.5;

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
export interface Laid {
  rows: LaidRow[];
  /** Pieces that fell into table cells (the rest is prose or page furniture). */
  inside: Set<TextPiece>;
  /** Right edge of the text area of each column (cell border minus padding). */
  textRight: number[];
}

/** A row read from the page, before it is checked against the header. */
export interface LaidRow {
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

/** The table's rows as laid out on the pages: from its ruling lines, or from its white space when it has none. */
export function layoutRows(pages: readonly PdfPage[], spacing: number): Laid {
  const ruled = ruledRows(pages);
  return ruled.rows.length > 0 ? ruled : unruledRows(pages, spacing);
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
  for (const page of pages) for (const band of pageBands(page)) bands.push(band);
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
      for (const line of groupLines(pieces)) cells[col]!.push(line);
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
  let vTop = Infinity;
  let vBottom = -Infinity;
  for (const v of vLines) {
    for (const [from, to] of v.segs) {
      vTop = Math.min(vTop, from);
      vBottom = Math.max(vBottom, to);
    }
  }
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
      for (const piece of f) byColumn[k]!.push(piece);
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
