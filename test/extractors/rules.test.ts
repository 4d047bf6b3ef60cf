import { describe, expect, it } from 'vitest';
import { extractCandidates, extractFacts, RULES, type ExtractOptions } from '../../extractors/index.js';
import { CASES as ALL_CASES } from './corpus-sentences.js';

describe('rule table', () => {
  it('has unique names', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('builds every pattern from its source once, global or sticky', () => {
    for (const r of RULES) {
      expect(r.pattern.source, r.name).toBe(new RegExp(r.source, 'u').source);
      expect(r.pattern.unicode, r.name).toBe(true);
      expect(r.anchor === 'figure' ? r.pattern.sticky : r.pattern.global, r.name).toBe(true);
      expect(r.anchor === 'figure' ? r.pattern.global : r.pattern.sticky, r.name).toBe(false);
      // Built on the first read and kept: the engine and a global search share its lastIndex as before.
      expect(r.pattern, r.name).toBe(r.pattern);
    }
  });

  it('has every rule fire on some test sentence', () => {
    // Some rules run only with options: bare amounts with a column scale, a month alone with a reference year.
    const withOptions: [string, ExtractOptions][] = [
      ['1.500', { amountScale: { unit: 't.kr.', factor: 1000, from: 'header' } }],
      ['Forventes afsluttet i april', { referenceYear: 2025 }],
    ];
    const fired = new Set([
      ...ALL_CASES.flatMap((s) => extractCandidates(s).map((c) => c.rule)),
      ...withOptions.flatMap(([s, options]) => extractCandidates(s, options).map((c) => c.rule)),
    ]);
    for (const r of RULES) expect(fired.has(r.name), r.name).toBe(true);
    expect(fired.has('period.date-range')).toBe(true);
  });
});

describe('overlaps', () => {
  it('keeps the longest match: a date, not its year', () => {
    expect(extractFacts('den 1. januar 2016').map((f) => f.kind)).toEqual(['date']);
  });

  it('keeps the longest match: a period, not a date, quantity or year', () => {
    expect(extractFacts('i 1. halvår 2017 og andet halvår af 2017').map((f) => f.kind)).toEqual(['period', 'period']);
  });

  it('keeps a money fact over the quantity hidden in it', () => {
    expect(extractFacts('i alt 3 mio. kr. til boliger')).toMatchObject([{ kind: 'money', text: '3 mio. kr.' }]);
  });

  it('returns facts sorted by start and without overlaps', () => {
    const facts = extractFacts('Fra 2016 til 2019 gav 4 mio. kr. årligt 5,7 pct. til 20 borgere i juni 2017, 2014-19 og primo 2018.');
    expect(facts.map((f) => f.kind)).toEqual(['period', 'money', 'percent', 'quantity', 'date', 'period', 'period']);
    for (let i = 1; i < facts.length; i++) expect(facts[i]!.span[0]).toBeGreaterThanOrEqual(facts[i - 1]!.span[1]);
  });

  it('returns fresh objects: mutating a result does not change the next call', () => {
    const source = 'i 2015 og 2016';
    const first = extractFacts(source);
    (first[0] as { text: string }).text = 'x';
    first[0]!.span[0] = 99;
    expect(extractFacts(source)[0]).toMatchObject({ text: '2015', span: [2, 6] });
  });
});
