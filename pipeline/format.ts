/**
 * Input format detection: `%PDF-` is a PDF, a document holding a `<table>` is HTML, and anything
 * else is the text format. An explicit `--format` wins over sniffing.
 */

/** The input formats status-ingest reads. */
export type InputFormat = 'text' | 'html' | 'pdf';

/** How many leading bytes are looked at when sniffing. */
const SNIFF_BYTES = 64 * 1024;

/** Guesses the format of source bytes from their content (the file name is not trusted). */
export function sniffFormat(bytes: Uint8Array): InputFormat {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  if (head.trimStart().startsWith('%PDF-')) return 'pdf';
  const tabRows = (head.match(/^[^\n]*\t[^\n]*$/gm) ?? []).length;
  if (/<table[\s>]/i.test(head) && tabRows < 3) return 'html';
  return 'text';
}
