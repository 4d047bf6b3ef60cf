/**
 * Input format detection: `%PDF-` is a PDF, a document holding a `<table>` or opening with markup is
 * HTML, and anything else is the text format. An explicit `--format` wins over sniffing.
 */

/** The input formats status-ingest reads. */
export type InputFormat = 'text' | 'html' | 'pdf';

/** How many leading bytes are looked at when sniffing. */
const SNIFF_BYTES = 64 * 1024;

/** The start of an HTML page or fragment: a doctype, a comment or a common document element. */
const HTML_START = /^\s*(?:<!doctype\s+html|<!--|<(?:html|head|body|meta|div|p|h[1-6]|section|article|main|span|ul|ol)[\s>/])/i;

/** Guesses the format of source bytes from their content (the file name is not trusted). */
export function sniffFormat(bytes: Uint8Array): InputFormat {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  if (head.trimStart().startsWith('%PDF-')) return 'pdf';
  // Table rows and cells as markup are HTML's own: the text format's cells are separated by tabs and
  // may hold HTML fragments (paragraphs, lists), never <tr>/<td>. Tabs inside an HTML page's text
  // ("<span>\t</span>") must not make it a text report.
  if (/<t[rdh][\s>]/i.test(head)) return 'html';
  const tabRows = linesWithTab(head, 3);
  if (/<table[\s>]/i.test(head) && tabRows < 3) return 'html';
  // A page or fragment that opens with markup is HTML even without a table (it then gets "no-table").
  if (HTML_START.test(head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '')) && tabRows < 3) return 'html';
  return 'text';
}

/**
 * How many lines ("\n"-separated) of a text hold a tab, counted up to `most`: one `indexOf` per line
 * that has one, where a `^[^\n]*\t[^\n]*$` match tried and backtracked over every line.
 */
function linesWithTab(text: string, most: number): number {
  let lines = 0;
  for (let tab = text.indexOf('\t'); tab >= 0 && lines < most; ) {
    lines++;
    const end = text.indexOf('\n', tab);
    if (end < 0) break;
    tab = text.indexOf('\t', end);
  }
  return lines;
}
