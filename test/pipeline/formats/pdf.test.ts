/**
 * The PDF reader on the committed fixture PDFs and the shared corpus's Word PDF (no Chromium needed;
 * the corpus's KTM item printed without rules is in `pdf-unruled.e2e.test.ts`), the layout stage on
 * hand-made pages, and bad PDFs: each gives an error diagnostic, never an exception.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPages, readPdfDocument, readRules } from '../../../pipeline/formats/pdf.js';
import { loadPdfJs } from '../../../pipeline/formats/pdf-engine.js';
import { layoutDocument } from '../../../pipeline/formats/pdf-layout.js';
import type { PdfPage, TextPiece } from '../../../pipeline/formats/pdf-page.js';
import { parseReport } from '../../../pipeline/index.js';
import type { Report } from '../../../schemas/report.js';
import { corpusFile, corpusSkipReason, skippedBecause } from '../../corpus.js';
import { buildPdf, deflated } from '../../pdf-builder.js';
import { plain, table, onlyTable, type SingleTable } from './pdf-table.js';
import { cell } from '../../helpers.js';

const SEED_PDF = 'fixtures/oekonomiudvalget-2014-2017-pdf/input.pdf';
/** Read in place from the shared corpus: without it its tests are skipped. */
const AARHUS_PDF = corpusFile('aarhus_2025-08-29_sager_paa_vej_sundhed_og_omsorg.pdf');
const corpusMissing = corpusSkipReason();

const allText = (t: SingleTable) => [t.title?.text ?? '', t.intro, ...t.rows.flatMap((r) => r.cells)].join('\n');

describe('readPdfDocument on the seed printed by Chromium (bordered, header repeated on every page)', () => {
  let t: SingleTable;
  beforeAll(async () => {
    t = await table(SEED_PDF);
  });

  it('reads the head: title over two lines, intro, header, pages', () => {
    expect(t.title).toEqual({ text: 'Status på Økonomiudvalgets strategiske indsatser og resultater i valgperioden 2014-2017', page: 1, line: 1 });
    expect(t.intro).toMatch(/^I nedenstående skema ses en liste .* valgperioden 2014-2017\.$/);
    expect(t.header).toEqual(['STRATEGISK MÅLSÆTNING', 'IVÆRKSATTE TILTAG/ KONKRETE INDSATSER', 'RESULTATER']);
    expect(t.pages).toBe(9);
  });

  it('drops the header repeated at the top of pages 2 to 9', () => {
    expect(t.rows.filter((r) => r.cells[0]!.includes('STRATEGISK MÅLSÆTNING'))).toEqual([]);
  });

  it('marks the first row of each new page with a page break, and gives pages and rising lines', () => {
    const firstOnPage = new Map<number, number>();
    t.rows.forEach((r, i) => firstOnPage.has(r.page) || firstOnPage.set(r.page, i));
    expect([...firstOnPage.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    t.rows.forEach((r, i) => expect(r.breakBefore).toBe(i > 0 && firstOnPage.get(r.page) === i));
    const lines = t.rows.map((r) => r.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    for (const r of t.rows) expect(r.endLine).toBeGreaterThanOrEqual(r.line);
  });

  it('gives the row cut by the page break its continuation as a row with an empty goal cell', () => {
    const i = t.rows.findIndex((r) => r.cells[0]!.includes('Fremtidens borgerservice'));
    expect(t.rows[i]!.page).toBe(1);
    expect(t.rows[i + 1]).toMatchObject({ page: 2, breakBefore: true });
    expect(t.rows[i + 1]!.cells[0]).toBe('');
    expect(t.rows[i + 1]!.cells[1]).toContain('borgernes mulighed for at betjene sig selv via de digitale kanaler.');
  });

  it('keeps paragraphs as <p> and glued "- " items as a list, with real hyphens kept', () => {
    const band = t.rows.find((r) => r.cells[0]!.includes('Bandepartnerskab'))!;
    expect(band.cells[2]).toContain('<ul>- Et styrket gadeplansarbejde- To Politikadet Junior forløb- Mentor-Coach uddannelse');
    const text = allText(t);
    expect(text).toContain('Lyngby-Tårnbæk');
    expect(text).toContain('Erhvervs- og Beskæftigelsesudvalget');
    expect(text).toContain('§ 60-selskab');
  });
});

describe.skipIf(corpusMissing)(`readPdfDocument on a Word PDF (Aarhus: borders as filled rectangles, merged section rows)${skippedBecause(corpusMissing)}`, () => {
  let t: SingleTable;
  beforeAll(async () => {
    t = await table(AARHUS_PDF);
  });

  it('finds the table pdf-parse getTable() does not, with its merged cells as section rows', () => {
    expect(t.header).toEqual(['Sag', 'Afd.', 'Til politisk behandling']);
    const sections = t.rows.filter((r) => r.section).map((r) => r.cells.map(plain).join('|'));
    expect(sections).toEqual([
      'Fremsendte sager 2025||',
      'Sager på vej i 2025||',
      'Færdigbehandlede sager i 2025||',
      'Færdigbehandlede sager i 2024||',
      'Færdigbehandlede sager i 2023||',
      'Færdigbehandlede sager i 2022||',
    ]);
    expect(t.rows.filter((r) => !r.section)).toHaveLength(79);
  });

  it('drops the sub-headers under each section and the running page header and footer', () => {
    expect(t.rows.filter((r) => plain(r.cells[0]!) === 'Sag')).toEqual([]);
    const text = allText(t);
    expect(text).not.toMatch(/Side \d af 4/);
    expect(text.match(/Sager pa vej – Sundhed og Omsorg 2025/g)).toHaveLength(1);
    expect(t.title?.text).toBe('Sager pa vej – Sundhed og Omsorg 2025');
    expect(t.intro).toBe('Til: Udvalget, Ældrerådet, Direktionen m.fl.\nAjourført: 29. august 2025');
  });

  it('joins wrapped lines of a cell', () => {
    expect(t.rows.map((r) => plain(r.cells[0]!))).toContain(
      'Svar på forslag fra M om bevarelse af sygeplejeydelser og intern kompetenceudvikling i Sociale Forhold og Beskæftigelse (med MSB)',
    );
    expect(t.rows.map((r) => plain(r.cells[1]!))).toContain('Sundhed og Forebyggelse');
  });
});

/** A text piece: one run of text at x, on the baseline y, 10 pt. */
const piece = (str: string, x: number, y: number, width = str.length * 5): TextPiece => ({ str, x0: x, x1: x + width, baseline: y, size: 10, bold: false });
const hRule = (y: number, x0: number, x1: number) => ({ x0, y0: y - 0.25, x1, y1: y + 0.25 });
const vRule = (x: number, y0: number, y1: number) => ({ x0: x - 0.25, y0, x1: x + 0.25, y1 });

describe('layoutDocument on hand-made pages', () => {
  it('cuts a ruled grid into rows and cells, a band without inner rules being a section', () => {
    const page: PdfPage = {
      number: 1,
      width: 600,
      height: 800,
      pieces: [
        piece('Rapport', 50, 40),
        piece('Mål', 55, 115), piece('Status', 255, 115),
        piece('Sundhed', 150, 135),
        piece('Færre ventedage', 55, 155), piece('I gang.', 255, 155),
        piece('for alle', 55, 167),
      ],
      rules: [
        hRule(100, 50, 450), hRule(120, 50, 450), hRule(140, 50, 450), hRule(175, 50, 450),
        vRule(50, 100, 175), vRule(450, 100, 175), vRule(250, 100, 120), vRule(250, 140, 175),
      ],
    };
    const laid = layoutDocument([page]);
    const diagnostics = laid.diagnostics;
    const value = onlyTable(laid.value);
    expect(diagnostics).toEqual([]);
    expect(value?.title?.text).toBe('Rapport');
    expect(value?.header).toEqual(['Mål', 'Status']);
    expect(value?.rows.map((r) => [r.cells.map(plain), r.section ?? false])).toEqual([
      [['Sundhed', ''], true],
      [['Færre ventedage for alle', 'I gang.'], false],
    ]);
  });

  it('reads an unruled table from its header and the white space between columns', () => {
    const page: PdfPage = {
      number: 1,
      width: 600,
      height: 800,
      pieces: [
        piece('Målsætning', 50, 100), piece('Status', 300, 100),
        piece('Kortere ventetid', 50, 130), piece('Nået.', 300, 130),
        piece('på genoptræning', 50, 141),
        piece('Flere frivillige', 50, 170), piece('I gang.', 300, 170),
      ],
      rules: [],
    };
    const rows = onlyTable(layoutDocument([page]).value).rows.map((r) => r.cells.map(plain));
    expect(rows).toEqual([
      ['Kortere ventetid på genoptræning', 'Nået.'],
      ['Flere frivillige', 'I gang.'],
    ]);
  });

  it('says so when no page has a table', () => {
    const page: PdfPage = { number: 1, width: 600, height: 800, pieces: [piece('Bare tekst.', 50, 100)], rules: [] };
    const { value, diagnostics } = layoutDocument([page]);
    expect(value).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['no-table']);
  });
});

describe('bad PDFs give an error diagnostic, never an exception', () => {
  const seed = readFileSync(SEED_PDF);
  const cases: [string, Uint8Array, string][] = [
    ['encrypted with a password (qpdf --encrypt, AES-256)', readFileSync('test/pipeline/formats/data/encrypted.pdf'), 'pdf-encrypted'],
    ['image-only (no text layer)', readFileSync('test/pipeline/formats/data/image-only.pdf'), 'pdf-no-text'],
    ['truncated to its first half', seed.subarray(0, Math.floor(seed.length / 2)), 'pdf-unreadable'],
    ['truncated by a few bytes', seed.subarray(0, seed.length - 4000), 'pdf-unreadable'],
    ['only a PDF signature', new TextEncoder().encode('%PDF-1.7\nnot a PDF at all\n%%EOF\n'), 'pdf-unreadable'],
    ['empty, read as PDF', new Uint8Array(0), 'pdf-unreadable'],
  ];
  for (const [name, bytes, code] of cases) {
    it(`${name} → ${code}`, async () => {
      const report = await parseReport({ path: 'bad.pdf', bytes }, { format: 'pdf' });
      expect(report.goals).toEqual([]);
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual([code]);
      expect(errors[0]!.message).not.toMatch(/\n\s+at /);
    });
  }

  it('reads a page once, its paths with its text, and never its operator list', async () => {
    const pdfjs = await loadPdfJs();
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync('test/pipeline/formats/data/tiny.pdf')), verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
    const pageClass = Object.getPrototypeOf(await doc.getPage(1)) as { getOperatorList(): unknown };
    await doc.destroy();
    const spy = vi.spyOn(pageClass, 'getOperatorList');
    try {
      const read = await readPdfDocument(readFileSync(SEED_PDF));
      expect(read.value?.tables[0]?.rows.length).toBeGreaterThan(30);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('takes the rules of a form under its own matrix, read with the text or from the operator list alike', async () => {
    // A table's borders drawn in a form, placed 40 points up and scaled by 1.5 across.
    const pdf = buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Fm1 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>',
      { dict: '', data: Buffer.from('q 1 0 0 1 0 -100 cm /Fm1 Do Q 50 700 m 500 700 l S BT /F1 12 Tf 72 720 Td (Mål) Tj ET', 'latin1') },
      { dict: '/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1.5 0 0 1 0 40]', data: Buffer.from('100 500 m 300 500 l S 100 300 200 1 re f', 'latin1') },
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    const pages = (await loadPages(pdf)).value!;
    // Top-down page coordinates: y = 792 − (y + 40 − 100), x × 1.5.
    expect(pages[0]!.rules).toEqual([
      { x0: 150, y0: 352, x1: 450, y1: 352 },
      { x0: 150, y0: 551, x1: 450, y1: 552 },
      { x0: 50, y0: 92, x1: 500, y1: 92 },
    ]);
    const pdfjs = await loadPdfJs();
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: pdfjs.VerbosityLevel.ERRORS }).promise;
    try {
      const page = await doc.getPage(1);
      const list = await page.getOperatorList();
      expect(readRules(list.fnArray, list.argsArray, page.getViewport({ scale: 1 }).transform as [number, number, number, number, number, number]).rules).toEqual(pages[0]!.rules);
    } finally {
      await doc.destroy();
    }
  });

  it('tells a PDF of images from one that paints nothing, though pages are read with their text only', async () => {
    const imageOnly = await readPdfDocument(readFileSync('test/pipeline/formats/data/image-only.pdf'));
    // Lines but no text and no image: what is painted is no scan.
    const linesOnly = await readPdfDocument(
      buildPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
        { dict: '', data: Buffer.from('10 10 m 300 10 l S 20 20 100 1 re f', 'latin1') },
      ]),
    );
    expect(imageOnly.diagnostics.map((d) => [d.code, d.params])).toEqual([['pdf-no-text', { images: true }]]);
    expect(linesOnly.diagnostics.map((d) => [d.code, d.params])).toEqual([['pdf-no-text', { images: false }]]);
  });

  it('reads the same encrypted file\'s plain twin', async () => {
    const report = await parseReport({ path: 'tiny.pdf', bytes: readFileSync('test/pipeline/formats/data/tiny.pdf') });
    expect(report.source.format).toBe('pdf');
    expect(report.goals.map((g) => [g.title, cell(g, 'initiatives').text, cell(g, 'results').text])).toEqual([['Færre ventedage', 'Ny visitation', 'I gang.']]);
  });

  it('does not alter the bytes it is given', async () => {
    const bytes = new Uint8Array(readFileSync('test/pipeline/formats/data/tiny.pdf'));
    const copy = bytes.slice();
    await readPdfDocument(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('damaged pages are told (pdf-page-damaged), whether or not their own reading warned', () => {
  /** A page of ten lines in font F1 (Helvetica), then `extra` content (more text, a form). */
  const page = (label: string, extra = '') =>
    Array.from({ length: 10 }, (_, i) => `BT /F1 10 Tf 72 ${760 - 22 * i} Td (${label} linje ${i + 1}) Tj ET`).join('\n') + `\n${extra}`;
  /** Three pages whose contents are the given streams, sharing fonts F1 and F2 and the form X1. */
  const threePages = (contents: readonly string[], f2: string, x1: { dict: string; data: Uint8Array }) =>
    buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
      ...[6, 7, 8].map((c) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 9 0 R /F2 10 0 R >> /XObject << /X1 11 0 R >> >> /Contents ${c} 0 R >>`),
      ...contents.map((c) => ({ dict: '', data: Buffer.from(c, 'latin1') })),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      f2,
      x1,
      '<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 13 0 R >>',
      // Where a font file (a stream) belongs: a dictionary.
      '<< /Length1 0 >>',
    ]);
  const helvetica = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  const form = (data: Uint8Array) => ({ dict: '/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /Font << /F1 9 0 R >> >> /Filter /FlateDecode', data });
  const damagedPages = async (pdf: Uint8Array) =>
    (await readPdfDocument(pdf)).diagnostics.filter((d) => d.code === 'pdf-page-damaged').map((d) => [d.page, d.params]);

  it('a clean document has none', async () => {
    const pdf = threePages([page('Side et'), page('Side to', '/X1 Do'), page('Side tre', 'BT /F2 10 Tf 72 40 Td (Arial) Tj ET')], helvetica, form(deflated('BT /F1 10 Tf 0 0 Td (I en form) Tj ET')));
    expect(await damagedPages(pdf)).toEqual([]);
  });

  it('a form whose stream is cut short: its page, with the error, and no other', async () => {
    const data = deflated('BT /F1 10 Tf 0 0 Td (I en form) Tj ET');
    const pdf = threePages([page('Side et'), page('Side to', '/X1 Do'), page('Side tre')], helvetica, form(data.subarray(0, data.length >> 1)));
    expect(await damagedPages(pdf)).toEqual([[2, { error: 'Bad encoding in flate stream' }]]);
  });

  it('a font whose file cannot be read: the page that loads it, and a later page that uses it again', async () => {
    // Read around the error, F2 falls back to a standard font on page 2 (with a warning), and page 3
    // uses what page 2 loaded without one; read with errors stopping the reading, both lose its text.
    const arial = '<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Encoding /WinAnsiEncoding /FontDescriptor 12 0 R >>';
    const f2 = 'BT /F2 10 Tf 72 40 Td (Arial uden fil) Tj ET';
    const pdf = threePages([page('Side et'), page('Side to', f2), page('Side tre', f2)], arial, form(deflated('')));
    expect(await damagedPages(pdf)).toEqual([
      [2, { error: null }],
      [3, { error: null }],
    ]);
  });
});

describe('text and lines placed at no number (a damaged stream) are told (pdf-page-misplaced) and kept out of the report', () => {
  const line = (size: string, x: number, y: number, text: string) => `BT /F1 ${size} Tf ${x} ${y} Td (${text}) Tj ET`;
  /** A one-page PDF of a two-column table of plain text lines, then `extra` content. */
  const tablePdf = (extra: string) =>
    buildPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      {
        dict: '',
        data: Buffer.from(
          [line('10', 72, 700, 'Malsaetning'), line('10', 300, 700, 'Status'), line('10', 72, 670, 'Kortere ventetid'), line('10', 300, 670, 'Naet i 2024.'), line('10', 72, 640, 'Flere frivillige'), line('10', 300, 640, 'I gang.'), extra].join('\n'),
          'latin1',
        ),
      },
    ]);
  const numbersOfBoxes = (report: Report) =>
    report.goals.flatMap((g) => [...g.cells.flatMap((c) => c.boxes ?? []), ...g.facts.flatMap((f) => f.boxes ?? [])]).flatMap((b) => [b.x, b.y, b.width, b.height]);

  it('a clean table has none', async () => {
    const { diagnostics } = await readPdfDocument(tablePdf(''));
    expect(diagnostics.map((d) => d.code)).not.toContain('pdf-page-misplaced');
  });

  // A font size of 1e400 reads as Infinity, and Infinity × 0 in the text matrix as NaN: every run
  // after it is at NaN (pdfjs gives each of its characters as a run of its own). Such runs once sized an array ("Invalid array length", an internal error).
  it.each([
    ['text in a font of infinite size, in a cell', line('1e400', 300, 655, 'Nu'), { pieces: 2, rules: 0 }],
    ['text in a font of infinite size, under the table', line('1e400', 72, 600, 'Mere'), { pieces: 4, rules: 0 }],
    ['text far off the page', 'BT /F1 10 Tf 1e38 0 0 1 72 610 Tm (Langt ude) Tj ET', { pieces: 1, rules: 0 }],
    ['a line drawn across an infinite width', '1e400 0 0 1 0 0 cm 0 0 m 100 0 l S', { pieces: 0, rules: 1 }],
  ])('%s: a warning on its page, no internal error, a report that validates with boxes at numbers', async (_, extra, counts) => {
    const bytes = tablePdf(extra);
    const { diagnostics } = await readPdfDocument(bytes);
    expect(diagnostics.filter((d) => d.code === 'pdf-page-misplaced').map((d) => [d.page, d.params, d.severity])).toEqual([[1, counts, 'warning']]);
    const report = await parseReport({ path: 'damaged.pdf', bytes });
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expect(report.goals.length).toBeGreaterThan(0);
    expect(numbersOfBoxes(report).length).toBeGreaterThan(0);
    expect(numbersOfBoxes(report).every(Number.isFinite)).toBe(true);
  });
});
