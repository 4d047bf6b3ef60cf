/**
 * What the layout reads of a PDF page (positioned text pieces and ruling lines, as `pdf.ts` takes them
 * from the PDF), the page's text grouped into lines, and measures over the whole document: line
 * numbers, the normal line spacing and the document's own words.
 */

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
  /** Characters of text in all the runs pdfjs gave for the page (rotated ones too), when read from a PDF. */
  textChars?: number;
}

/** A text line inside one cell or outside the table. */
export interface TextLine {
  pieces: TextPiece[];
  baseline: number;
  size: number;
  x0: number;
  x1: number;
}

/** Vertical gap, as a multiple of the normal line spacing, that starts a new paragraph. */
export const PARAGRAPH_GAP = 1.45;
/** Gap between pieces on a line, as a share of the font size, that is a space between words. */
const WORD_GAP = 0.15;

/** Vertical middle of a piece's glyphs. */
export function midline(p: TextPiece): number {
  return p.baseline - p.size * 0.3;
}

/** Groups pieces into lines (same baseline), top-down, each line's pieces left to right. */
export function groupLines(pieces: readonly TextPiece[]): TextLine[] {
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
    l.x1 = l.pieces.reduce((x1, p) => Math.max(x1, p.x1), -Infinity);
  }
  return lines;
}

/** The text of a line: pieces joined, with a space where the gap between them is a word space. */
export function lineText(pieces: readonly TextPiece[] | TextLine): string {
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

/** Clusters numbers lying within `tolerance` of their neighbour. */
export function clusterValues(values: readonly number[], tolerance: number): { at: number; n: number }[] {
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

/** Document line numbers: every piece gets the number of its text line (top-down, page by page). */
export function numberLines(pages: readonly PdfPage[]): Map<TextPiece, number> {
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
export function lineSpacingOf(pages: readonly PdfPage[]): number {
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
export function collectVocabulary(pages: readonly PdfPage[]): Set<string> {
  const words = new Set<string>();
  for (const page of pages) {
    for (const p of page.pieces) for (const w of p.str.toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? []) words.add(w);
  }
  return words;
}
