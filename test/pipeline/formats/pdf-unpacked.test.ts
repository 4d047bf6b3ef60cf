/**
 * Counting what a PDF's Flate streams unpack to before pdfjs reads them (issue 11: a 1 MB file whose
 * streams unpack to 1 GB took 2.2 GB): exact on built PDFs, bounded on bombs, blind to what pdfjs
 * ignores too (a wrong `/Length`, damage), and cheap on the real PDFs.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countUnpackedBytes } from '../../../pipeline/formats/pdf-unpacked.js';
import { loadPages } from '../../../pipeline/formats/pdf.js';
import { MAX_PDF_UNPACKED_BYTES } from '../../../pipeline/vocabulary/source-limits.js';
import { buildPdf, deflated, pdfWithContent, zeroBomb } from '../../pdf-builder.js';

const MiB = 1024 * 1024;
const SEED_PDF = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';

/** The sum of what every `stream … endstream` of a PDF inflates to, by `/Length`: the count to match. */
function inflatedByLength(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  let total = 0;
  for (const m of text.matchAll(/\/Length (\d+)[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const data = pdf.subarray(start, start + Number(m[1]));
    if (data[0] !== 0x78) continue;
    try {
      total += inflateSync(data).length;
    } catch {
      // Not zlib data after all.
    }
  }
  return total;
}

describe('countUnpackedBytes', () => {
  it('counts every Flate stream of a PDF, and nothing for streams that are not compressed', async () => {
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      { dict: '/Filter /FlateDecode', data: deflated('a'.repeat(12_345)) },
      { dict: '', data: Buffer.from('BT (not compressed) Tj ET') },
      { dict: '/Filter /FlateDecode /Type /XObject', data: deflated(Buffer.alloc(70_000, 7)) },
    ]);
    expect(await countUnpackedBytes(pdf, 10 * MiB)).toEqual({ bytes: 12_345 + 70_000, over: false, damaged: 0 });
  });

  it('counts the seed PDF as zlib inflates its streams one by one', async () => {
    const pdf = readFileSync(SEED_PDF);
    const counted = await countUnpackedBytes(pdf, MAX_PDF_UNPACKED_BYTES);
    expect(counted.over).toBe(false);
    expect(counted.bytes).toBe(inflatedByLength(pdf));
    expect(counted.bytes).toBeGreaterThan(pdf.length);
  });

  it('stops just past the limit, whatever the stream would unpack to', async () => {
    const start = performance.now();
    const counted = await countUnpackedBytes(pdfWithContent(zeroBomb(1024)), 16 * MiB);
    expect(counted.over).toBe(true);
    // At most one output chunk of the inflater past the limit.
    expect(counted.bytes).toBeGreaterThan(16 * MiB);
    expect(counted.bytes).toBeLessThan(17 * MiB);
    // A generous bound for a busy machine: unpacking the whole gigabyte takes several seconds.
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('counts every link of a chain of Flate filters (a bomb inside a small stream)', async () => {
    // Three layers: the stream unpacks to zlib data, which unpacks to the bomb, which unpacks to 8 MiB.
    const inner = zeroBomb(8);
    const chain = deflated(inner, 2);
    expect(await countUnpackedBytes(pdfWithContent(chain, '[/FlateDecode /FlateDecode /FlateDecode]'), 64 * MiB)).toEqual({
      bytes: deflateSync(inner).length + inner.length + 8 * MiB,
      over: false,
      damaged: 0,
    });
    expect((await countUnpackedBytes(pdfWithContent(deflated(zeroBomb(64), 2)), 32 * MiB)).over).toBe(true);
  });

  it('reads the zlib data as pdfjs does: any window size in the header, and distances before the start as zeros', async () => {
    // A header with a window size zlib refuses (CINFO 8) and pdfjs ignores.
    const wideWindow = Buffer.concat([Buffer.from([0x88, 0x1c]), deflateRawSync(Buffer.alloc(3 * MiB))]);
    expect(() => inflateSync(wideWindow)).toThrow();
    expect(await countUnpackedBytes(pdfWithContent(wideWindow), 64 * MiB)).toEqual({ bytes: 3 * MiB, over: false, damaged: 0 });
    // Deflated against a window of zeros: its first match reaches back before the start, which zlib
    // refuses ("invalid distance too far back") and pdfjs reads as zeros.
    const farBack = Buffer.concat([Buffer.from([0x78, 0x9c]), deflateRawSync(Buffer.alloc(5 * MiB), { dictionary: Buffer.alloc(32 * 1024) })]);
    expect(() => inflateSync(farBack)).toThrow(/distance/);
    expect(await countUnpackedBytes(pdfWithContent(farBack), 64 * MiB)).toEqual({ bytes: 5 * MiB, over: false, damaged: 0 });
  });

  it('goes by the data, not the dictionary: a wrong /Length or a filter behind a reference changes nothing', async () => {
    const data = deflated(Buffer.alloc(500_000));
    const wrongLength = buildPdf(['<< /Type /Catalog >>', { dict: '/Filter 9 0 R /Length 3', data }]);
    expect(await countUnpackedBytes(wrongLength, 10 * MiB)).toEqual({ bytes: 500_000, over: false, damaged: 0 });
  });

  it('starts the data where pdfjs does: after the end of the line the keyword is on, whatever else it holds', async () => {
    const data = deflated(Buffer.alloc(300_000));
    for (const eol of ['\r\n', '\n', '\r', '  junk\n']) {
      const pdf = Buffer.concat([Buffer.from(`%PDF-1.4\n1 0 obj << /Filter /FlateDecode >> stream${eol}`, 'latin1'), data, Buffer.from('\nendstream endobj')]);
      expect(await countUnpackedBytes(pdf, 10 * MiB), JSON.stringify(eol)).toEqual({ bytes: 300_000, over: false, damaged: 0 });
    }
  });

  it('counts a damaged stream up to the damage, and ends on a stream cut off by the end of the file', async () => {
    const data = deflated(Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251)));
    const damaged = Buffer.from(data);
    damaged.fill(0xff, data.length >> 1);
    const counted = await countUnpackedBytes(buildPdf(['<< /Type /Catalog >>', { dict: '/Filter /FlateDecode', data: damaged }]), 10 * MiB);
    expect(counted.bytes).toBeGreaterThan(0);
    expect(counted.bytes).toBeLessThan(200_000);
    const cut = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n'), data.subarray(0, data.length >> 1)]);
    expect((await countUnpackedBytes(cut, 10 * MiB)).over).toBe(false);
  });

  it('counts a stream that unpacks whole to bytes whose Adler-32 is not the one after its data as damaged', async () => {
    const text = Buffer.from(Array.from({ length: 50_000 }, (_, i) => 32 + (i % 90)));
    const good = deflated(text);
    // The same deflate data with the last byte of its sum changed: what a flipped bit in the data
    // that still decodes gives (pdfjs never checks the sum, so it reads the wrong bytes silently).
    const wrongSum = Buffer.from(good);
    wrongSum[wrongSum.length - 1]! ^= 0x01;
    const pdf = (...streams: Buffer[]) => buildPdf(['<< /Type /Catalog >>', ...streams.map((data) => ({ dict: '/Filter /FlateDecode', data }))]);
    expect(await countUnpackedBytes(pdf(good, good), 10 * MiB)).toEqual({ bytes: 100_000, over: false, damaged: 0 });
    expect(await countUnpackedBytes(pdf(good, wrongSum, wrongSum), 10 * MiB)).toEqual({ bytes: 150_000, over: false, damaged: 2 });
    // A writer that leaves the sum out (the data followed by endstream) wrote no wrong one.
    const noSum = good.subarray(0, good.length - 4);
    expect(await countUnpackedBytes(pdf(noSum), 10 * MiB)).toEqual({ bytes: 50_000, over: false, damaged: 0 });
    // Deflate data that breaks is pdfjs's to warn about (see pdf.ts), not counted here.
    const broken = Buffer.from(good);
    broken.fill(0xff, 2, 40);
    expect((await countUnpackedBytes(pdf(broken), 10 * MiB)).damaged).toBe(0);
    expect((await countUnpackedBytes(readFileSync(SEED_PDF), MAX_PDF_UNPACKED_BYTES)).damaged).toBe(0);
  });

  it('compares no sum where none was written, nor where the data is not known to be Flate', async () => {
    const good = deflated(Buffer.alloc(40_000, 0x41));
    const wrongSum = Buffer.from(good);
    wrongSum[wrongSum.length - 1]! ^= 0x01;
    const noSum = good.subarray(0, good.length - 4);
    const damagedIn = async (pdf: Buffer) => (await countUnpackedBytes(pdf, 10 * MiB)).damaged;
    const stream = (dict: string, data: Buffer) => buildPdf(['<< /Type /Catalog >>', { dict, data }]);
    // No sum, then padding of any length before endstream (the builder adds a line feed).
    for (const padding of [' '.repeat(20), '\0'.repeat(12), '\r\n'.repeat(8)]) {
      expect(await damagedIn(stream('/Filter /FlateDecode', Buffer.concat([noSum, Buffer.from(padding, 'latin1')]))), JSON.stringify(padding)).toBe(0);
    }
    // Data that only starts like zlib's under another filter, or a filter behind a reference.
    expect(await damagedIn(stream('/Filter /CCITTFaxDecode', wrongSum))).toBe(0);
    expect(await damagedIn(stream('/Filter 9 0 R', wrongSum))).toBe(0);
    expect(await damagedIn(stream('/Filter [/FlateDecode /DCTDecode]', wrongSum))).toBe(1);
    expect(await damagedIn(stream('/Filter /Fl', wrongSum))).toBe(1);
    // An encrypted PDF's streams are ciphertext: no sum of theirs is compared.
    const encrypted = Buffer.concat([stream('/Filter /FlateDecode', wrongSum), Buffer.from('trailer << /Encrypt 7 0 R >>\n', 'latin1')]);
    expect(await damagedIn(encrypted)).toBe(0);
    // Deflate data that ends within four bytes of the end of the file leaves no sum to read.
    const head = Buffer.from('%PDF-1.4\n1 0 obj << /Filter /FlateDecode >>\nstream\n', 'latin1');
    for (const cut of [1, 2, 3, 4]) expect(await damagedIn(Buffer.concat([head, good.subarray(0, good.length - cut)]))).toBe(0);
  });

  it('is cheap on a normal PDF (the seed: 150 KB unpacking to 0.7 MB)', async () => {
    const pdf = readFileSync(SEED_PDF);
    await countUnpackedBytes(pdf, MAX_PDF_UNPACKED_BYTES);
    const start = performance.now();
    for (let i = 0; i < 10; i++) await countUnpackedBytes(pdf, MAX_PDF_UNPACKED_BYTES);
    // About 3 ms each here; the bound is for a loaded machine.
    expect((performance.now() - start) / 10).toBeLessThan(100);
  });
});

describe('the PDF reader says when a compressed stream fails its checksum', () => {
  it('gives pdf-streams-damaged with the count, and reads the pages as pdfjs reads them', async () => {
    const content = deflated('BT /F1 12 Tf 72 700 Td (Indsats) Tj ET\n');
    const wrongSum = Buffer.from(content);
    wrongSum[wrongSum.length - 2]! ^= 0x10;
    const clean = await loadPages(pdfWithContent(content), MAX_PDF_UNPACKED_BYTES);
    expect(clean.diagnostics.map((d) => d.code)).not.toContain('pdf-streams-damaged');
    const damaged = await loadPages(pdfWithContent(wrongSum), MAX_PDF_UNPACKED_BYTES);
    expect(damaged.diagnostics).toMatchObject([{ severity: 'warning', code: 'pdf-streams-damaged', params: { streams: 1 }, page: 1 }]);
    // pdfjs reads the stream all the same: the text is there, and the warning says what may not be.
    expect(damaged.value?.[0]?.pieces.map((p) => p.str).join(' ')).toBe(clean.value?.[0]?.pieces.map((p) => p.str).join(' '));
  });
});

// The PDFs under the limit read as before: the golden files of the seed's PDFs stay byte-identical.
describe('the PDF reader refuses a PDF that unpacks past the limit, before pdfjs reads it', () => {
  it('gives pdf-too-large-unpacked with the limit, and no pages', async () => {
    const loaded = await loadPages(pdfWithContent(zeroBomb(64)), 32 * MiB);
    expect(loaded.value).toBeNull();
    expect(loaded.diagnostics).toMatchObject([{ severity: 'error', code: 'pdf-too-large-unpacked', params: { limit: 32 * MiB } }]);
  });
});
