/**
 * Rows cut by a page break. A paragraph cut by the break is left open when the geometry says the line
 * before the break was a wrap (see `openParagraphs`), and a word hyphenated at the very end of the page
 * is mended (see `mendWordsCutByPage`), where the document's own words tell a split word from a
 * compound; the classify and stitch stages then join the rows.
 */
import type { RawRow } from '../types.js';
import type { LaidRow } from './pdf-geometry.js';
import { blockTag, joinLines, paragraphs } from './pdf-lines.js';
import { lineText } from './pdf-page.js';

/** Open paragraph elements per row and column: the tag left unclosed at a page break, or null. */
export interface OpenParagraphs {
  /** `ends[row][col]`: the element the cell leaves open at the end of its page. */
  ends: (string | null)[][];
  /** `starts[row][col]`: the element the cell goes on with from the page before. */
  starts: (string | null)[][];
}

/**
 * Paragraphs that run on over a page break. For the last row on a page and the first row of the next,
 * per column: when the first word after the break would have fitted at the end of the last line before
 * it, the line ended its paragraph; when it would not, the break may be a mere line wrap and the
 * paragraph is left open (`ends[row][col]` is the open element, `starts[row+1][col]` the same).
 */
export function openParagraphs(
  rows: readonly LaidRow[],
  textRight: readonly number[],
  spacing: number,
  vocabulary: ReadonlySet<string>,
): OpenParagraphs {
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

/**
 * A word hyphenated at the very end of a page, in a row the page break cut: the first word after the
 * break is moved up and joined as a line wrap would be (see `joinLines`: "Lyngby-" + "Taarbæk" keeps
 * its hyphen, "styrelses-" + "vedtægt" loses it when the document writes "styrelsesvedtægt", "golf-" +
 * "Tingstedet" in a list of "- " items stays apart and is left to the stitch stage).
 */
export function mendWordsCutByPage(rows: RawRow[], ends: readonly (string | null)[][], vocabulary: ReadonlySet<string>): void {
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
