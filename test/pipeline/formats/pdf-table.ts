/** Helpers of the PDF reader's tests (`pdf.test.ts`, `pdf-unruled.e2e.test.ts`). */
import { readFileSync } from 'node:fs';
import { readPdfTable } from '../../../pipeline/formats/pdf.js';
import type { RawTable } from '../../../pipeline/types.js';

/** The table `readPdfTable` reads from a PDF file; its diagnostics are thrown when it finds none. */
export async function table(path: string): Promise<RawTable> {
  const result = await readPdfTable(readFileSync(path));
  if (!result.value) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

/** A PDF cell without the `<p>`/`<ul>` wrappers the reader puts around its paragraphs. */
export const plain = (cell: string) => cell.replace(/<\/?(?:p|ul)>/g, '').trim();
