/**
 * pdfjs as the PDF format loads it: the builtins its legacy build's polyfills replace are Node's own
 * again once it is loaded, its warnings go to whoever listens, not to the console, and a document
 * opened for the layout hands over the operators and only the arguments the reader asked for.
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
  it('gives every operator of a page, and the arguments of the operators asked for only', async () => {
    const pdfjs = await loadPdfJs();
    const { OPS } = pdfjs;
    const bytes = readFileSync(SEED_PDF);
    const full = pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false });
    const layout = openLayoutDocument({ data: new Uint8Array(bytes), verbosity: pdfjs.VerbosityLevel.ERRORS, isEvalSupported: false }, new Set([OPS.transform, OPS.constructPath]));
    try {
      const [fullPage, layoutPage] = await Promise.all([(await full.promise).getPage(1), (await layout.task.promise).getPage(1)]);
      const [all, read] = await Promise.all([fullPage.getOperatorList(), layoutPage.getOperatorList()]);
      expect(read.fnArray).toEqual(all.fnArray);
      expect(read.fnArray).toContain(OPS.showText);
      expect(read.fnArray).toContain(OPS.constructPath);
      for (let i = 0; i < all.fnArray.length; i++) {
        const fn = all.fnArray[i]!;
        expect(read.argsArray[i]).toEqual(fn === OPS.transform || fn === OPS.constructPath ? all.argsArray[i] : null);
      }
      // Text is read as on any document.
      const [text, layoutText] = await Promise.all([fullPage.getTextContent(), layoutPage.getTextContent()]);
      expect(layoutText.items.map((item) => ('str' in item ? item.str : ''))).toEqual(text.items.map((item) => ('str' in item ? item.str : '')));
    } finally {
      await full.destroy();
      await layout.close();
    }
  });
});
