/**
 * pdfjs as the PDF format loads it: the builtins its legacy build's polyfills replace are Node's own
 * again once it is loaded, its warnings go to whoever listens, not to the console, and a document
 * opened for the layout hands over only the operators and arguments the reader asked for, and builds
 * no glyph outlines.
 */
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { listenToPdfWarnings, loadPdfJs, openLayoutDocument } from '../../../pipeline/formats/pdf-engine.js';

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
