import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../../pipeline/stages/decode.js';

describe('decodeSource', () => {
  it('reads UTF-8 and strips a byte order mark', () => {
    const r = decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Målsætning')]));
    expect(r.value).toBe('Målsætning');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['byte-order-mark']);
  });

  it('falls back to Windows-1252 and says where UTF-8 broke', () => {
    // "Ø" is 0xD8 in Windows-1252, an invalid lone lead byte in UTF-8.
    const r = decodeSource(new Uint8Array([0x41, 0x0a, 0x42, 0xd8, 0x43]));
    expect(r.value).toBe('A\nBØC');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'decoded-windows-1252', severity: 'warning', line: 2, column: 2 })]);
  });

  it('reads a UTF-8 file with a damaged byte as UTF-8: the byte becomes U+FFFD, said at its line and character', () => {
    const r = decodeSource(new Uint8Array([0x41, 0xc3, 0xa5, 0x0a, 0xc3, 0xa6, 0xff, 0x42]));
    expect(r.value).toBe('Aå\næ\uFFFDB');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-utf8', severity: 'warning', params: { count: 1 }, line: 2, column: 2 })]);
  });

  it('rejects empty, whitespace-only and binary input with an error', () => {
    expect(decodeSource(new Uint8Array()).diagnostics[0]).toMatchObject({ code: 'empty-input', severity: 'error' });
    expect(decodeSource(new TextEncoder().encode(' \n\t\n')).diagnostics[0]).toMatchObject({ code: 'blank-input' });
    const binary = decodeSource(new Uint8Array([0x25, 0x00, 0x01, 0x02]));
    expect(binary.value).toBeNull();
    expect(binary.diagnostics[0]).toMatchObject({ code: 'binary-input', severity: 'error', line: 1 });
  });
});
