/**
 * Small PDFs built in memory for the tests: any objects, with a correct cross-reference table, and
 * Flate streams that unpack to any size from a few bytes per megabyte (a decompression bomb), made
 * at test time so that no large or hostile file is committed.
 */
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/** A PDF object's body: a dictionary or other object as text, or a stream (dictionary and data). */
export type PdfObject = string | { dict: string; data: Uint8Array };

/**
 * A PDF of the given objects, numbered from 1 in order (object 1 must be the catalog), with its
 * cross-reference table and trailer. A stream's `/Length` is added to its dictionary.
 */
export function buildPdf(objects: readonly PdfObject[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(offset);
    const body =
      typeof object === 'string'
        ? Buffer.from(object, 'latin1')
        : Buffer.concat([Buffer.from(`<< ${object.dict} /Length ${object.data.length} >>\nstream\n`, 'latin1'), object.data, Buffer.from('\nendstream')]);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(part);
    offset += part.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * zlib data that unpacks to `mebibytes` MiB of zero bytes, about 1 KB per MiB, made without ever
 * holding the zeros: one MiB of zeros deflated with a full flush is a run of blocks that stands on
 * its own, so the same bytes repeat; an empty last block and the Adler-32 of the zeros end it.
 */
export function zeroBomb(mebibytes: number): Buffer {
  const mib = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  const total = mebibytes * 1024 * 1024;
  const adler = Buffer.alloc(4);
  // Adler-32 of n zeros: the sum of the bytes stays 1, the sum of the sums is n (both mod 65521).
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(mebibytes).fill(mib), last, adler]);
}

/** A one-page PDF with a line of text, whose page also draws a content stream of the given zlib data. */
export function pdfWithContent(flateData: Uint8Array, filter = '/FlateDecode'): Buffer {
  const text = Buffer.from('BT /F1 12 Tf 72 720 Td (Mål) Tj ET\n', 'latin1');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    { dict: '', data: text },
    { dict: `/Filter ${filter}`, data: flateData },
  ]);
}

/** zlib data of `text`, deflated `times` times over (a chain of Flate filters when more than once). */
export function deflated(text: string | Uint8Array, times = 1): Buffer {
  let data = Buffer.from(text);
  for (let i = 0; i < times; i++) data = deflateSync(data);
  return data;
}
