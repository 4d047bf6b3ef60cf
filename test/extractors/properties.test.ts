import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts, extractSeries } from '../../extractors/index.js';
import { Fact, Series } from '../../schemas/fact.js';

/** Pieces of Danish report text, so random strings actually reach the rules. */
const PIECES = [
  ' ', ' ', '\t', '\n', '.', ',', '-', '–', '/', ':', '(', ')', '%', '½', '÷', '§', '\u00a0',
  '0', '1', '2', '5', '9', '12', '2014', '2017', '19', '52.000', '5,7', '1.250', '31.12.2019',
  'ca.', 'mere end', 'mindst', 'op til', 'over', 'under', 'mellem', 'og', 'fra', 'til', 'i', 'den',
  'kr.', 'kr', 'mio.', 'mia.', 't.kr.', 'DKK', 'millioner', 'kroner', 'årligt', 'om året', ',-',
  'pct.', 'procent', 'procentpoint', '%-point',
  'januar', 'Juni', 'sept.', 'måned', 'halvår', 'kvartal', 'kv.', 'første', 'andet', 'efteråret', 'vinteren',
  'primo', 'ultimo', 'H1', 'Q3',
  'én', 'ét', 'en', 'et', 'to', 'Tre', 'femogtyve', 'halvanden',
  'borgere', 'boliger', 'år', 'årige', 'nye', 'store', 'Politikadet', 'm²', 'nr.', 'sag', 'Råmosevej',
];

const danishish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const spacedDanish = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join(' '));
const digitsAndPunctuation = fc.string({ unit: fc.constantFrom(...'0123456789 .,-–/:%½'.split('')), maxLength: 60 });
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  danishish,
  spacedDanish,
  digitsAndPunctuation,
);

function checkInvariants(source: string): void {
  const facts = extractFacts(source);
  let lastEnd = 0;
  for (const f of facts) {
    Fact.parse(f);
    expect(f.column).toBeUndefined();
    expect(source.slice(f.span[0], f.span[1])).toBe(f.text);
    expect(f.span[0]).toBeGreaterThanOrEqual(lastEnd);
    lastEnd = f.span[1];
    if ('min' in f && f.min !== null) expect(f.min).toBeLessThan(f.max!);
    if ('value' in f && typeof f.value === 'number') expect(Number.isFinite(f.value)).toBe(true);
    if (f.kind === 'period') expect(f.start <= f.end).toBe(true);
  }
  for (const s of extractSeries(source)) {
    Series.parse(s);
    expect(s.points.length).toBeGreaterThanOrEqual(2);
    expect(s.span[0]).toBeLessThan(s.span[1]);
    expect(s.span[1]).toBeLessThanOrEqual(source.length);
  }
}

describe('properties', () => {
  it('never throws, and every fact is schema-valid, sorted, non-overlapping and slices to its text', () => {
    fc.assert(fc.property(anyText, checkInvariants), { numRuns: 3000 });
  });

  it('holds the invariants on text embedded in arbitrary context', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), spacedDanish, fc.string({ maxLength: 10 }), (a, b, c) => checkInvariants(a + b + c)),
      { numRuns: 1000 },
    );
  });

  it('is pure: the same text gives the same facts, whatever came before', () => {
    fc.assert(
      fc.property(spacedDanish, spacedDanish, (a, b) => {
        const first = extractFacts(a);
        extractFacts(b);
        expect(extractFacts(a)).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same facts, shifted, after a prefix closed by ";" and a line break', () => {
    // (Without the ";", a prefix ending in "ca" would rightly qualify a figure on the next line.)
    fc.assert(
      fc.property(spacedDanish, fc.stringMatching(/^[A-Za-z ]{0,12}$/), (body, prefix) => {
        const shift = prefix.length + 2;
        const shifted = extractFacts(`${prefix};\n${body}`).filter((f) => f.span[0] >= shift);
        const plain = extractFacts(body);
        expect(shifted.map((f) => [f.kind, f.text, f.span[0] - shift])).toEqual(plain.map((f) => [f.kind, f.text, f.span[0]]));
      }),
      { numRuns: 300 },
    );
  });
});
