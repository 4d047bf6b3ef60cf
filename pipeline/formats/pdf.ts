/**
 * The PDF format: the report printed or exported to PDF. pdfjs-dist (the engine beneath pdf-parse)
 * gives, per page, the text runs with their positions and the drawing operators, from which the
 * ruling lines are taken; `pdf-layout.ts` turns these into the raw table.
 *
 * pdf-parse's own `getTable()` is not used: it only sees stroked borders (Word fills thin rectangles)
 * and it drops every row that a page break cuts, which are exactly the rows this pipeline stitches.
 *
 * Bytes are only read, never written; an encrypted, image-only or damaged PDF gives an error
 * diagnostic, never an exception.
 */
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';
import { textCharCount } from '../cells/characters.js';
import type { SizedDocument } from './source-size.js';
import { layoutDocument } from './pdf-layout.js';
import { countUnpackedBytes } from './pdf-unpacked.js';
import { boundPage } from './pdf-bounds.js';
import { DRAW_OPS as DRAW, listenToPdfWarnings, loadPdfJs, openLayoutDocument, readTextAndPaths, type OperatorsRead, type PaintedPath } from './pdf-engine.js';
import { MAX_PDF_UNPACKED_BYTES } from '../vocabulary/source-limits.js';
import type { PdfPage, Rule, TextPiece } from './pdf-page.js';

type Matrix = [number, number, number, number, number, number];

/** pdfjs (`pdf-engine.ts`), set by `loadEngine` before any other function of this module runs. */
let pdfjs: typeof PdfJs;
/** Painting operators of a path that strokes it, and that fill it, and those that paint images. */
let STROKING: ReadonlySet<number>;
let FILLING: ReadonlySet<number>;
let IMAGES: ReadonlySet<number>;
/**
 * What `readRules` reads of an operator list: the graphics state, paths and images, and the arguments
 * of the first two; the other operators (text: most of a page's list) are not handed over.
 */
let OPERATORS_READ: OperatorsRead;

async function loadEngine(): Promise<void> {
  if (pdfjs) return;
  pdfjs = await loadPdfJs();
  const { OPS } = pdfjs;
  STROKING = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  FILLING = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  IMAGES = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup]);
  const withArguments = new Set<number>([OPS.save, OPS.restore, OPS.transform, OPS.constructPath, OPS.paintFormXObjectBegin, OPS.paintFormXObjectEnd]);
  OPERATORS_READ = { kept: new Set<number>([...withArguments, ...IMAGES]), withArguments };
}

/** Thickest filled rectangle still taken for a ruling line (points). */
const MAX_RULE_THICKNESS = 3;

/** Reads a PDF's pages and lays out the report's table. */
export async function readPdfDocument(bytes: Uint8Array): Promise<Staged<SizedDocument | null>> {
  const { loaded, suspectFrom } = await readPages(bytes, MAX_PDF_UNPACKED_BYTES);
  if (!loaded.value) return staged(null, loaded.diagnostics);
  const layout = layoutDocument(loaded.value);
  const chars = loaded.value.map((page) => page.pieces.reduce((n, piece) => n + textCharCount(piece.str), 0));
  const document = layout.value && { ...layout.value, sourceChars: chars.reduce((a, b) => a + b, 0) };
  const damaged = [...(await pagesReadWithErrors(bytes, loaded.value, suspectFrom)), ...sparsePages(loaded.value, chars), ...garbledPages(loaded.value)];
  damaged.sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
  const unreadable = loaded.diagnostics.filter((d) => d.code === 'pdf-page-unreadable').length;
  const lost = pagesMissing(bytes, loaded.value.length + unreadable);
  if (lost) damaged.unshift(lost);
  return staged(document, [...loaded.diagnostics, ...damaged, ...layout.diagnostics]);
}

/** A page (but the last) with less than this share of a typical page's text is taken for damaged. */
const SPARSE_PAGE_SHARE = 0.25;
/** Pages are compared only when a typical page holds at least this many characters of text. */
const MIN_TYPICAL_PAGE_CHARS = 500;

/**
 * A warning for each page that holds far less text than the document's typical (median) page: a
 * damaged content stream (a few flipped bits) makes pdfjs drop most of a page without a word. The
 * last page may end early, so it is judged only when it holds no text at all.
 */
function sparsePages(pages: readonly PdfPage[], chars: readonly number[]): DiagnosticRecord[] {
  if (pages.length < 3) return [];
  const sorted = [...chars].sort((a, b) => a - b);
  const typical = sorted[Math.floor(sorted.length / 2)]!;
  if (typical < MIN_TYPICAL_PAGE_CHARS) return [];
  const sparse: DiagnosticRecord[] = [];
  for (let i = 0; i < pages.length; i++) {
    const last = i === pages.length - 1;
    if (last ? chars[i] === 0 : chars[i]! < SPARSE_PAGE_SHARE * typical) {
      sparse.push(diagnose('pdf-page-sparse', { chars: chars[i]!, typical }, { page: pages[i]!.number }));
    }
  }
  return sparse;
}

/**
 * Characters no report's text holds: control characters (but tab and line ends), unassigned code
 * points, the replacement character, and letters of scripts other than Latin, Greek and Cyrillic.
 * A content stream or font that lost a few bits reads as runs of them (CJK, Devanagari, controls).
 */
const NOT_TEXT = /[^\P{Cc}\t\n\r]|[\p{Cn}\uFFFD]|(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}])\p{L}/gu;
/** A page with at least this many of them is garbled: a stray symbol or two is not. */
const MIN_GARBLED_CHARS = 3;

/** A warning for each page whose text holds characters that are no text (see {@link NOT_TEXT}). */
function garbledPages(pages: readonly PdfPage[]): DiagnosticRecord[] {
  const garbled: DiagnosticRecord[] = [];
  for (const page of pages) {
    let count = 0;
    for (const piece of page.pieces) count += piece.str.match(NOT_TEXT)?.length ?? 0;
    if (count >= MIN_GARBLED_CHARS) garbled.push(diagnose('pdf-page-garbled', { chars: count }, { page: page.number }));
  }
  return garbled;
}

/** A page object's dictionary as written in the file: `/Type /Page`, not `/Pages` (the tree's nodes). */
const PAGE_OBJECT = /\/Type\s*\/Page(?![A-Za-z0-9])/g;

/**
 * A warning when the file holds more page objects than the page tree led pdfjs to (a flipped bit in
 * the tree's `/Count` or `/Kids` loses the pages behind it, silently). Page objects packed in
 * compressed object streams are not seen, so this only ever tells of too few pages, never too many.
 */
function pagesMissing(bytes: Uint8Array, found: number): DiagnosticRecord | null {
  // Latin-1 as Node's buffers read it: a byte a character, the cheapest way to search bytes with a pattern.
  const objects = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').match(PAGE_OBJECT)?.length ?? 0;
  return objects > found ? diagnose('pdf-pages-missing', { found, objects }, { page: 1 }) : null;
}

/**
 * The document opened by pdfjs. With `stopAtErrors` off (how pages are read), pdfjs skips what it
 * cannot parse in a content stream or font and goes on, with a warning (`pdf-engine.ts` catches
 * them); on, it fails the page instead.
 */
function openDocument(bytes: Uint8Array, stopAtErrors: boolean) {
  // pdfjs may take over the buffer it is given: hand it a copy.
  return openLayoutDocument(
    {
      data: new Uint8Array(bytes),
      verbosity: pdfjs.VerbosityLevel.WARNINGS,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors,
    },
    // Read again for its text alone (see pagesReadWithErrors): no paths kept.
    stopAtErrors ? { ...OPERATORS_READ, pathsWithText: false } : OPERATORS_READ,
  );
}

/**
 * A warning for each page read (by `readPages`) with errors skipped: read again with errors stopping
 * the reading, its text fails or comes out different. That is how a damaged content stream shows
 * (a few flipped bits cut it short, and pdfjs keeps what came before with no more than a warning),
 * where no count of characters can tell a damaged page from a short one.
 *
 * Only the pages from `from` on are read again (none when it is null): the lenient reading gave no
 * warning before that page, and pdfjs only reads differently with errors stopping it where it would
 * skip an error, which it never does without a warning. Every later page is read again, not only
 * those that warned: a font or object read around an error is kept and used by later pages silently.
 */
async function pagesReadWithErrors(bytes: Uint8Array, pages: readonly PdfPage[], from: number | null): Promise<DiagnosticRecord[]> {
  if (from === null) return [];
  const damaged: DiagnosticRecord[] = [];
  const { task, close } = openDocument(bytes, true);
  try {
    const doc = await task.promise;
    for (const read of pages) {
      if (read.number < from) continue;
      let error: string | null = null;
      try {
        const page = await doc.getPage(read.number);
        const content = await page.getTextContent();
        page.cleanup();
        if (textCharsOf(content.items) === read.textChars) continue;
      } catch (thrown) {
        error = messageOf(thrown);
      }
      damaged.push(diagnose('pdf-page-damaged', { error }, { page: read.number }));
    }
  } catch (thrown) {
    // The lenient reading opened the document; this one cannot: every page was read around errors.
    const error = messageOf(thrown);
    for (const read of pages) damaged.push(diagnose('pdf-page-damaged', { error }, { page: read.number }));
  } finally {
    await close();
  }
  return damaged;
}

/** Characters of text in a page's text runs, all of them (the measure both readings are compared by). */
function textCharsOf(items: readonly object[]): number {
  let chars = 0;
  for (const item of items) if ('str' in item && typeof item.str === 'string') chars += textCharCount(item.str);
  return chars;
}

/**
 * The text and ruling lines of every page; null with an error diagnostic when the PDF has none, or
 * when its compressed streams unpack to more than `unpackedLimit` (counted first, by zlib: pdfjs
 * would hold them unpacked).
 */
export async function loadPages(bytes: Uint8Array, unpackedLimit = MAX_PDF_UNPACKED_BYTES): Promise<Staged<PdfPage[] | null>> {
  return (await readPages(bytes, unpackedLimit)).loaded;
}

/**
 * Warnings that tell of nothing skipped, given the same whether errors stop the reading or not: the
 * checks of a TrueType font's hinting programs (Word's PDFs give them), and a standard font (Helvetica,
 * …) used without being embedded, read from pdfjs's built-in metrics as no font files are given it.
 */
const WARNING_OF_NOTHING_SKIPPED = /^TT: |^UnknownErrorException: Ensure that the `standardFontDataUrl` API parameter is provided\.$/;

/**
 * The pages (as `loadPages` gives them), and the first page from which the reading may have skipped
 * an error: the page during whose reading pdfjs first warned (1 when it warned opening the document),
 * or a page it could not read at all; null when it never did.
 */
async function readPages(bytes: Uint8Array, unpackedLimit: number): Promise<{ loaded: Staged<PdfPage[] | null>; suspectFrom: number | null }> {
  const unpacked = await countUnpackedBytes(bytes, unpackedLimit);
  if (unpacked.over) return { loaded: staged(null, [diagnose('pdf-too-large-unpacked', { limit: unpackedLimit })]), suspectFrom: null };
  await loadEngine();
  let warned = false;
  const stopListening = listenToPdfWarnings((warning) => {
    if (!WARNING_OF_NOTHING_SKIPPED.test(warning)) warned = true;
  });
  let suspectFrom: number | null = null;
  const diagnostics: DiagnosticRecord[] = [];
  // pdfjs reads a stream whose sum is wrong without a word: the count above is what tells.
  if (unpacked.damaged > 0) diagnostics.push(diagnose('pdf-streams-damaged', { streams: unpacked.damaged }, { page: 1 }));
  const done = (loaded: Staged<PdfPage[] | null>) => ({ loaded, suspectFrom });
  const { task, close } = openDocument(bytes, false);
  try {
    let doc: PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (error) {
      return done(staged(null, [openError(error)]));
    }
    if (warned) suspectFrom = 1;
    const pages: PdfPage[] = [];
    let images = false;
    let imagesUnknown = false;
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        const read = await readPage(page, n);
        images ||= read.images ?? false;
        imagesUnknown ||= read.images === null;
        // Positions from a damaged stream may be no number or far off the page: kept out of the layout.
        const bounded = boundPage(read.page);
        if (bounded.pieces > 0 || bounded.rules > 0) diagnostics.push(diagnose('pdf-page-misplaced', { pieces: bounded.pieces, rules: bounded.rules }, { page: n }));
        pages.push(bounded.page);
        page.cleanup();
      } catch (error) {
        warned = true;
        diagnostics.push(diagnose('pdf-page-unreadable', { detail: messageOf(error) }, { page: n }));
      }
      if (warned) suspectFrom ??= n;
    }
    if (!pages.some((p) => p.pieces.length > 0)) {
      if (pages.length === 0 && doc.numPages > 0) return done(staged(null, [...diagnostics, diagnose('pdf-unreadable', { detail: 'no page could be read' })]));
      // No text: whether the pages paint images (a scan) tells the user what the PDF is.
      if (imagesUnknown) images = await anyPagePaintsImages(doc);
      return done(staged(null, [...diagnostics, diagnose('pdf-no-text', { images })]));
    }
    return done(staged(pages, diagnostics));
  } catch (error) {
    return done(staged(null, [...diagnostics, diagnose('pdf-unreadable', { detail: messageOf(error) })]));
  } finally {
    stopListening();
    await close();
  }
}

/** The diagnostic for a PDF that cannot be opened. */
function openError(error: unknown): DiagnosticRecord {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'PasswordException') return diagnose('pdf-encrypted');
  return diagnose('pdf-unreadable', { detail: messageOf(error) });
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim() || 'unknown error';
}

/**
 * One page: text pieces (horizontal text only) and ruling lines, in top-down page coordinates. Both
 * come from one reading of the page's content (`readTextAndPaths`) where the engine allows, else the
 * rules from its operator list. `images` (whether the page paints one) is known only from an
 * operator list, and null when none was read (see {@link anyPagePaintsImages}).
 */
async function readPage(page: PDFPageProxy, number: number): Promise<{ page: PdfPage; images: boolean | null }> {
  const viewport = page.getViewport({ scale: 1 });
  const view = viewport.transform as Matrix;
  const content = await readTextAndPaths(page);
  let rules: Rule[];
  let images: boolean | null = null;
  if (content.paths) rules = rulesOfPaths(content.paths, view);
  else {
    const list = await page.getOperatorList();
    ({ rules, images } = readRules(list.fnArray, list.argsArray, view));
  }
  const pieces: TextPiece[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const m = pdfjs.Util.transform(view, item.transform) as Matrix;
    const size = Math.hypot(m[2], m[3]);
    if (size <= 0 || Math.abs(m[1]) > size * 0.05) continue; // rotated or vertical text
    const x0 = m[4];
    pieces.push({
      str: item.str,
      x0,
      x1: x0 + item.width * (viewport.scale || 1),
      baseline: m[5],
      size,
      bold: isBoldFont(content.fonts ? content.fonts[item.fontName] : fontNameOf(page, item.fontName)),
    });
  }
  const textChars = textCharsOf(content.items);
  return { page: { number, width: viewport.width, height: viewport.height, pieces, rules, textChars }, images };
}

/**
 * Whether a page of the document paints an image, from the operator lists (read only for a PDF with
 * no text, to tell a scan); a page that cannot be read paints none.
 */
async function anyPagePaintsImages(doc: PDFDocumentProxy): Promise<boolean> {
  for (let n = 1; n <= doc.numPages; n++) {
    try {
      const list = await (await doc.getPage(n)).getOperatorList();
      if (list.fnArray.some((fn) => IMAGES.has(fn))) return true;
    } catch {
      // Told already, as pdf-page-unreadable.
    }
  }
  return false;
}

/** Whether a font is a bold face, by its name ("ABCDEF+Arial-BoldMT"). */
function isBoldFont(name: string | undefined): boolean {
  return /bold|black|heavy|semibold/i.test(name ?? '');
}

/** A font's name as the operator list sent it to the document. */
function fontNameOf(page: PDFPageProxy, fontName: string): string | undefined {
  try {
    const font = page.commonObjs.get(fontName) as { name?: string } | undefined;
    return font?.name;
  } catch {
    return undefined;
  }
}

/**
 * Ruling lines and images from an operator list (when pages are read twice: see `pdf-engine.ts`): its
 * paths with the matrix each was painted under (`q`, `Q`, `cm` and a form's own matrix followed), as
 * {@link rulesOfPaths} reads them. An annotation's appearance (which the text reading never reads)
 * is read as page content, under no matrix of its own.
 */
export function readRules(fnArray: readonly number[], argsArray: readonly unknown[], view: Matrix): { rules: Rule[]; images: boolean } {
  const paths: PaintedPath[] = [];
  let images = false;
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === pdfjs.OPS.save) stack.push(ctm);
    else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === pdfjs.OPS.transform && args) ctm = pdfjs.Util.transform(ctm, args as Matrix) as Matrix;
    else if (fn === pdfjs.OPS.paintFormXObjectBegin) {
      // A form is painted under its own matrix, within the state it was painted in.
      stack.push(ctm);
      const matrix = (args as [ArrayLike<number> | null] | null)?.[0];
      if (matrix) ctm = pdfjs.Util.transform(ctm, Array.from(matrix) as Matrix) as Matrix;
    } else if (fn === pdfjs.OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (IMAGES.has(fn)) images = true;
    else if (fn === pdfjs.OPS.constructPath && args) {
      const data = (args[1] as Float32Array[] | undefined)?.[0];
      if (data) paths.push({ paint: args[0] as number, data, ctm });
    }
  }
  return { rules: rulesOfPaths(paths, view), images };
}

/**
 * Ruling lines from the painted paths: every axis-aligned segment of a stroked path, and every thin
 * filled rectangle (Word draws cell borders that way).
 */
export function rulesOfPaths(paths: readonly PaintedPath[], view: Matrix): Rule[] {
  const rules: Rule[] = [];
  for (const { paint, data, ctm } of paths) {
    if (!STROKING.has(paint) && !FILLING.has(paint)) continue;
    const m = pdfjs.Util.transform(view, ctm) as Matrix;
    const subpaths = pathPoints(data, m);
    if (STROKING.has(paint)) {
      for (const sub of subpaths) {
        for (let k = 1; k < sub.points.length; k++) pushSegment(rules, sub.points[k - 1]!, sub.points[k]!);
        if (sub.closed && sub.points.length > 2) pushSegment(rules, sub.points[sub.points.length - 1]!, sub.points[0]!);
      }
    }
    if (FILLING.has(paint)) {
      for (const sub of subpaths) {
        if (sub.points.length < 2) continue;
        // A loop, not Math.min(...xs): a path of a few hundred thousand points overflows the stack.
        const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
        for (const [x, y] of sub.points) {
          box.x0 = Math.min(box.x0, x);
          box.y0 = Math.min(box.y0, y);
          box.x1 = Math.max(box.x1, x);
          box.y1 = Math.max(box.y1, y);
        }
        const w = box.x1 - box.x0;
        const h = box.y1 - box.y0;
        if (Math.min(w, h) <= MAX_RULE_THICKNESS && Math.max(w, h) >= 2) rules.push(box);
      }
    }
  }
  return rules;
}

/** Subpaths of `constructPath` data as page points (curves reduced to their end points). */
function pathPoints(data: ArrayLike<number>, m: Matrix): { points: [number, number][]; closed: boolean }[] {
  const out: { points: [number, number][]; closed: boolean }[] = [];
  const at = (x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  let current: { points: [number, number][]; closed: boolean } | null = null;
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === DRAW.moveTo) {
      current = { points: [at(data[i]!, data[i + 1]!)], closed: false };
      out.push(current);
      i += 2;
    } else if (op === DRAW.lineTo) {
      if (!current) out.push((current = { points: [], closed: false }));
      current.points.push(at(data[i]!, data[i + 1]!));
      i += 2;
    } else if (op === DRAW.curveTo) {
      if (!current) out.push((current = { points: [], closed: false }));
      current.points.push(at(data[i + 4]!, data[i + 5]!));
      i += 6;
    } else if (op === DRAW.closePath) {
      if (current) current.closed = true;
      current = null;
    } else break; // unknown drawing code: stop reading this path
  }
  return out;
}

/** Adds a segment as a rule when it is horizontal or vertical. */
function pushSegment(rules: Rule[], a: [number, number], b: [number, number]): void {
  const dx = Math.abs(a[0] - b[0]);
  const dy = Math.abs(a[1] - b[1]);
  if (Math.max(dx, dy) < 2 || Math.min(dx, dy) > 0.5) return;
  rules.push({ x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) });
}
