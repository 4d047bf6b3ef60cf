/**
 * Positions of a PDF page kept to numbers the layout can work with. A damaged content stream or font
 * can give pdfjs a text run or path at an infinite or not-a-number place (a font size of `1e400`
 * reads as Infinity, and Infinity × 0 in a text matrix is NaN), or far off the page. Those numbers
 * reached the report as a box at `NaN` (which fails the report's own validation) and sized an array
 * in the white-space column search ("Invalid array length"). Here, as the page comes from pdfjs, a
 * text run placed at no number or far off the page is left out, a run's end or a ruling line past
 * that is cut back, and what was changed is counted so the reader can say so (`pdf-page-misplaced`).
 *
 * "Far off the page" is more than a page's width (height) beyond its edges: text and lines printed
 * a little outside the page are kept as they are. A page whose own size is no number, or more than
 * the largest page a PDF may describe, is measured as that largest page.
 */
import type { PdfPage, Rule, TextPiece } from './pdf-page.js';

/** The largest page side a PDF describes (points: 200 inches, PDF 1.7 Annex C), and the size of a page whose own size is no number. */
const MAX_PAGE_SIDE = 14_400;

/** A page's positions made workable, and how many text runs and ruling lines that changed. */
export interface BoundedPage {
  page: PdfPage;
  /** Text runs left out (placed at no number or off the page) or whose end was cut back. */
  pieces: number;
  /** Ruling lines left out (at no number) or cut back to the page's surroundings. */
  rules: number;
}

/** The side of a page as measured here: its own when it is a sensible number of points. */
function sideOf(size: number): number {
  return Number.isFinite(size) && size > 0 ? Math.min(size, MAX_PAGE_SIDE) : MAX_PAGE_SIDE;
}

/**
 * The page with every text run and ruling line inside its surroundings (the page and one page size
 * around it): runs whose start, baseline or font size are no number, or lie outside, are left out; a
 * run's end and a rule's ends outside are cut back to the edge of the surroundings, rules at no number
 * left out. The page given is not changed; when nothing needed changing, it is given back as is.
 */
export function boundPage(page: PdfPage): BoundedPage {
  const width = sideOf(page.width);
  const height = sideOf(page.height);
  const inX = (x: number) => x >= -width && x <= 2 * width;
  const inY = (y: number) => y >= -height && y <= 2 * height;
  const clampX = (x: number) => Math.min(2 * width, Math.max(-width, x));
  const clampY = (y: number) => Math.min(2 * height, Math.max(-height, y));

  let pieces = 0;
  const keptPieces: TextPiece[] = [];
  for (const p of page.pieces) {
    // A size beyond the page's height is as damaged as a NaN one (and `NaN > 0` is false: left out too).
    if (!inX(p.x0) || !inY(p.baseline) || !(p.size > 0 && p.size <= height)) {
      pieces++;
      continue;
    }
    if (Number.isFinite(p.x1) && inX(p.x1)) keptPieces.push(p);
    else {
      pieces++;
      // A run's end at no number (its width was not one) is its start: the run keeps its text, not its width.
      keptPieces.push({ ...p, x1: Number.isFinite(p.x1) ? clampX(p.x1) : p.x0 });
    }
  }

  let rules = 0;
  const keptRules: Rule[] = [];
  for (const r of page.rules) {
    if (![r.x0, r.y0, r.x1, r.y1].every(Number.isFinite)) {
      rules++;
      continue;
    }
    if (inX(r.x0) && inX(r.x1) && inY(r.y0) && inY(r.y1)) keptRules.push(r);
    else {
      rules++;
      keptRules.push({ x0: clampX(r.x0), y0: clampY(r.y0), x1: clampX(r.x1), y1: clampY(r.y1) });
    }
  }

  if (pieces === 0 && rules === 0) return { page, pieces, rules };
  return { page: { ...page, pieces: keptPieces, rules: keptRules }, pieces, rules };
}
