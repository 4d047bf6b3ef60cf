/**
 * pdfjs-dist, the engine beneath the PDF format: loaded once, on the first PDF (it is large, and text
 * and HTML reports never need it), with two things of its own kept from the rest of the process.
 *
 * Its legacy build (the one that runs on Node 20) carries core-js polyfills, and a few of them replace
 * builtins Node already has, for the whole thread: `Array.prototype.push` (forced for a V8 bug with
 * array-likes of 2^32 elements) becomes a JavaScript function, so every `push` anywhere (pdfjs's own
 * operator lists, and every later parse in the thread, text and HTML too) costs several calls; a
 * fifth of a PDF parse went there. `JSON.parse` is wrapped for the reviver's source text. Both are put
 * back once pdfjs and its worker code are loaded; what core-js adds (`Promise.withResolvers`, the new
 * `Set` methods, …), which pdfjs needs on Node 20, stays.
 *
 * pdfjs tells of what it skipped in a damaged file (a content stream cut short, a font it could not
 * read) only as a warning on the console. Those warnings are caught here, never printed, and told to
 * whoever listens (see {@link listenToPdfWarnings}).
 */
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The worker code: in Node pdfjs runs it in this thread (its "fake worker"), found on `globalThis.pdfjsWorker`. */
const WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

let loading: Promise<typeof PdfJs> | null = null;

/** pdfjs, loaded on the first call (the builtins its polyfills replace put back, its warnings caught). */
export function loadPdfJs(): Promise<typeof PdfJs> {
  return (loading ??= load());
}

async function load(): Promise<typeof PdfJs> {
  // Taken before pdfjs loads (when something else loaded it first, these are what it left: no loss).
  const push = Array.prototype.push;
  const parse = JSON.parse;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Loaded now, so its polyfills run before the builtins are put back (pdfjs would load it at the
  // first document, and use this same module).
  await import(WORKER_MODULE);
  Array.prototype.push = push;
  JSON.parse = parse;
  catchWarnings();
  return pdfjs;
}

/** Whoever listens to pdfjs's warnings now (the readings in flight). */
const listeners = new Set<(warning: string) => void>();

/**
 * Takes pdfjs's warnings (`console.warn("Warning: …")`, its one way of giving them) off the console:
 * they go to the listeners, and are never printed, as they were not before documents were opened
 * with warnings on. Anything else given to `console.warn` goes on as before.
 */
function catchWarnings(): void {
  const warn = console.warn;
  console.warn = function (this: Console, ...args: unknown[]): void {
    const [first] = args;
    if (args.length === 1 && typeof first === 'string' && first.startsWith('Warning: ')) {
      for (const listener of listeners) listener(first.slice('Warning: '.length));
      return;
    }
    warn.apply(this, args);
  };
}

/**
 * Calls `listener` with every warning pdfjs gives until the returned function is called. pdfjs runs
 * in this thread and says nothing of which document a warning is about: with two readings in flight,
 * each hears the other's warnings too (a reading may only ever hear too many, never too few).
 */
export function listenToPdfWarnings(listener: (warning: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
