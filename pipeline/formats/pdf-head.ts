/**
 * Around the table: the title and intro from the text outside it, with page furniture ("Side 1 af 4")
 * and running headers and footers left out.
 */
import type { LocatedText } from '../types.js';
import { isRunningHeaderOrFooter } from '../vocabulary/furniture.js';
import { joinLines } from './pdf-lines.js';
import { PARAGRAPH_GAP, groupLines, lineText, type PdfPage, type TextLine, type TextPiece } from './pdf-page.js';

/**
 * Title and intro from the text outside the table: page furniture and running headers (a line found at
 * the same place on several pages) are dropped, except that the first page's running header may be the
 * title. The title is the first paragraph of the first page; the other paragraphs are the intro.
 */
export function readHead(
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
