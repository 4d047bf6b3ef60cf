/** Helpers of the format readers' tests (`pdf.test.ts`, `pdf-unruled.e2e.test.ts`, `text.test.ts`). */
import { readFileSync } from 'node:fs';
import { readPdfDocument } from '../../../pipeline/formats/pdf.js';
import type { RawDocument, RawTable } from '../../../pipeline/types.js';

/** A one-table document seen as one: its head and its only table's header and rows. */
export type SingleTable = RawDocument & RawTable;

/** The document as its one table (the text and PDF readers give exactly one); throws when there is none. */
export function onlyTable(doc: RawDocument | null): SingleTable {
  if (!doc) throw new Error('no document');
  if (doc.tables.length !== 1) throw new Error(`expected one table, got ${doc.tables.length}`);
  return { ...doc, ...doc.tables[0]! };
}

/** The table `readPdfDocument` reads from a PDF file; its diagnostics are thrown when it finds none. */
export async function table(path: string): Promise<SingleTable> {
  const result = await readPdfDocument(readFileSync(path));
  if (!result.value) throw new Error(JSON.stringify(result.diagnostics));
  return onlyTable(result.value);
}

/** A PDF cell without the `<p>`/`<ul>` wrappers the reader puts around its paragraphs. */
export const plain = (cell: string) => cell.replace(/<\/?(?:p|ul)>/g, '').trim();
