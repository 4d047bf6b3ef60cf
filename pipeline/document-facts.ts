/**
 * The facts of any document, not only of a report's table (the `facts` command): its bytes go
 * through the same decoding and format readers as `parseReport` (sniffed format, `decodeSource` for
 * text and HTML, the PDF loader for PDF), so bad input gives the same diagnostics, and every fact is
 * told with the page it stands on.
 *
 * What the extractors read is the document's text: a text file as decoded; an HTML document's
 * visible text (the cell block parser, as for report cells; one page); a PDF's text, page by page,
 * each page's lines in reading order, the pages separated by form feeds, the text format's own page
 * break. A fact's `span` indexes that text.
 */
import type { Fact } from '../schemas/fact.js';
import { extractFacts, type ExtractOptions } from '../extractors/index.js';
import { blocksToText, cellToBlocks } from './cells/blocks.js';
import { diagnose, staged, type Staged } from './diagnostics.js';
import { loadPages } from './formats/pdf.js';
import { groupLines, lineText } from './formats/pdf-page.js';
import { sniffFormat, type InputFormat } from './formats/sniff.js';
import { splitPagedLines } from './formats/text.js';
import { decodeSource } from './stages/decode.js';

/** A fact of a document with the page it stands on (null where the format has no pages: HTML). */
export type PagedFact = Fact & { page: number | null };

/** Options of `extractDocumentFacts`. */
export interface DocumentFactsOptions extends Pick<ExtractOptions, 'referenceYear'> {
  /** Input format; `auto` (the default) sniffs the content, as `parseReport` does. */
  format?: InputFormat | 'auto';
}

/** The facts of a document; null (with an error diagnostic) when it has no text to read. */
export async function extractDocumentFacts(bytes: Uint8Array, options: DocumentFactsOptions = {}): Promise<Staged<PagedFact[] | null>> {
  const format = !options.format || options.format === 'auto' ? sniffFormat(bytes) : options.format;
  const text = await documentText(format, bytes);
  if (text.value === null) return staged(null, text.diagnostics);
  const facts = extractFacts(text.value.text, { referenceYear: options.referenceYear });
  const pageAt = text.value.paged ? pageFinder(text.value.text) : () => null;
  return staged(
    facts.map((fact) => ({ ...fact, page: pageAt(fact.span[0]) })),
    text.diagnostics,
  );
}

/** The text the extractors read, and whether its page breaks (form feeds, blank-line runs) count. */
async function documentText(format: InputFormat, bytes: Uint8Array): Promise<Staged<{ text: string; paged: boolean } | null>> {
  if (format === 'pdf') {
    const pages = await loadPages(bytes);
    if (!pages.value) return staged(null, pages.diagnostics);
    // A page's lines as a reader meets them; pdfjs may skip a page it cannot read (a warning), and
    // then the page numbers must still be the PDF's: empty pages stand in for the missing ones.
    const texts: string[] = [];
    for (const page of pages.value) {
      while (texts.length < page.number - 1) texts.push('');
      texts.push(groupLines(page.pieces).map(lineText).join('\n'));
    }
    return staged({ text: texts.join('\n\f'), paged: true }, pages.diagnostics);
  }
  if (format !== 'text' && format !== 'html') return staged(null, [diagnose('unsupported-format', { format })]);
  const decoded = decodeSource(bytes);
  if (decoded.value === null) return staged(null, decoded.diagnostics);
  if (format === 'text') return staged({ text: decoded.value, paged: true }, decoded.diagnostics);
  return staged({ text: blocksToText(cellToBlocks(decoded.value)), paged: false }, decoded.diagnostics);
}

/**
 * The page of a character offset of a text, by the text format's page rule (`splitPagedLines`: a form
 * feed, or two or more blank lines, start a page), so a fact's page is the page `parse` gives its line.
 */
function pageFinder(text: string): (offset: number) => number {
  // Where each non-blank line part starts, with its page, in order.
  const starts: number[] = [];
  const pages: number[] = [];
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);
  let lineNo = 0;
  let cursor = 0;
  for (const part of splitPagedLines(text)) {
    if (part.line !== lineNo) {
      lineNo = part.line;
      cursor = lineStarts[lineNo - 1]!;
    }
    const at = text.indexOf(part.text, cursor);
    starts.push(at);
    pages.push(part.page);
    cursor = at + part.text.length;
  }
  return (offset) => {
    // The last part starting at or before the offset (binary search).
    let lo = 0;
    let hi = starts.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return pages[found] ?? 1;
  };
}
