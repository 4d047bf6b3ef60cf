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
 *
 * And a page is read once, not twice: pdfjs reads a page's content stream once for its text
 * (`getTextContent`) and again for its drawing (`getOperatorList`), and the layout needs both (text
 * and ruling lines). The worker code is loaded with four of its classes given as well (see
 * {@link importWorkerCode}), so that the text's reading also keeps the paths it passes over (see
 * {@link keepPathsInTextReading}); the second reading was a third of a PDF parse.
 */
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import type { TransferListItem } from 'node:worker_threads';
import type { DocumentInitParameters, PDFDocumentLoadingTask, PDFPageProxy, PDFWorkerParameters, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js';
import { readModuleSource } from '../module-source.js';

/** The worker code: in Node pdfjs runs it in this thread (its "fake worker"), found on `globalThis.pdfjsWorker`. */
const WORKER_MODULE = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

let loading: Promise<typeof PdfJs> | null = null;
/** The loaded pdfjs, and its worker code's entry (which serves a document's requests on a port). */
let engine: { pdfjs: typeof PdfJs; worker: { initializeFromPort(port: object): void }; pathsWithText: boolean } | null = null;

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
  // first document, and use this same module: the worker code sets `globalThis.pdfjsWorker`, which
  // pdfjs takes before importing its own).
  const worker = await importWorkerCode();
  Array.prototype.push = push;
  JSON.parse = parse;
  catchWarnings();
  const pathsWithText = worker.internals !== null;
  if (worker.internals) keepPathsInTextReading(worker.internals, pdfjs.OPS);
  engine = { pdfjs, worker: worker.WorkerMessageHandler, pathsWithText };
  return pdfjs;
}

/** The worker code's classes the text's reading is widened with (see {@link keepPathsInTextReading}). */
interface WorkerInternals {
  PartialEvaluator: { prototype: { getTextContent(this: { options: object }, params: TextContentParams): Promise<void> } };
  EvaluatorPreprocessor: { prototype: { read(this: PreprocessorLike, operation: { fn?: number; args: unknown[] | null }): boolean } };
  StateManager: new (state: object) => object;
  TextState: new () => object;
}

/** What `PartialEvaluator.getTextContent` is given (the parts read here). */
interface TextContentParams {
  stateManager?: object | null;
  sink?: { enqueue(chunk: object, size: number): void } | null;
}

/** An `EvaluatorPreprocessor` (the parts read here): its text state, with the current matrix and font. */
interface PreprocessorLike {
  stateManager: { state: { ctm: ArrayLike<number>; loadedName: string | null; font: { name?: unknown } | null; [CAPTURE]?: PathCapture } };
}

/** The names of {@link WorkerInternals}, as the worker code declares them (`class … {` at the start of a line). */
const WORKER_INTERNALS = ['PartialEvaluator', 'EvaluatorPreprocessor', 'StateManager', 'TextState'] as const;

/** The worker code's one export, as its last statement (pdfjs 5). */
const WORKER_EXPORT = '\nexport { WorkerMessageHandler };';

/**
 * The pdfjs whose worker code the text reading is widened for (see {@link keepPathsInTextReading}:
 * it relies on how these classes read a page, not only on their names). Another version's worker
 * code is imported as it is until this is checked against it and moved on (a test fails meanwhile).
 */
const WIDENED_PDFJS_VERSION = '5.4.296';

/**
 * The worker code, with {@link WORKER_INTERNALS} given too when it declares all four (pdfjs 5's do).
 * Its source is read and run as the body of a strict function that returns them with its export, in
 * this thread's context, under its own file name (stack traces and line numbers are the file's). It is
 * a module with no imports, whose one `import.meta.url` (emscripten's script directory, for a JPEG 2000
 * decoder never loaded here) becomes its file's URL: otherwise it is the same code, as the module
 * would run it (and faster to load: 65 against 90 ms, as a `data:` URL module 135 ms).
 *
 * When the source is not as expected (another pdfjs: see {@link WIDENED_PDFJS_VERSION}) or fails to
 * run so, the module is imported as it is, and pages are read twice, as pdfjs alone can.
 */
async function importWorkerCode(): Promise<{ WorkerMessageHandler: { initializeFromPort(port: object): void }; internals: WorkerInternals | null }> {
  const { file, source } = await readModuleSource(WORKER_MODULE);
  const expected =
    source.includes(`const workerVersion = "${WIDENED_PDFJS_VERSION}";`) &&
    WORKER_INTERNALS.every((name) => source.includes(`\nclass ${name} {`)) &&
    source.split('import.meta').length === 2 &&
    source.includes('import.meta.url') &&
    source.split(WORKER_EXPORT).length === 2 &&
    !/^import[\s{*]/m.test(source);
  if (expected) {
    const body = source.replace('import.meta.url', JSON.stringify(pathToFileURL(file).href)).replace(WORKER_EXPORT, `\nreturn { WorkerMessageHandler, ${WORKER_INTERNALS.join(', ')} };`);
    try {
      // On the wrapper's first line, so that every line of the file keeps its number.
      const run = new Script(`(function () {"use strict";${body}\n})`, { filename: file }).runInThisContext() as () => { WorkerMessageHandler: { initializeFromPort(port: object): void } } & WorkerInternals;
      const { WorkerMessageHandler, ...internals } = run();
      if (typeof WorkerMessageHandler?.initializeFromPort === 'function' && WORKER_INTERNALS.every((name) => typeof internals[name] === 'function')) return { WorkerMessageHandler, internals };
    } catch {
      // Not to be run so after all: imported as it is, below.
    }
  }
  const loaded = (await import(WORKER_MODULE)) as { WorkerMessageHandler: { initializeFromPort(port: object): void } };
  return { WorkerMessageHandler: loaded.WorkerMessageHandler, internals: null };
}

/** A path as painted on a page: what an operator list's `constructPath` holds, with the matrix it was painted under. */
export interface PaintedPath {
  /** The painting operator (pdfjs `OPS`: `stroke`, `fill`, …). */
  paint: number;
  /** The path in pdfjs's `DrawOPS` codes (move, line, curve, close) and user-space coordinates. */
  data: Float32Array;
  /** The current transformation matrix it was painted under. */
  ctm: ArrayLike<number>;
}

/** Where a text reading's graphics state keeps its {@link PathCapture} (inherited by every state cloned from it). */
const CAPTURE = Symbol('status-ingest path capture');

/** The evaluator option by which a layout document's text readings keep their paths (see {@link LayoutPort}). */
const PATHS_OPTION = 'statusIngestPathsWithText';

/** pdfjs's path drawing codes (`DrawOPS`, which it does not export), as `constructPath` data holds them. */
export const DRAW_OPS = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 3 } as const;

/**
 * The paths one text reading passes over, built as pdfjs's `getOperatorList` builds them
 * (`PartialEvaluator.buildPath`): the same codes and end points, as 32-bit floats, closed the same
 * way, one path for each painting operator, a new one in each form. Only painted paths are kept (an
 * `n` ends a clipping path). The current point is one for the reading, where pdfjs keeps it in the
 * graphics state: after a `Q`, a `v` curve's first control point may differ (the rules read only end
 * points).
 */
class PathCapture {
  readonly paths: PaintedPath[] = [];
  /**
   * The name of each font the text is set in, by the name its text items give (`fontName`). The
   * operator list would have sent the fonts to the document (`commonObjs`); the text alone does not.
   */
  readonly fonts: Record<string, string> = {};
  /** The font of the last operator read, not to look it up again while it stays the same. */
  font: object | null = null;
  #buffer: number[] = [];
  #x = 0;
  #y = 0;

  constructor(private readonly ops: PathOps) {}

  /**
   * A form's reading begins: the path under construction (none, in a well-made file) is put aside,
   * as pdfjs gives each form a new path (`clone({ newPath: true })`); what the form leaves unpainted
   * is dropped when it ends, and the page's path and current point are back.
   */
  enterForm(): () => void {
    const [buffer, x, y] = [this.#buffer, this.#x, this.#y];
    this.#buffer = [];
    return () => {
      [this.#buffer, this.#x, this.#y] = [buffer, x, y];
    };
  }

  add(fn: number, args: readonly unknown[] | null, ctm: ArrayLike<number>): void {
    const { ops } = this;
    const a = args as readonly number[];
    const buffer = this.#buffer;
    if (fn === ops.rectangle) {
      const x = (this.#x = a[0]!);
      const y = (this.#y = a[1]!);
      const xw = x + a[2]!;
      const yh = y + a[3]!;
      if (a[2] === 0 || a[3] === 0) buffer.push(DRAW_OPS.moveTo, x, y, DRAW_OPS.lineTo, xw, yh, DRAW_OPS.closePath);
      else buffer.push(DRAW_OPS.moveTo, x, y, DRAW_OPS.lineTo, xw, y, DRAW_OPS.lineTo, xw, yh, DRAW_OPS.lineTo, x, yh, DRAW_OPS.closePath);
    } else if (fn === ops.moveTo || fn === ops.lineTo) {
      buffer.push(fn === ops.moveTo ? DRAW_OPS.moveTo : DRAW_OPS.lineTo, (this.#x = a[0]!), (this.#y = a[1]!));
    } else if (fn === ops.curveTo) {
      buffer.push(DRAW_OPS.curveTo, a[0]!, a[1]!, a[2]!, a[3]!, (this.#x = a[4]!), (this.#y = a[5]!));
    } else if (fn === ops.curveTo2) {
      buffer.push(DRAW_OPS.curveTo, this.#x, this.#y, a[0]!, a[1]!, (this.#x = a[2]!), (this.#y = a[3]!));
    } else if (fn === ops.curveTo3) {
      buffer.push(DRAW_OPS.curveTo, a[0]!, a[1]!, a[2]!, a[3]!, (this.#x = a[2]!), (this.#y = a[3]!));
    } else if (fn === ops.closePath) {
      buffer.push(DRAW_OPS.closePath);
    } else if (ops.painting.has(fn)) {
      if (ops.closing.has(fn)) buffer.push(DRAW_OPS.closePath);
      if (buffer.length > 0 && fn !== ops.endPath) this.paths.push({ paint: fn, data: new Float32Array(buffer), ctm });
      buffer.length = 0;
    }
  }
}

/** The operator codes a {@link PathCapture} reads (pdfjs `OPS`). */
interface PathOps {
  moveTo: number;
  lineTo: number;
  curveTo: number;
  curveTo2: number;
  curveTo3: number;
  closePath: number;
  rectangle: number;
  endPath: number;
  /** The operators that end a path (painting it, or `n`). */
  painting: ReadonlySet<number>;
  /** Those that close it first (`s`, `b`, `b*`). */
  closing: ReadonlySet<number>;
}

/**
 * Widens the text's reading of a page (`PartialEvaluator.getTextContent`), for layout documents only
 * (opened with {@link PATHS_OPTION}: pdf-parse and the review's page images read as pdfjs does):
 * - every operator its preprocessor reads goes to the reading's {@link PathCapture} too, with the
 *   current matrix (which the preprocessor keeps for text: `q`, `Q`, `cm`, and a form's matrix);
 * - when the page's reading ends, its paths are sent as one more chunk of the text content, with no
 *   items (`paths`), which {@link readTextAndPaths} takes.
 * A form's reading shares its page's capture (its state is cloned from the page's), with a path of
 * its own (see {@link PathCapture.enterForm}).
 */
function keepPathsInTextReading(internals: WorkerInternals, OPS: typeof PdfJs.OPS): void {
  const ops: PathOps = {
    moveTo: OPS.moveTo,
    lineTo: OPS.lineTo,
    curveTo: OPS.curveTo,
    curveTo2: OPS.curveTo2,
    curveTo3: OPS.curveTo3,
    closePath: OPS.closePath,
    rectangle: OPS.rectangle,
    endPath: OPS.endPath,
    painting: new Set([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.endPath]),
    closing: new Set([OPS.closeStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]),
  };
  const { PartialEvaluator, EvaluatorPreprocessor, StateManager, TextState } = internals;
  const read = EvaluatorPreprocessor.prototype.read;
  EvaluatorPreprocessor.prototype.read = function (this: PreprocessorLike, operation) {
    if (!read.call(this, operation)) return false;
    const { state } = this.stateManager;
    // One property read an operator when nothing captures (every reading but a layout document's text).
    const capture = state[CAPTURE];
    if (capture === undefined) return true;
    if (operation.fn! >= ops.moveTo && operation.fn! <= ops.endPath) capture.add(operation.fn!, operation.args, state.ctm);
    // A font is set (`Tf`, awaited) before the next operator is read: seen then, by the name the text gives it.
    else if (state.font !== capture.font && state.font) {
      capture.font = state.font;
      if (state.loadedName !== null && typeof state.font.name === 'string') capture.fonts[state.loadedName] = state.font.name;
    }
    return true;
  };
  const getTextContent = PartialEvaluator.prototype.getTextContent;
  PartialEvaluator.prototype.getTextContent = async function (this: { options: Record<string, unknown> }, params) {
    if (this.options[PATHS_OPTION] !== true) return getTextContent.call(this, params);
    const inherited = (params.stateManager as PreprocessorLike['stateManager'] | null | undefined)?.state[CAPTURE];
    if (inherited) {
      // A form's reading, given its page's state (a clone, which inherits the capture). A form that
      // gives no text is remembered as empty and never read again on the page: one that painted a
      // path enqueues an empty chunk, so that it is read each time it is painted, as the operator
      // list would paint it.
      const before = inherited.paths.length;
      const leaveForm = inherited.enterForm();
      try {
        await getTextContent.call(this, params);
      } finally {
        leaveForm();
      }
      if (inherited.paths.length > before) params.sink?.enqueue({ items: [], styles: {}, lang: null }, 0);
      return;
    }
    if (params.stateManager) return getTextContent.call(this, params);
    const state = new TextState() as { [CAPTURE]?: PathCapture };
    const capture = new PathCapture(ops);
    state[CAPTURE] = capture;
    await getTextContent.call(this, { ...params, stateManager: new StateManager(state) });
    params.sink?.enqueue({ items: [], styles: {}, lang: null, paths: capture.paths, fonts: capture.fonts }, 0);
  };
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
  /** False when the text readings need not keep the paths (see {@link readTextAndPaths}); they do by default. */
  readonly pathsWithText?: boolean;
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
    if (isAction(data, 'GetDocRequest')) {
      const options = (data.data as { evaluatorOptions: Record<string, unknown> }).evaluatorOptions;
      options.disableFontFace = false;
      if (this.#read.pathsWithText !== false && engine?.pathsWithText) options[PATHS_OPTION] = true;
    }
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

/** Whether a layout document's text readings give their pages' paths too (see {@link readTextAndPaths}). */
export function pathsComeWithText(): boolean {
  if (!engine) throw new Error('pathsComeWithText before loadPdfJs');
  return engine.pathsWithText;
}

/** What one reading of a page gives: its text items, and the paths and fonts when read with the text. */
export interface PageTextAndPaths {
  items: (TextItem | TextMarkedContent)[];
  /** The paths painted on the page; null when the engine reads them only in the operator list. */
  paths: PaintedPath[] | null;
  /** The name of each font of the text, by its items' `fontName` (with the paths; else `page.commonObjs`, after the operator list). */
  fonts: Readonly<Record<string, string>> | null;
}

/**
 * A page's text content (its items, as `getTextContent` gives them) and, of a layout document's page
 * when {@link pathsComeWithText}, the paths painted on it and its fonts' names, from that same one
 * reading of the page.
 */
export async function readTextAndPaths(page: PDFPageProxy): Promise<PageTextAndPaths> {
  const read: PageTextAndPaths = { items: [], paths: null, fonts: null };
  const reader = page.streamTextContent().getReader() as ReadableStreamDefaultReader<{ items: PageTextAndPaths['items']; paths?: PaintedPath[]; fonts?: Record<string, string> }>;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    // A loop, not push(...items): a page of a few hundred thousand runs overflows the stack.
    for (const item of value.items) read.items.push(item);
    if (value.paths) read.paths = value.paths;
    if (value.fonts) read.fonts = value.fonts;
  }
  return read;
}
