/**
 * How many bytes a PDF's Flate-compressed streams unpack to, counted before pdfjs sees the file. pdfjs
 * inflates a stream whole into memory when it reads it (a page's content, an image, an object
 * stream), so a 1 MB file of streams that inflate to 1 GB (a decompression bomb) once took 30 s and
 * 2.2 GB. Here every stream is inflated by zlib and only counted, its output dropped as it comes,
 * until the total passes the limit: memory stays at a chunk, and a normal PDF costs a few
 * milliseconds (zlib inflates far faster than pdfjs's own decoder).
 *
 * Streams are found by their `stream` keyword after a dictionary's `>>`, and inflated when their data
 * starts with a zlib header as pdfjs accepts one (FlateDecode is zlib's format): the count does not
 * read the dictionary, so a broken `/Length` or a `/Filter` hidden behind a reference changes nothing
 * (only whether a stream's sum is compared does, below). A stream's
 * data ends where zlib says its compressed data ends, and the next stream is looked for after that,
 * so every byte of the file is inflated at most once. A stream whose output is itself zlib data (a
 * chain of `/FlateDecode` filters) has that output inflated and counted as well.
 *
 * zlib is stricter than pdfjs's own decoder in two ways that a bomb could hide behind, and both are
 * met: the header's window size is not checked (the deflate data after it is inflated raw), and a
 * distance reaching back before the start reads zeros, as in pdfjs (a window of zeros is preset).
 *
 * The same pass tells which streams are damaged: pdfjs never checks a stream's Adler-32, so a few
 * flipped bits in a page's content or a font can drop text runs with no warning at all (a bit-flipped
 * copy of the seed PDF lost a goal's title that way, and its cells joined the goal above). Each
 * outermost stream's output is summed here as it is counted (a stream whose dictionary names
 * FlateDecode, in a PDF that is not encrypted), and a stream that unpacks whole to bytes whose sum
 * differs from the one after its data is counted as damaged (`hasWrongChecksum`).
 */
import type { Inflate } from 'node:zlib';

/** What the count found: the bytes unpacked until it stopped, and whether that passed the limit. */
export interface UnpackedSize {
  /** Bytes unpacked from every Flate stream (at most just past `limit` when `over`). */
  bytes: number;
  /** The streams unpack to more than the limit: the count stopped there. */
  over: boolean;
  /** Streams that unpack whole to bytes whose Adler-32 is not the one written after their data (`hasWrongChecksum`). */
  damaged: number;
}

/** Chains of Flate filters deeper than this are not followed (pdfjs's own readers stop far sooner). */
const MAX_FLATE_CHAIN = 8;
/** Output chunk of the counting inflaters: large enough that a big stream costs few callbacks. */
const CHUNK_BYTES = 256 * 1024;

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');
const ENCRYPT = Buffer.from('/Encrypt');
/** How far before a `stream` keyword its dictionary's `/Filter` is looked for. */
const DICTIONARY_BYTES = 1024;
/** How far after a stream's deflate data its `endstream` is looked for (see `hasWrongChecksum`). */
const TRAILER_BYTES = 256;

/**
 * True when the dictionary before the `stream` keyword at `at` names FlateDecode as the stream's
 * (first) filter, directly: only then is the data zlib's and its sum worth comparing (a filter behind a
 * reference, or another filter whose data merely starts like zlib's, is not compared).
 */
function isFlateFirst(bytes: Buffer, at: number): boolean {
  const before = bytes.toString('latin1', Math.max(0, at - DICTIONARY_BYTES), at);
  const dictionary = before.slice(before.lastIndexOf('obj') + 1);
  return /\/Filter\s*(?:\[\s*)?\/(?:FlateDecode|Fl)(?![A-Za-z])/.test(dictionary);
}

/**
 * Counts the bytes the Flate streams of `pdf` unpack to, stopping once they pass `limit`. Damaged
 * streams count what they gave before the damage (pdfjs reads as far, too).
 */
export async function countUnpackedBytes(pdf: Uint8Array, limit: number): Promise<UnpackedSize> {
  const zlib = await import('node:zlib');
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const budget: Budget = { bytes: 0, limit, damaged: 0 };
  // An encrypted PDF's streams are ciphertext: a sum after them says nothing, and its data only
  // looks like zlib's now and then.
  const encrypted = bytes.includes(ENCRYPT);
  let from = 0;
  for (let at = bytes.indexOf(STREAM, from); at !== -1 && budget.bytes <= limit; at = bytes.indexOf(STREAM, from)) {
    from = at + STREAM.length;
    const data = streamDataStart(bytes, at);
    if (data === -1 || !isZlibHeader(bytes[data], bytes[data + 1])) continue;
    const summed = !encrypted && isFlateFirst(bytes, at);
    const consumed = await countStream(zlib, bytes.subarray(data), budget, MAX_FLATE_CHAIN, summed);
    // The compressed data is no place to look for the next stream.
    from = Math.max(from, data + consumed);
  }
  return { bytes: budget.bytes, over: budget.bytes > limit, damaged: budget.damaged };
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

/** The running count of one PDF: bytes unpacked so far, where to stop, and the damaged streams found. */
interface Budget {
  bytes: number;
  readonly limit: number;
  damaged: number;
}

/** Adler-32's modulus, and the most bytes summed before its sums must be reduced (zlib's NMAX). */
const ADLER_BASE = 65521;
const ADLER_NMAX = 5552;

/** The running Adler-32 (RFC 1950) of a stream's unpacked bytes: its two sums. */
interface Adler {
  a: number;
  b: number;
}

/** Adds `chunk` to the running sum (reduced every `ADLER_NMAX` bytes, as zlib does, so the sums stay exact). */
function addToAdler(sum: Adler, chunk: Uint8Array): void {
  let { a, b } = sum;
  for (let i = 0; i < chunk.length; ) {
    const end = Math.min(chunk.length, i + ADLER_NMAX);
    for (; i < end; i++) {
      a += chunk[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  sum.a = a;
  sum.b = b;
}

/**
 * Inflates one zlib stream from the start of `input`, adding what it unpacks to the budget and
 * stopping as soon as the total passes its limit. Gives how many bytes of `input` the stream took.
 */
async function countStream(zlib: typeof import('node:zlib'), input: Buffer, budget: Budget, depth: number, summed: boolean): Promise<number> {
  const sum: Adler | undefined = summed ? { a: 1, b: 0 } : undefined;
  const layer = unpackLayer(zlib, budget, depth, sum);
  layer.inflate.end(input.subarray(ZLIB_HEADER_BYTES));
  const ended = await layer.finished;
  const consumed = ZLIB_HEADER_BYTES + layer.inflate.bytesWritten;
  if (sum && ended && hasWrongChecksum(input, consumed, sum)) budget.damaged++;
  return consumed;
}

/**
 * True when the four bytes after a stream's deflate data (at `end` of `input`) are an Adler-32 that
 * is not the sum of what it unpacked to. Only a stream that unpacked whole is compared, and only one
 * whose dictionary names FlateDecode in a PDF that is not encrypted (see `countUnpackedBytes`):
 * deflate data that breaks already makes pdfjs warn (and `pdf.ts` reads the pages again). No sum at
 * all (the data followed by white space and `endstream`, as a careless writer leaves it) is not
 * taken for a wrong one.
 */
function hasWrongChecksum(input: Buffer, end: number, sum: Adler): boolean {
  if (end + 4 > input.length) return false;
  const tail = input.subarray(end, end + TRAILER_BYTES);
  const endstream = tail.indexOf(ENDSTREAM);
  if (endstream !== -1 && tail.subarray(0, endstream).every(isPdfWhiteSpace)) return false;
  return input.readUInt32BE(end) !== ((sum.b << 16) | sum.a) >>> 0;
}

/**
 * One inflater whose output is counted and dropped (and summed into `sum`, for the outermost layer);
 * when that output is zlib data itself (a chain of Flate filters) it is also fed to an inner layer,
 * `depth` levels at most, with backpressure, so a layer never holds more than a chunk or two.
 * `finished` settles when this layer and those inside it are done, or the budget is spent, or the
 * data is damaged (what came before the damage counts): true when this layer's deflate data ended,
 * that is, it was unpacked whole.
 */
function unpackLayer(zlib: typeof import('node:zlib'), budget: Budget, depth: number, sum?: Adler): { inflate: Inflate; finished: Promise<boolean> } {
  // Raw: the header is checked above, as pdfjs checks it; the Adler-32 at the end, which pdfjs never
  // checks, is compared by `countStream` (zlib would refuse the whole stream over it).
  const inflate = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES, dictionary: ZERO_WINDOW });
  const finished = new Promise<boolean>((resolve) => {
    let inner: { inflate: Inflate; finished: Promise<boolean> } | null = null;
    let innerOpen = false;
    let first = true;
    let settled = false;
    const settle = (ended: boolean) => {
      if (settled) return;
      settled = true;
      inflate.removeAllListeners('data');
      inflate.destroy();
      if (!inner) return resolve(ended);
      // The inner layer still has the chunks written to it to count, unless the budget is spent.
      if (innerOpen && budget.bytes > budget.limit) inner.inflate.destroy();
      else if (innerOpen) inner.inflate.end();
      void inner.finished.then(() => resolve(ended));
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
      if (sum) addToAdler(sum, chunk);
      budget.bytes += chunk.length;
      if (budget.bytes > budget.limit) return settle(false);
      if (inner && innerOpen && !inner.inflate.write(forInner)) {
        inflate.pause();
        inner.inflate.once('drain', () => inflate.resume());
      }
    });
    inflate.on('end', () => settle(true));
    inflate.on('error', () => settle(false));
    inflate.on('close', () => settle(false));
  });
  return { inflate, finished };
}
