/**
 * A fact never spans two lines or cells: the `facts` command and multi-line cells put several values on
 * separate lines (and a document's cells apart by tabs), so no rule may match across a line break or a tab.
 */
import { describe, expect, it } from 'vitest';
import { extract, extractFacts } from '../../extractors/index.js';
import type { Fact } from '../../schemas/fact.js';
import { factsOf } from './helpers.js';

const tkr = { unit: 't.kr.', factor: 1000, from: 'header' } as const;

const summary = (facts: Fact[]) => facts.map((f) => [f.kind, f.text]);

/** Every break that ends a line or a cell. */
const BREAKS = ['\n', '\r\n', '\t', '\r', '\v', '\f', '\u2028', '\u2029'];

describe('no fact across a line or a cell', () => {
  // [the two pieces, the facts of the joined text as [kind, text]]
  const CASES: [string, string, [Fact['kind'], string][]][] = [
    // a percent range used to swallow an amount and a percent of the next cell
    ['-2,2', '-0,08%', [['percent', '-0,08%']]],
    ['2', '3 %', [['percent', '3 %']]],
    ['2 -', '3 %', [['percent', '3 %']]],
    // a figure and its unit
    ['1,6', 'mio. kr.', []],
    ['1,6 mio.', 'kr.', [['money', '1,6 mio.']]],
    ['1.250 t.', 'kr.', []],
    ['5', 'pct.', []],
    ['4,6', 'procentpoint', []],
    ['20', 'borgere', []],
    ['ca.', '20 borgere', [['quantity', '20 borgere']]],
    ['kr.', '750.000', []],
    ['4 mio. kr.', 'årligt', [['money', '4 mio. kr.']]],
    ['mellem 2 og', '3 mio. kr.', [['money', '3 mio. kr.']]],
    // dates and periods
    ['1. januar', '2016', [['date', '1. januar'], ['year', '2016']]],
    ['juni', '2016', [['year', '2016']]],
    ['1. halvår', '2017', [['year', '2017']]],
    ['efteråret', '2017', [['year', '2017']]],
    ['2014 -', '2017', [['year', '2014'], ['year', '2017']]],
    ['fra 2016 til', '2019', [['year', '2016'], ['year', '2019']]],
    ['1. januar 2016 -', '31. december 2017', [['date', '1. januar 2016'], ['date', '31. december 2017']]],
    ['d.', '27/11', [['date', '27/11']]],
  ];

  it.each(CASES.flatMap(([a, b, expected]) => BREAKS.map((br) => [a, br, b, expected] as const)))(
    '%j %j %j',
    (a, br, b, expected) => {
      expect(summary(factsOf(`${a}${br}${b}`))).toEqual(expected);
    },
  );

  it('reads the same pieces on one line as one fact', () => {
    expect(summary(extractFacts('1,6 mio. kr.'))).toEqual([['money', '1,6 mio. kr.']]);
    expect(summary(extractFacts('ca. 20 borgere'))).toEqual([['quantity', 'ca. 20 borgere']]);
    expect(summary(extractFacts('1. januar 2016'))).toEqual([['date', '1. januar 2016']]);
    expect(summary(extractFacts('2 - 3 %'))).toEqual([['percent', '2 - 3 %']]);
    // no-break spaces are horizontal: "12,5\u00a0%" and "52\u00a0000 kr." stay whole
    expect(summary(extractFacts('12,5\u00a0% og 52\u00a0000 kr.'))).toEqual([['percent', '12,5\u00a0%'], ['money', '52\u00a0000 kr.']]);
  });

  it('gives an amount and a percent for "-2,2\\t-0,08%" in an amount column', () => {
    expect(extractFacts('-2,2\t-0,08%', { amountScale: tkr })).toMatchObject([
      { kind: 'money', text: '-2,2', value: -2200, scale: tkr },
      { kind: 'percent', text: '-0,08%', value: -0.08 },
    ]);
  });

  it('reads a cell of several lines value by value', () => {
    const cell = '2,5 mio. kr.\n5 %\n12 boliger\n23. april\n1.500';
    expect(summary(extractFacts(cell, { amountScale: tkr, referenceYear: 2025 }))).toEqual([
      ['money', '2,5 mio. kr.'],
      ['percent', '5 %'],
      ['quantity', '12 boliger'],
      ['date', '23. april'],
      ['money', '1.500'],
    ]);
  });

  it('takes no qualifier, rate or label from the line above', () => {
    expect(extractFacts('ca.\n5 mio. kr.')).toMatchObject([{ text: '5 mio. kr.', approx: false }]);
    expect(extractFacts('en årlig besparelse på\n1,6 mio. kr.')).toMatchObject([{ text: '1,6 mio. kr.', per: null }]);
    expect(extractFacts('en årlig besparelse på 1,6 mio. kr.')).toMatchObject([{ text: '1,6 mio. kr.', per: 'year' }]);
  });

  it('still reads a series whose points stand on lines of their own', () => {
    const { series } = extract('2013: 5,7 pct.\n2014: 5,9 pct.');
    expect(series).toMatchObject([{ unit: 'percent', points: [{ value: 5.7 }, { value: 5.9 }] }]);
    // but a label and its value share a line
    expect(extract('2013:\n5,7 pct. 2014:\n5,9 pct.').series).toEqual([]);
  });
});
