/**
 * The source beside the records on the review page, from the bytes the report was read from: the
 * page images of a PDF (`page-images.ts`), or the text lines of a text or HTML source (decoded as the
 * pipeline decodes them, so line numbers agree with the provenance).
 */
import { decodeSource } from '../../pipeline/stages/decode.js';
import type { Report } from '../../schemas/report.js';
import type { ReviewSource } from './page.js';
import { renderPageImages } from './page-images.js';

/** What the review page shows of a report's source: page images for a PDF, lines otherwise. */
export async function reviewSourceOf(report: Pick<Report, 'source'>, bytes: Uint8Array): Promise<ReviewSource> {
  if (report.source.format === 'pdf') return { pages: await renderPageImages(bytes) };
  const text = decodeSource(bytes).value;
  return text === null ? {} : { lines: text.split(/\r\n|\n|\r/) };
}
