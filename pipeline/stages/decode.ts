import { diagnose, staged, type Staged } from '../diagnostics.js';
import type { DiagnosticRecord } from '../../schemas/diagnostic.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/** Share of control characters (other than tab, newline, carriage return, form feed) above which text is binary. */
const MAX_CONTROL_SHARE = 0.02;

/**
 * Decodes source bytes to text: UTF-8 (byte order mark removed), or Windows-1252 when the bytes
 * are not valid UTF-8 (reported as a warning). Empty and binary input give an error and no text.
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
    return staged(null, [...diagnostics, diagnose('binary-input', { reason: `a NUL byte at offset ${nul}` }, lineOfOffset(body, nul))]);
  }

  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    text = windows1252.decode(body);
    diagnostics.push(diagnose('decoded-windows-1252', undefined, lineOfOffset(body, firstInvalidUtf8(body))));
  }

  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  if (text.length > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    return staged(null, [...diagnostics, diagnose('binary-input', { reason: `${controls} control characters` }, { line: 1 })]);
  }
  if (text.trim() === '') return staged(null, [...diagnostics, diagnose('blank-input', undefined, { line: 1 })]);
  return staged(text, diagnostics);
}

/** The 1-based line and column of a byte offset, counting LF bytes. */
function lineOfOffset(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that breaks UTF-8 (or 0 when none is found, which cannot happen after a failed decode). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}
