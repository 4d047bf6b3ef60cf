/**
 * pdfjs as the PDF format loads it: the builtins its legacy build's polyfills replace are Node's own
 * again once it is loaded, and its warnings go to whoever listens, not to the console.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { listenToPdfWarnings, loadPdfJs } from '../../../pipeline/formats/pdf-engine.js';

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
