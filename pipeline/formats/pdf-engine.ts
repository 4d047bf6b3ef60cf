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
 * hands over of each page's operator list only what the reader reads, and spares pdfjs the glyph
 * outlines that only drawing a page needs.
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
  chunk: { fnArray: number[]; argsArray: unknown[]; length: number };
}

/** pdfjs's `StreamKind.ENQUEUE`: a chunk of a stream's data. */
const STREAM_ENQUEUE = 4;

function isOperatorChunk(message: unknown): message is OperatorChunkMessage {
  const chunk = (message as { chunk?: { fnArray?: unknown; argsArray?: unknown } } | null)?.chunk;
  return (message as { stream?: unknown }).stream === STREAM_ENQUEUE && Array.isArray(chunk?.fnArray) && Array.isArray(chunk?.argsArray);
}

/** A message of the stream of a page's text content (`StreamKind.ENQUEUE`): its items and styles so far. */
interface TextChunkMessage {
  stream: number;
  chunk: { items: unknown[]; styles: object };
}

function isTextChunk(message: unknown): message is TextChunkMessage {
  const chunk = (message as { chunk?: { items?: unknown } } | null)?.chunk;
  return (message as { stream?: unknown }).stream === STREAM_ENQUEUE && Array.isArray(chunk?.items);
}

/** A request or a message between the two ends, by name (pdfjs's `MessageHandler` sends `{ action, data }`). */
interface ActionMessage {
  action: string;
  data: unknown;
}

function isAction(message: unknown, action: string): message is ActionMessage {
  return (message as { action?: unknown } | null)?.action === action;
}

/**
 * Where pdfjs 5.4's `FontInfo` (the binary form a font crosses the port in) keeps `disableFontFace`:
 * the third of its two-bit booleans, in the first byte (0 unset, 1 false, 2 true).
 */
const FONT_INFO_DISABLE_FONT_FACE_SHIFT = 4;
const FONT_INFO_TRUE = 0x02;

/** Sets `disableFontFace` in a font crossing the port (`commonobj` of type `Font`) to true. */
function disableFontFaceOf(message: ActionMessage): void {
  const [, type, exported] = message.data as [string, string, { data?: unknown } | undefined];
  if (type !== 'Font' || !(exported?.data instanceof ArrayBuffer) || exported.data.byteLength === 0) return;
  const bools = new Uint8Array(exported.data, 0, 1);
  bools[0] = (bools[0]! & ~(0x03 << FONT_INFO_DISABLE_FONT_FACE_SHIFT)) | (FONT_INFO_TRUE << FONT_INFO_DISABLE_FONT_FACE_SHIFT);
}

/**
 * A text content chunk as handed over: the message and chunk copied, not the items. The worker code
 * sends its one chunk object again and again, with a new array of items and new styles each time
 * (`enqueueChunk`); the items and their transforms are new objects, never changed once sent.
 */
function textChunk(message: TextChunkMessage): TextChunkMessage {
  return { ...message, chunk: { ...message.chunk } };
}

/** What a layout document hands over of each page's operator list. */
export interface OperatorsRead {
  /** The operators the list keeps, in their order; the others are left out. */
  readonly kept: ReadonlySet<number>;
  /** Of those, the operators whose arguments are handed over; the others' arguments are null. */
  readonly withArguments: ReadonlySet<number>;
}

/**
 * The two ends of one document's messages, in this thread: pdfjs's own loopback port (its "fake
 * worker") but for four things. Every message is copied (structured clone, as pdfjs's port does:
 * the worker code empties and reuses what it sent), but of an operator list only the operators the
 * reader reads, and of those only the arguments it reads (a page's list is mostly a text run and a
 * move per glyph, each run with a glyph object per character: the most costly part to copy and to
 * gather into the page's list), and of a text content the chunk but not its items (see
 * {@link textChunk}).
 *
 * And fonts are evaluated as for a font face (`disableFontFace` off in the worker's options), though
 * the document is opened with font faces off (there is no document to load them into): without font
 * faces pdfjs compiles every glyph's outline for a canvas to draw it by and sends each one over, on
 * every text run (a quarter of an operator list's cost), and nothing here draws. Each font is told to
 * this thread as one without a font face, so it is never loaded as one. The worker reads nothing
 * else of the option: text, positions and operators are the same.
 */
class LayoutPort {
  readonly #listeners = new Map<(event: { data: unknown }) => void, (() => void) | null>();
  readonly #read: OperatorsRead;
  readonly #delivered = Promise.resolve();

  constructor(read: OperatorsRead) {
    this.#read = read;
  }

  postMessage(message: unknown, transfer?: TransferListItem[]): void {
    const data = isOperatorChunk(message)
      ? this.#operatorChunk(message)
      : isTextChunk(message)
        ? textChunk(message)
        : structuredClone(message, transfer ? { transfer } : undefined);
    if (isAction(data, 'GetDocRequest')) (data.data as { evaluatorOptions: { disableFontFace: boolean } }).evaluatorOptions.disableFontFace = false;
    else if (isAction(data, 'commonobj')) disableFontFaceOf(data);
    const event = { data };
    // Delivered later, in order, as a worker's messages are (and as pdfjs's loopback port does).
    void this.#delivered.then(() => {
      for (const listener of this.#listeners.keys()) listener.call(this, event);
    });
  }

  #operatorChunk(message: OperatorChunkMessage): OperatorChunkMessage {
    const { fnArray, argsArray } = message.chunk;
    const { kept, withArguments } = this.#read;
    const fns: number[] = [];
    const args: unknown[] = [];
    for (let i = 0; i < fnArray.length; i++) {
      const fn = fnArray[i]!;
      if (!kept.has(fn)) continue;
      fns.push(fn);
      args.push(withArguments.has(fn) ? structuredClone(argsArray[i]) : null);
    }
    return { ...message, chunk: { ...message.chunk, fnArray: fns, argsArray: args, length: fns.length } };
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
 * own (see {@link LayoutPort}), so its pages' operator lists hold `read.kept`'s operators only, and
 * the arguments of `read.withArguments`' (null for the others: a text run's operator may be kept, its
 * glyphs are not), and its fonts are never font faces. `close` destroys the document (loaded or not)
 * and its worker.
 */
export function openLayoutDocument(
  params: DocumentInitParameters,
  read: OperatorsRead,
): { task: PDFDocumentLoadingTask; close: () => Promise<void> } {
  if (!engine) throw new Error('openLayoutDocument before loadPdfJs');
  const { pdfjs } = engine;
  const port = new LayoutPort(read);
  engine.worker.initializeFromPort(port);
  const worker = pdfjs.PDFWorker.create({ port: port as unknown as PDFWorkerParameters['port'], verbosity: params.verbosity });
  const task = pdfjs.getDocument({ ...params, worker });
  const close = async () => {
    await task.destroy().catch(() => undefined);
    worker.destroy();
  };
  return { task, close };
}
