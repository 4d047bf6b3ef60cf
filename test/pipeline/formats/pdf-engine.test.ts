/**
 * pdfjs as the PDF format loads it: the builtins its legacy build's polyfills replace are Node's own
 * again once it is loaded, its warnings go to whoever listens, not to the console, and a document
 * opened for the layout hands over only the operators and arguments the reader asked for, builds
 * no glyph outlines, and reads a page's paths with its text, as its operator list paints them.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { listenToPdfWarnings, loadPdfJs, openLayoutDocument, pathsComeWithText, readTextAndPaths } from '../../../pipeline/formats/pdf-engine.js';
import { buildPdf } from '../../pdf-builder.js';

const SEED_PDF = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';

/** `Function.prototype.toString` of a fresh realm: core-js makes its own functions look native to this realm's. */
const sourceOf = runInNewContext('Function.prototype.toString') as (this: unknown) => string;

describe('loadPdfJs', () => {
  it("keeps Node's own Array.prototype.push and JSON.parse (core-js replaces both on Node 20)", async () => {
    const pdfjs = await loadPdfJs();
    expect(typeof pdfjs.getDocument).toBe('function');
    expect(sourceOf.call(Array.prototype.push)).toMatch(/\{\s*\[native code\]\s*\}$/);
    expect(sourceOf.call(JSON.parse)).toMatch(/\{\s*\[native code\]\s*\}$/);
    // What pdfjs needs and Node 20 lacks stays.
    expect(typeof (Promise as { withResolvers?: unknown }).withResolvers).toBe('function');
  });

  it('loads pdfjs once', async () => {
    expect(await loadPdfJs()).toBe(await loadPdfJs());
  });

  it("gives pdfjs's warnings to the listeners while they listen", async () => {
    await loadPdfJs();
    const heard: string[] = [];
    const stop = listenToPdfWarnings((w) => heard.push(w));
    const alsoHeard: string[] = [];
    const stopToo = listenToPdfWarnings((w) => alsoHeard.push(w));
    console.warn('Warning: getTextContent - ignoring errors during "GetTextContent: page 2" task: "bad".');
    stop();
    console.warn('Warning: TT: undefined function: 21');
    stopToo();
    console.warn('Warning: heard by no one');
    expect(heard).toEqual(['getTextContent - ignoring errors during "GetTextContent: page 2" task: "bad".']);
    expect(alsoHeard).toEqual([heard[0], 'TT: undefined function: 21']);
  });
});

describe('openLayoutDocument', () => {
  it('gives the operators asked for of a page, in order, and the arguments of those asked for only', async () => {
    const pdfjs = await loadPdfJs();
    const { OPS } = pdfjs;
    const bytes = readFileSync(SEED_PDF);
    const full = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false });
    const kept = new Set([OPS.save, OPS.restore, OPS.transform, OPS.constructPath]);
    const withArguments = new Set([OPS.transform, OPS.constructPath]);
    const layout = openLayoutDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false }, { kept, withArguments });
    try {
      const [fullPage, layoutPage] = await Promise.all([(await full.promise).getPage(1), (await layout.task.promise).getPage(1)]);
      const [all, read] = await Promise.all([fullPage.getOperatorList(), layoutPage.getOperatorList()]);
      const expected = all.fnArray.flatMap((fn, i) => (kept.has(fn) ? [{ fn, args: withArguments.has(fn) ? all.argsArray[i] : null }] : []));
      expect(all.fnArray).toContain(OPS.showText);
      expect(expected.some(({ fn }) => fn === OPS.constructPath)).toBe(true);
      expect(read.fnArray.map((fn, i) => ({ fn, args: read.argsArray[i] }))).toEqual(expected);
      // Text is read as on any document (font names hold the document's number: left out).
      const [text, layoutText] = await Promise.all([fullPage.getTextContent(), layoutPage.getTextContent()]);
      const unnamed = (items: object[]) => items.map((item) => ({ ...item, fontName: null }));
      expect(text.items.length).toBeGreaterThan(100);
      expect(unnamed(layoutText.items)).toEqual(unnamed(text.items));
    } finally {
      await full.destroy();
      await layout.close();
    }
  });

  it('builds no glyph outlines, and its fonts are never font faces', async () => {
    const pdfjs = await loadPdfJs();
    const { OPS } = pdfjs;
    const bytes = readFileSync(SEED_PDF);
    const params = { verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false, disableFontFace: true };
    const full = pdfjs.getDocument({ ...params, data: new Uint8Array(bytes) });
    const read = { kept: new Set([OPS.setFont]), withArguments: new Set([OPS.setFont]) };
    const layout = openLayoutDocument({ ...params, data: new Uint8Array(bytes) }, read);
    try {
      const [fullPage, layoutPage] = await Promise.all([(await full.promise).getPage(1), (await layout.task.promise).getPage(1)]);
      const fullList = await fullPage.getOperatorList();
      const { argsArray } = await layoutPage.getOperatorList();
      const fullFonts = fullList.fnArray.flatMap((fn, i) => (fn === OPS.setFont ? [(fullList.argsArray[i] as [string])[0]] : []));
      const ids = (objs: Iterable<unknown[]>) => [...objs].map(([id]) => String(id));
      // Without font faces pdfjs sends an outline per glyph shown, for a canvas to draw it by.
      expect(ids(fullPage.commonObjs).filter((id) => id.includes('_path_')).length).toBeGreaterThan(10);
      expect(ids(layoutPage.commonObjs).filter((id) => id.includes('_path_'))).toEqual([]);
      const fonts = argsArray.map((args) => (args as [string])[0]);
      expect(fonts.length).toBe(fullFonts.length);
      expect(fonts.length).toBeGreaterThan(0);
      fonts.forEach((name, i) => {
        const font = layoutPage.commonObjs.get(name) as { disableFontFace: boolean; name: string };
        const same = fullPage.commonObjs.get(fullFonts[i]!) as { disableFontFace: boolean; name: string };
        expect(font.disableFontFace).toBe(true);
        expect(font.name).toBe(same.name);
      });
    } finally {
      await full.destroy();
      await layout.close();
    }
  });
});

type Matrix = [number, number, number, number, number, number];

/**
 * The paths a page's operator list paints (of a document opened as pdfjs opens it), each with the
 * matrix it is painted under (`q`, `Q`, `cm` and a form's own matrix followed): what a layout
 * document's one reading must give. `n` (a clipping path, painted by nothing) is left out.
 */
async function paintedByOperatorList(page: PDFPageProxy) {
  const pdfjs = await loadPdfJs();
  const { OPS, Util } = pdfjs;
  const { fnArray, argsArray } = await page.getOperatorList();
  const paths: { paint: number; data: number[]; ctm: number[] }[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = Util.transform(ctm, args as Matrix) as Matrix;
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (args[0]) ctm = Util.transform(ctm, args[0] as Matrix) as Matrix;
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && args[0] !== OPS.endPath) {
      const data = (args[1] as (Float32Array | null)[])[0];
      if (data) paths.push({ paint: args[0] as number, data: [...data], ctm: [...ctm] });
    }
  });
  return paths;
}

/** A layout reading's paths, as plain arrays (to compare). */
const plainPaths = (paths: readonly { paint: number; data: Float32Array; ctm: ArrayLike<number> }[] | null) =>
  paths?.map(({ paint, data, ctm }) => ({ paint, data: [...data], ctm: Array.from(ctm) })) ?? null;

/**
 * A page with a path of each kind: a stroke, a filled rectangle, curves of the three forms closed by
 * `s`, a zero-height rectangle, a clipping path (`W n`), all under a `cm`; a form with a matrix of its
 * own painted twice (the second time scaled); text in two fonts, one of them bold.
 */
function pdfOfEveryPath(): Buffer {
  const content = [
    'q 1 0 0 1 10 20 cm',
    '10 10 m 100 10 l S',
    '20 20 50 2 re f',
    '30 30 m 31 31 32 32 40 40 c 45 45 50 50 v 55 55 60 60 y s',
    '70 70 80 0 re B',
    '0 0 5 5 re W n',
    'Q',
    '/Fm1 Do',
    'q 2 0 0 2 0 0 cm /Fm1 Do Q',
    'BT /F1 12 Tf 72 720 Td (Mål) Tj /F2 10 Tf ( fed) Tj ET',
  ].join('\n');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> /XObject << /Fm1 7 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>',
    { dict: '', data: Buffer.from(content, 'latin1') },
    { dict: '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 5 5]', data: Buffer.from('0 100 m 200 100 l S', 'latin1') },
  ]);
}

/**
 * A page made badly on purpose: a form that leaves a path unpainted (pdfjs drops it: each form has a
 * path of its own), and a path the page starts before painting the form and paints after it.
 */
function pdfOfPathsAcrossAForm(): Buffer {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Fm1 5 0 R >> >> /Contents 4 0 R >>',
    { dict: '', data: Buffer.from('10 10 m 300 10 l /Fm1 Do S\n20 500 m 400 500 l S', 'latin1') },
    { dict: '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 50]', data: Buffer.from('100 100 m 100 400 l S 200 100 m 200 400 l', 'latin1') },
  ]);
}

describe('readTextAndPaths', () => {
  it('reads paths with the text on the pdfjs this project pins (the worker code is as expected)', async () => {
    await loadPdfJs();
    // Were this false, every PDF page would be read twice (text, then operator list): a third slower.
    expect(pathsComeWithText()).toBe(true);
  });

  for (const [name, bytes] of [
    ['the seed PDF', () => readFileSync(SEED_PDF)],
    ['a page with a path of every kind, a form painted twice and a bold font', pdfOfEveryPath],
    ['a page with paths left open across a form', pdfOfPathsAcrossAForm],
  ] as const) {
    it(`gives, of ${name}, the paths its operator list paints and the text getTextContent gives, in one reading`, async () => {
      const pdfjs = await loadPdfJs();
      const data = bytes();
      const params = { verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false, disableFontFace: true };
      const full = pdfjs.getDocument({ ...params, data: new Uint8Array(data) });
      const layout = openLayoutDocument({ ...params, data: new Uint8Array(data) }, { kept: new Set(), withArguments: new Set() });
      try {
        const [fullDoc, layoutDoc] = [await full.promise, await layout.task.promise];
        for (let n = 1; n <= Math.min(2, fullDoc.numPages); n++) {
          const [fullPage, layoutPage] = [await fullDoc.getPage(n), await layoutDoc.getPage(n)];
          const expected = await paintedByOperatorList(fullPage);
          const text = await fullPage.getTextContent();
          const read = await readTextAndPaths(layoutPage);
          expect(expected.length).toBeGreaterThan(2);
          expect(plainPaths(read.paths)).toEqual(expected);
          const unnamed = (items: object[]) => items.map((item) => ({ ...item, fontName: null }));
          expect(unnamed(read.items)).toEqual(unnamed(text.items));
          // Each item's font by name, as the operator list would have sent it to the document.
          const names = read.items.map((item) => ('fontName' in item ? read.fonts?.[item.fontName] : undefined));
          const fullNames = text.items.map((item) => ('fontName' in item ? (fullPage.commonObjs.get(item.fontName) as { name: string }).name : undefined));
          expect(names).toEqual(fullNames);
        }
      } finally {
        await full.destroy();
        await layout.close();
      }
    });
  }

  it('reads each path of the page with every kind once, and a form each time it is painted, under its own matrix', async () => {
    const pdfjs = await loadPdfJs();
    const { OPS } = pdfjs;
    const layout = openLayoutDocument({ data: new Uint8Array(pdfOfEveryPath()), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false }, { kept: new Set(), withArguments: new Set() });
    try {
      const read = await readTextAndPaths(await (await layout.task.promise).getPage(1));
      const paths = plainPaths(read.paths)!;
      expect(paths.map((p) => p.paint)).toEqual([OPS.stroke, OPS.fill, OPS.closeStroke, OPS.fillStroke, OPS.stroke, OPS.stroke]);
      // `v` starts at the current point, `y` ends at its own; `s` closes the path.
      expect(paths[2]!.data).toEqual([0, 30, 30, 2, 31, 31, 32, 32, 40, 40, 2, 40, 40, 45, 45, 50, 50, 2, 55, 55, 60, 60, 60, 60, 3]);
      // A rectangle of no height is a move, a line to its far corner, a close.
      expect(paths[3]!.data).toEqual([0, 70, 70, 1, 150, 70, 3]);
      expect(paths[4]!.ctm).toEqual([1, 0, 0, 1, 5, 5]);
      expect(paths[5]!.ctm).toEqual([2, 0, 0, 2, 10, 10]);
      expect(Object.values(read.fonts ?? {}).sort()).toEqual(['Helvetica', 'Helvetica-Bold']);
    } finally {
      await layout.close();
    }
  });

  it('leaves the reading of any other document as pdfjs has it: no paths, no extra chunk', async () => {
    const pdfjs = await loadPdfJs();
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdfOfEveryPath()), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false }).promise;
    try {
      const chunks: object[] = [];
      const reader = (await doc.getPage(1)).streamTextContent().getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value as object);
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunks.every((chunk) => !('paths' in chunk) && (chunk as { items: unknown[] }).items.length > 0)).toBe(true);
      expect((await readTextAndPaths(await doc.getPage(1))).paths).toBeNull();
    } finally {
      await doc.destroy();
    }
  });
});
