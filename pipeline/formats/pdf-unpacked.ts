/**
 * How many bytes a PDF's Flate-compressed streams unpack to, counted before pdfjs sees the file. pdfjs
 * inflates a stream whole into memory when it reads it (a page's content, an image, an object
 * stream), so a 1 MB file of streams that inflate to 1 GB (a decompression bomb) once took 30 s and
 * 2.2 GB. Here every stream is inflated by zlib and only counted, its output dropped as it comes,
 * until the total passes the limit: memory stays at a chunk, and a normal PDF costs a few
 * milliseconds (zlib inflates far faster than pdfjs's own decoder).
 *
 * Streams are found by their `stream` keyword after a dictionary's `>>`, and inflated when their data
 * starts with a zlib header as pdfjs accepts one (FlateDecode is zlib's format): the dictionary is not
 * read, so a broken `/Length` or a `/Filter` hidden behind a reference changes nothing. A stream's
 * data ends where zlib says its compressed data ends, and the next stream is looked for after that,
 * so every byte of the file is inflated at most once. A stream whose output is itself zlib data (a
 * chain of `/FlateDecode` filters) has that output inflated and counted as well.
 *
 * zlib is stricter than pdfjs's own decoder in two ways that a bomb could hide behind, and both are
 * met: the header's window size is not checked (the deflate data after it is inflated raw), and a
 * distance reaching back before the start reads zeros, as in pdfjs (a window of zeros is preset).
 */
import type { Inflate } from 'node:zlib';

/** What the count found: the bytes unpacked until it stopped, and whether that passed the limit. */
export interface UnpackedSize {
  /** Bytes unpacked from every Flate stream (at most just past `limit` when `over`). */
  bytes: number;
  /** The streams unpack to more than the limit: the count stopped there. */
  over: boolean;
}

/** Chains of Flate filters deeper than this are not followed (pdfjs's own readers stop far sooner). */
const MAX_FLATE_CHAIN = 8;
/** Output chunk of the counting inflaters: large enough that a big stream costs few callbacks. */
const CHUNK_BYTES = 256 * 1024;

const STREAM = Buffer.from('stream');

/**
 * Counts the bytes the Flate streams of `pdf` unpack to, stopping once they pass `limit`. Damaged
 * streams count what they gave before the damage (pdfjs reads as far, too).
 */
export async function countUnpackedBytes(pdf: Uint8Array, limit: number): Promise<UnpackedSize> {
  const zlib = await import('node:zlib');
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const budget: Budget = { bytes: 0, limit };
  let from = 0;
  for (let at = bytes.indexOf(STREAM, from); at !== -1 && budget.bytes <= limit; at = bytes.indexOf(STREAM, from)) {
    from = at + STREAM.length;
    const data = streamDataStart(bytes, at);
    if (data === -1 || !isZlibHeader(bytes[data], bytes[data + 1])) continue;
    const consumed = await countStream(zlib, bytes.subarray(data), budget, MAX_FLATE_CHAIN);
    // The compressed data is no place to look for the next stream.
    from = Math.max(from, data + consumed);
  }
  return { bytes: budget.bytes, over: budget.bytes > limit };
}

/**
 * Where the data of the stream whose `stream` keyword is at `at` starts, or -1 when the keyword does
 * not open a stream (`endstream`, or a `stream` not after a dictionary's `>>`). As in pdfjs, the data
 * starts after the end of the line the keyword is on (CR LF, LF or CR), whatever else that line holds.
 */
function streamDataStart(bytes: Buffer, at: number): number {
  let before = at - 1;
  while (before >= 0 && isPdfWhiteSpace(bytes[before]!)) before--;
  if (before < 1 || bytes[before] !== 0x3e || bytes[before - 1] !== 0x3e) return -1;
  const after = at + STREAM.length;
  const lf = bytes.indexOf(0x0a, after);
  const cr = bytes.indexOf(0x0d, after);
  if (lf === -1 && cr === -1) return -1;
  if (cr !== -1 && (lf === -1 || cr < lf)) return bytes[cr + 1] === 0x0a ? cr + 2 : cr + 1;
  return lf + 1;
}

/** PDF white space: NUL, tab, line feed, form feed, carriage return, space. */
function isPdfWhiteSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}

/**
 * True when two bytes open a zlib stream as pdfjs's FlateStream reads one (RFC 1950: the deflate
 * method, the check bits, no preset dictionary; the window size is not checked).
 */
function isZlibHeader(cmf: number | undefined, flg: number | undefined): boolean {
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
}

/** Bytes of a zlib header, before the deflate data. */
const ZLIB_HEADER_BYTES = 2;
/** A deflate window of zeros: what pdfjs reads for a distance reaching back before the start. */
const ZERO_WINDOW = Buffer.alloc(32 * 1024);

/** The running count of one PDF: bytes unpacked so far, and where to stop. */
interface Budget {
  bytes: number;
  readonly limit: number;
}

/**
 * Inflates one zlib stream from the start of `input`, adding what it unpacks to the budget and
 * stopping as soon as the total passes its limit. Gives how many bytes of `input` the stream took.
 */
async function countStream(zlib: typeof import('node:zlib'), input: Buffer, budget: Budget, depth: number): Promise<number> {
  const layer = unpackLayer(zlib, budget, depth);
  layer.inflate.end(input.subarray(ZLIB_HEADER_BYTES));
  await layer.finished;
  return ZLIB_HEADER_BYTES + layer.inflate.bytesWritten;
}

/**
 * One inflater whose output is counted and dropped; when that output is zlib data itself (a chain of
 * Flate filters) it is also fed to an inner layer, `depth` levels at most, with backpressure, so a
 * layer never holds more than a chunk or two. `finished` settles when this layer and those inside it
 * are done, or the budget is spent, or the data is damaged (what came before the damage counts).
 */
function unpackLayer(zlib: typeof import('node:zlib'), budget: Budget, depth: number): { inflate: Inflate; finished: Promise<void> } {
  // Raw: the header is checked above, as pdfjs checks it; the Adler-32 at the end, which pdfjs never
  // checks, is not read.
  const inflate = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES, dictionary: ZERO_WINDOW });
  const finished = new Promise<void>((resolve) => {
    let inner: { inflate: Inflate; finished: Promise<void> } | null = null;
    let innerOpen = false;
    let first = true;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      inflate.removeAllListeners('data');
      inflate.destroy();
      if (!inner) return resolve();
      // The inner layer still has the chunks written to it to count, unless the budget is spent.
      if (innerOpen && budget.bytes > budget.limit) inner.inflate.destroy();
      else if (innerOpen) inner.inflate.end();
      void inner.finished.then(resolve);
    };
    inflate.on('data', (chunk: Buffer) => {
      // What the inner layer is given: this layer's output, past the zlib header it opens with.
      let forInner = chunk;
      if (first && depth > 1 && isZlibHeader(chunk[0], chunk[1])) {
        const layer = unpackLayer(zlib, budget, depth - 1);
        inner = layer;
        innerOpen = true;
        forInner = chunk.subarray(ZLIB_HEADER_BYTES);
        // An inner stream that ends (or breaks) early takes no more; this layer goes on counting.
        void layer.finished.then(() => {
          innerOpen = false;
          inflate.resume();
        });
      }
      first = false;
      budget.bytes += chunk.length;
      if (budget.bytes > budget.limit) return settle();
      if (inner && innerOpen && !inner.inflate.write(forInner)) {
        inflate.pause();
        inner.inflate.once('drain', () => inflate.resume());
      }
    });
    inflate.on('end', settle);
    inflate.on('error', settle);
    inflate.on('close', settle);
  });
  return { inflate, finished };
}
