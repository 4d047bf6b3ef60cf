/**
 * Page images of a PDF source for the review page: each page rendered by pdfjs onto an
 * @napi-rs/canvas canvas (the canvas pdfjs itself uses in Node) at a modest scale, as a JPEG data URL,
 * so the page stays one self-contained file. A page that cannot be rendered has no image (and says
 * so on the page); nothing here throws on a bad PDF.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { loadPdfJs } from '../../pipeline/formats/pdf-engine.js';

/** One page of the source as the review page shows it: its size in PDF points, and its image (null when it could not be rendered). */
export interface PageImage {
  page: number;
  width: number;
  height: number;
  src: string | null;
}

/** Pixels per PDF point of the images: readable, and about 100 kB a page as JPEG. */
export const PAGE_IMAGE_SCALE = 1.25;
/** JPEG quality (0–100) of the images. */
const JPEG_QUALITY = 55;
/** Pages rendered at most: a longer document shows its first pages only (the rest are listed without images). */
export const MAX_PAGE_IMAGES = 100;
/** Largest page side (points) rendered: a poster-sized page would cost a huge canvas. */
const MAX_PAGE_SIDE = 2000;

/** pdfjs's fonts for the 14 standard PDF fonts, which PDFs use without embedding them. */
function standardFontDataUrl(): string {
  const require = createRequire(import.meta.url);
  return `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
}

/** Renders the pages of a PDF as JPEG data URLs; an unreadable PDF gives no pages. */
export async function renderPageImages(bytes: Uint8Array, options: { scale?: number; maxPages?: number } = {}): Promise<PageImage[]> {
  const scale = options.scale ?? PAGE_IMAGE_SCALE;
  const maxPages = options.maxPages ?? MAX_PAGE_IMAGES;
  // Loaded as the PDF format loads it: the builtins its polyfills replace are put back.
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    // Warnings on, as the PDF format opens its documents: pdfjs's warning level is one for the thread,
    // and the format learns of damage from them (pdf-engine.ts catches them all: none is printed).
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: standardFontDataUrl(),
    stopAtErrors: false,
  });
  let doc: PDFDocumentProxy | null = null;
  try {
    doc = await task.promise;
  } catch {
    await task.destroy().catch(() => undefined);
    return [];
  }
  const out: PageImage[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const size = page.getViewport({ scale: 1 });
        let src: string | null = null;
        if (n <= maxPages && Math.max(size.width, size.height) <= MAX_PAGE_SIDE) {
          const viewport = page.getViewport({ scale });
          const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: NapiCanvas; context: CanvasContext } };
          const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
          // JPEG has no transparency: the page is painted on white, as it is printed.
          context.fillStyle = '#fff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise;
          const jpeg = await canvas.encode('jpeg', JPEG_QUALITY);
          src = `data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}`;
        }
        out.push({ page: n, width: size.width, height: size.height, src });
        page.cleanup();
      } catch {
        out.push({ page: n, width: 595, height: 842, src: null });
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  return out;
}

/** What this module uses of an @napi-rs/canvas canvas and its 2D context. */
interface NapiCanvas {
  width: number;
  height: number;
  encode(format: 'jpeg', quality: number): Promise<Uint8Array>;
}
interface CanvasContext {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
}
