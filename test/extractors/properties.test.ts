import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract, extractFacts, extractSeries, MAX_FACTS_PER_TEXT, type ExtractOptions } from '../../extractors/index.js';
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
  '\r\n', '\u2028', '\u202f', '(', '(1.200)', '−', '+', '*', '27/11', '2/3', '24/7', 'd.', 'afholdt', 'KTMU', 'april',
  '29. februar', 'maj', 'pkt.', 'kl.', 'I alt', '1.500', '-2,2', '11.154',
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

/** Options as the pipeline passes them, and some it should not (a bad factor or year is ignored). */
const options: fc.Arbitrary<ExtractOptions | undefined> = fc.option(
  fc.record(
    {
      amountScale: fc.option(
        fc.record({
          unit: fc.constantFrom('t.kr.', 'mio. kr.', '1.000 kr.', 'kr.'),
          factor: fc.oneof(fc.constantFrom(1, 1000, 1e6, 1e9, 0.001), fc.double({ min: -10, max: 1e6 })),
          from: fc.constantFrom('header' as const, 'caption' as const, 'context' as const),
        }),
      ),
      referenceYear: fc.option(fc.oneof(fc.integer({ min: 1990, max: 2040 }), fc.integer(), fc.double())),
      total: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

/** Characters that end a line or a cell: no fact's text contains one. */
const BREAK = /[\n\r\t\v\f\u0085\u2028\u2029]/u;

function checkInvariants(source: string, opts?: ExtractOptions): void {
  const { facts, truncated } = extract(source, opts);
  expect(truncated).toBe(false);
  expect(facts.length).toBeLessThanOrEqual(MAX_FACTS_PER_TEXT);
  let lastEnd = 0;
  for (const f of facts) {
    Fact.parse(f);
    expect(f.column).toBeUndefined();
    expect(f.cell).toBeUndefined();
    expect(f.field).toBeUndefined();
    expect(f.text, 'a fact stays on one line').not.toMatch(BREAK);
    if (f.kind === 'money') expect(f.total).toBe(opts?.total === true);
    if (f.kind === 'money' && f.scale !== null) expect(f.scale).toEqual(opts?.amountScale);
    if (f.kind === 'date' && f.yearFrom === 'report') expect(f.value.slice(0, 4)).toBe(String(opts?.referenceYear));
    expect(source.slice(f.span[0], f.span[1])).toBe(f.text);
    expect(f.span[0]).toBeGreaterThanOrEqual(lastEnd);
    lastEnd = f.span[1];
    if ('min' in f && f.min !== null) expect(f.min).toBeLessThan(f.max!);
    if ('value' in f && typeof f.value === 'number') expect(Number.isFinite(f.value)).toBe(true);
    if (f.kind === 'period') expect(f.start <= f.end).toBe(true);
  }
  for (const s of extractSeries(source, opts)) {
    Series.parse(s);
    expect(s.points.length).toBeGreaterThanOrEqual(2);
    expect(s.span[0]).toBeLessThan(s.span[1]);
    expect(s.span[1]).toBeLessThanOrEqual(source.length);
  }
}

describe('properties', () => {
  it('never throws, and every fact is schema-valid, sorted, non-overlapping and slices to its text', () => {
    fc.assert(fc.property(anyText, (source) => checkInvariants(source)), { numRuns: 3000 });
  });

  it('holds the invariants with any options', () => {
    fc.assert(fc.property(anyText, options, checkInvariants), { numRuns: 2000 });
  });

  it('changes only `total` of money facts for a totals row', () => {
    fc.assert(
      fc.property(anyText, options, (source, opts) => {
        const plain = extractFacts(source, { ...opts, total: false });
        const totals = extractFacts(source, { ...opts, total: true });
        expect(totals).toEqual(plain.map((f) => (f.kind === 'money' ? { ...f, total: true } : f)));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the same facts without options as with empty ones', () => {
    fc.assert(
      fc.property(anyText, (source) => {
        const plain = extractFacts(source);
        expect(extractFacts(source, {})).toEqual(plain);
        expect(extractFacts(source, { amountScale: null, referenceYear: null, total: false })).toEqual(plain);
      }),
      { numRuns: 300 },
    );
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
