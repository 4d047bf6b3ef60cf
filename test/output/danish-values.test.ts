import { describe, expect, it } from 'vitest';
import { danishDate, danishFactValue, danishKroner, danishNumber, danishSeriesValue } from '../../output/danish-values.js';
import type { Fact } from '../../schemas/fact.js';

const base = { text: 'x', span: [0, 1] as [number, number] };

describe('Danish values', () => {
  it('writes numbers with "." between thousands and a decimal comma', () => {
    expect([danishNumber(1234567.5), danishNumber(2.5), danishNumber(-0.25), danishNumber(1000), danishNumber(0.004)]).toEqual(['1.234.567,5', '2,5', '-0,25', '1.000', '0']);
  });

  it('writes kroner in the scale a Danish report uses', () => {
    expect([danishKroner(2_500_000_000), danishKroner(1_600_000), danishKroner(1500), danishKroner(-12_345_000)]).toEqual(['2,5 mia. kr.', '1,6 mio. kr.', '1.500 kr.', '-12,345 mio. kr.']);
  });

  it('writes each kind of fact the Danish way', () => {
    const facts: Fact[] = [
      { ...base, kind: 'money', value: 1_600_000, min: null, max: null, currency: 'DKK', approx: true, qualifier: null, per: 'year', scale: null, total: false },
      { ...base, kind: 'money', value: null, min: 2_000_000, max: 3_500_000, currency: 'DKK', approx: false, qualifier: null, per: null, scale: null, total: false },
      { ...base, kind: 'percent', value: 5.7, min: null, max: null, approx: false, qualifier: 'gte' },
      { ...base, kind: 'quantity', value: 1200, min: null, max: null, unit: 'boliger', approx: false, qualifier: null },
      { ...base, kind: 'date', value: '2017-04-23', grain: 'day', yearFrom: 'text' },
      { ...base, kind: 'date', value: '--11-27', grain: 'day', yearFrom: null },
      { ...base, kind: 'period', start: '2014', end: '2017', grain: 'year' },
      { ...base, kind: 'year', value: 2019 },
    ];
    expect(facts.map(danishFactValue)).toEqual([
      'ca. 1,6 mio. kr. årligt',
      '2–3,5 mio. kr.',
      'mindst 5,7 pct.',
      '1.200 boliger',
      '23. april 2017',
      '27. november',
      '2014–2017',
      '2019',
    ]);
    expect(danishDate('2016-01')).toBe('januar 2016');
  });

  it('writes series values with their unit', () => {
    expect([danishSeriesValue({ unit: 'percent' }, 5.7), danishSeriesValue({ unit: 'DKK' }, 2_500_000_000), danishSeriesValue({ unit: 'count' }, 12000)]).toEqual(['5,7 pct.', '2,5 mia. kr.', '12.000']);
  });
});
