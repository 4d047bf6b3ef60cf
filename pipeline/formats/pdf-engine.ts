/**
 * pdfjs-dist, the engine beneath the PDF format: loaded once, on the first PDF (it is large, and text
 * and HTML reports never need it), with a few things of its own kept from the rest of the process.
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
 *
 * The PDF format's documents are opened on a port of their own (see {@link openLayoutDocument}), which
 * hands over of each page's operator list only what the reader reads.
 */
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TransferListItem } from 'node:worker_threads';
import type { DocumentInitParameters, PDFDocumentLoadingTask, PDFWorkerParameters } from 'pdfjs-dist/types/src/display/api.js';

/** The worker code: in Node pdfjs runs it in this thread (its "fake worker"), found on `globalThis.pdfjsWorker`. */
const WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

let loading: Promise<typeof PdfJs> | null = null;
/** The loaded pdfjs, and its worker code's entry (which serves a document's requests on a port). */
let engine: { pdfjs: typeof PdfJs; worker: { initializeFromPort(port: object): void } } | null = null;

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
  const worker = (await import(WORKER_MODULE)) as { WorkerMessageHandler: { initializeFromPort(port: object): void } };
  Array.prototype.push = push;
  JSON.parse = parse;
  catchWarnings();
  engine = { pdfjs, worker: worker.WorkerMessageHandler };
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
 * each hears the other's warnings too (a reading may only ever hear too many, never too few). Its
 * warning level is one for the thread, set by each document opened: open every document with
 * `VerbosityLevel.WARNINGS` (the PDF format and the review's page images do).
 */
export function listenToPdfWarnings(listener: (warning: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A message of the stream of a page's operator list, as pdfjs's worker code sends it (`StreamKind.ENQUEUE`). */
interface OperatorChunkMessage {
  stream: number;
  chunk: { fnArray: number[]; argsArray: unknown[] };
}

/** pdfjs's `StreamKind.ENQUEUE`: a chunk of a stream's data. */
const STREAM_ENQUEUE = 4;

function isOperatorChunk(message: unknown): message is OperatorChunkMessage {
  const chunk = (message as { chunk?: { fnArray?: unknown; argsArray?: unknown } } | null)?.chunk;
  return (message as { stream?: unknown }).stream === STREAM_ENQUEUE && Array.isArray(chunk?.fnArray) && Array.isArray(chunk?.argsArray);
}

/**
 * The two ends of one document's messages, in this thread: pdfjs's own loopback port (its "fake
 * worker") but for the operator lists. Every message is copied (structured clone, as pdfjs's port
 * does: the worker code empties and reuses what it sent), but of an operator list only the operators
 * and the arguments of the operators the reader reads; the others' arguments (a glyph object per
 * character of every text run: most of a page's list, and the most costly to copy) are left out.
 */
class LayoutPort {
  readonly #listeners = new Map<(event: { data: unknown }) => void, (() => void) | null>();
  readonly #argumentsRead: ReadonlySet<number>;
  readonly #delivered = Promise.resolve();

  constructor(argumentsRead: ReadonlySet<number>) {
    this.#argumentsRead = argumentsRead;
  }

  postMessage(message: unknown, transfer?: TransferListItem[]): void {
    const event = { data: isOperatorChunk(message) ? this.#operatorChunk(message) : structuredClone(message, transfer ? { transfer } : undefined) };
    // Delivered later, in order, as a worker's messages are (and as pdfjs's loopback port does).
    void this.#delivered.then(() => {
      for (const listener of this.#listeners.keys()) listener.call(this, event);
    });
  }

  #operatorChunk(message: OperatorChunkMessage): OperatorChunkMessage {
    const { fnArray, argsArray } = message.chunk;
    const args = new Array<unknown>(argsArray.length);
    for (let i = 0; i < argsArray.length; i++) args[i] = this.#argumentsRead.has(fnArray[i]!) ? structuredClone(argsArray[i]) : null;
    return { ...message, chunk: { ...message.chunk, fnArray: fnArray.slice(), argsArray: args } };
  }

  addEventListener(_type: string, listener: (event: { data: unknown }) => void, options?: { signal?: AbortSignal }): void {
    const signal = options?.signal;
    if (signal?.aborted) return;
    let stopWatching: (() => void) | null = null;
    if (signal) {
      const onAbort = () => this.removeEventListener(_type, listener);
      signal.addEventListener('abort', onAbort);
      stopWatching = () => signal.removeEventListener('abort', onAbort);
    }
    this.#listeners.set(listener, stopWatching);
  }

  removeEventListener(_type: string, listener: (event: { data: unknown }) => void): void {
    this.#listeners.get(listener)?.();
    this.#listeners.delete(listener);
  }

  terminate(): void {
    for (const stopWatching of this.#listeners.values()) stopWatching?.();
    this.#listeners.clear();
  }
}

/**
 * A document opened for the layout (`loadPdfJs` must have been called): on a worker and port of its
 * own (see {@link LayoutPort}), so its pages' operator lists hold the arguments of `argumentsRead`'s
 * operators only, null for the others (a text run's operator is there, its glyphs are not). `close`
 * destroys the document (loaded or not) and its worker.
 */
export function openLayoutDocument(
  params: DocumentInitParameters,
  argumentsRead: ReadonlySet<number>,
): { task: PDFDocumentLoadingTask; close: () => Promise<void> } {
  if (!engine) throw new Error('openLayoutDocument before loadPdfJs');
  const { pdfjs } = engine;
  const port = new LayoutPort(argumentsRead);
  engine.worker.initializeFromPort(port);
  const worker = pdfjs.PDFWorker.create({ port: port as unknown as PDFWorkerParameters['port'], verbosity: params.verbosity });
  const task = pdfjs.getDocument({ ...params, worker });
  const close = async () => {
    await task.destroy().catch(() => undefined);
    worker.destroy();
  };
  return { task, close };
}
