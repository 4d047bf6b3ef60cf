import { describe, expect, it } from 'vitest';
import { boundPage } from '../../../pipeline/formats/pdf-bounds.js';
import { layoutDocument } from '../../../pipeline/formats/pdf-layout.js';
import type { PdfPage, TextPiece } from '../../../pipeline/formats/pdf-page.js';

const piece = (str: string, x: number, y: number, size = 10): TextPiece => ({ str, x0: x, x1: x + str.length * 5, baseline: y, size, bold: false });
const page = (pieces: TextPiece[], rules: PdfPage['rules'] = []): PdfPage => ({ number: 1, width: 600, height: 800, pieces, rules });
/** Every number of a page's runs and rules. */
const numbersOf = (p: PdfPage) => [...p.pieces.flatMap((q) => [q.x0, q.x1, q.baseline, q.size]), ...p.rules.flatMap((r) => [r.x0, r.y0, r.x1, r.y1])];

describe('boundPage', () => {
  it('gives a page with nothing out of place back unchanged, text a little off the page included', () => {
    const clean = page([piece('Mål', 50, 100), piece('Over kanten', -20, 810), piece('Stor', 10, 400, 120)], [{ x0: -5, y0: 10, x1: 610, y1: 11 }]);
    expect(boundPage(clean)).toEqual({ page: clean, pieces: 0, rules: 0 });
    expect(boundPage(clean).page).toBe(clean);
  });

  it('leaves out runs whose start, baseline or size is no number, or lies far off the page', () => {
    const kept = piece('Mål', 50, 100);
    const bounded = boundPage(
      page([
        kept,
        { ...piece('a', 50, 120), x0: NaN },
        { ...piece('b', 50, 130), baseline: NaN },
        { ...piece('c', 50, 140), size: NaN },
        { ...piece('d', 50, 150), size: Infinity },
        { ...piece('e', 50, 160), size: 5000 },
        piece('f', 1e30, 170),
        piece('g', 50, -1e9),
      ]),
    );
    expect(bounded.page.pieces).toEqual([kept]);
    expect(bounded.pieces).toBe(7);
  });

  it('keeps a run whose end is no number or far off, with its end at its start or cut back', () => {
    const bounded = boundPage(page([{ ...piece('Mål', 50, 100), x1: NaN }, { ...piece('Status', 300, 100), x1: 1e12 }]));
    expect(bounded.page.pieces.map((p) => [p.str, p.x0, p.x1])).toEqual([
      ['Mål', 50, 50],
      ['Status', 300, 1200],
    ]);
    expect(bounded.pieces).toBe(2);
  });

  it('leaves out rules at no number and cuts rules reaching far off the page back to its surroundings', () => {
    const bounded = boundPage(page([piece('Mål', 50, 100)], [{ x0: NaN, y0: 10, x1: 100, y1: 11 }, { x0: -1e40, y0: 200, x1: 1e40, y1: 200.5 }, { x0: 10, y0: 20, x1: 10.5, y1: Infinity }]));
    expect(bounded.page.rules).toEqual([
      { x0: -600, y0: 200, x1: 1200, y1: 200.5 },
      // Infinity is no number here either: left out, not cut back.
    ]);
    expect(bounded.rules).toBe(3);
  });

  it('measures a page whose own size is no number as the largest page, and a huge one as no larger', () => {
    const far = piece('Langt ude', 20_000, 100);
    expect(boundPage({ ...page([far]), width: NaN }).pieces).toBe(0);
    expect(boundPage({ ...page([far]), width: 1e30 }).pieces).toBe(0);
    expect(boundPage({ ...page([piece('For langt', 50_000, 100)]), width: 1e30 }).pieces).toBe(1);
  });

  it('gives the layout only numbers: an unruled table read around runs at no number and far off, as without them', () => {
    const table = [
      piece('Målsætning', 50, 100), piece('Status', 300, 100),
      piece('Kortere ventetid', 50, 130), piece('Nået.', 300, 130),
      piece('Flere frivillige', 50, 170), piece('I gang.', 300, 170),
    ];
    // NaN and far-off places sized the white-space column search ("Invalid array length").
    const damaged = page([...table, { ...piece('x', 50, 150), x0: NaN, baseline: NaN, size: NaN }, piece('y', 1e300, 160), piece('z', 50, 1e12)]);
    const bounded = boundPage(damaged);
    expect(bounded.pieces).toBe(3);
    expect(numbersOf(bounded.page).every(Number.isFinite)).toBe(true);
    const laid = layoutDocument([bounded.page]);
    expect(laid.value?.tables[0]?.rows.length).toBeGreaterThan(0);
    expect(laid).toEqual(layoutDocument([page(table)]));
  });
});
