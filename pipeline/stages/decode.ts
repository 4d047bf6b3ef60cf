import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** UTF-8 with every invalid byte sequence read as U+FFFD (the WHATWG decoder's replacement). */
const utf8Replacing = new TextDecoder('utf-8');
const windows1252 = new TextDecoder('windows-1252');

/**
 * At most one valid multi-byte UTF-8 sequence per this many invalid bytes, and the file is taken for
 * Windows-1252: text in that encoding has its "æøå" as lone high bytes and hardly ever a byte pair
 * that happens to be valid UTF-8, while a UTF-8 file with a few damaged bytes has valid sequences
 * all around them.
 */
const INVALID_PER_VALID_SEQUENCE = 10;

/** Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary. */
const MAX_CONTROL_SHARE = 0.02;

/**
 * Decodes source bytes to text: UTF-8 (byte order mark removed). Bytes that are not valid UTF-8 are
 * read as U+FFFD with a warning naming the first one's place, unless the file is not UTF-8 as a whole
 * (invalid bytes and almost no valid multi-byte sequence): then it is Windows-1252, with a warning.
 * Empty and binary input give an error and no text.
 */
export function decodeSource(bytes: Uint8Array): Staged<string | null> {
  const diagnostics: DiagnosticRecord[] = [];
  if (bytes.length === 0) return staged(null, [diagnose('empty-input', undefined, { line: 1 })]);

  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    diagnostics.push(diagnose('byte-order-mark', undefined, { line: 1, column: 1 }));
  }
  const nul = body.indexOf(0);
  if (nul >= 0) {
    return staged(null, [...diagnostics, diagnose('binary-input', { reason: `a NUL byte at offset ${nul}` }, lineOfOffset(body, nul, false))]);
  }

  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    const scan = scanUtf8(body);
    if (scan.valid * INVALID_PER_VALID_SEQUENCE <= scan.invalid) {
      text = windows1252.decode(body);
      diagnostics.push(diagnose('decoded-windows-1252', undefined, lineOfOffset(body, scan.firstInvalid, false)));
    } else {
      text = utf8Replacing.decode(body);
      diagnostics.push(diagnose('invalid-utf8', { count: scan.invalid }, lineOfOffset(body, scan.firstInvalid, true)));
    }
  }

  const controls = controlCount(text);
  if (text.length > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    return staged(null, [...diagnostics, diagnose('binary-input', { reason: `${controls} control characters` }, { line: 1 })]);
  }
  if (text.trim() === '') return staged(null, [...diagnostics, diagnose('blank-input', undefined, { line: 1 })]);
  return staged(text, diagnostics);
}

/** The control characters `decodeSource` counts against text: C0 but tab, newline, form feed and carriage return; and DEL. */
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f]/;

/** Which ASCII codes {@link CONTROL} matches (it matches no other), for counting without a match array. */
const IS_CONTROL = new Uint8Array(0x80).map((_, c) => (CONTROL.test(String.fromCharCode(c)) ? 1 : 0));

/** How many control characters (see {@link CONTROL}) `text` holds. */
function controlCount(text: string): number {
  // Nearly every text has none: one regex search (native, fast) says so before the count.
  if (!CONTROL.test(text)) return 0;
  // Counted in a loop, not by a global match: a binary file's match array would hold a string per control.
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && IS_CONTROL[c] === 1) controls++;
  }
  return controls;
}

/**
 * The 1-based line and column of a byte offset, counting LF bytes; with `utf8`, the column counts
 * characters (UTF-8 continuation bytes are no column of their own), else bytes.
 */
function lineOfOffset(bytes: Uint8Array, offset: number, utf8: boolean): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      column = 1;
    } else if (!utf8 || (bytes[i]! & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

/**
 * Reads bytes as the WHATWG UTF-8 decoder does and counts what it finds: valid multi-byte sequences,
 * and invalid ones (each maximal invalid subpart once, as each becomes one U+FFFD), with the offset of
 * the first invalid one.
 */
function scanUtf8(bytes: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // How many continuation bytes the lead byte needs, and the range its first one must fall in.
    let need = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    }
    let k = 1;
    while (k <= need) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lower : 0x80) || c > (k === 1 ? upper : 0xbf)) break;
      k++;
    }
    if (need > 0 && k > need) {
      valid++;
      i += need + 1;
      continue;
    }
    invalid++;
    if (firstInvalid < 0) firstInvalid = i;
    // The byte that broke the sequence starts the next one.
    i += need === 0 ? 1 : k;
  }
  return { valid, invalid, firstInvalid: Math.max(0, firstInvalid) };
}
