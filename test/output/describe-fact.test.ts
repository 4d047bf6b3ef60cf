/** Facts in words: scaled amounts, totals, dates without a year. */
import { describe, expect, it } from 'vitest';
import { describeFact, describeFactValue, describeScaledAmount, formatKroner } from '../../output/describe-fact.js';
import type { DateFact, MoneyFact } from '../../schemas/fact.js';

const money = (more: Partial<MoneyFact>): MoneyFact => ({
  kind: 'money', text: '1.500', span: [0, 5], value: 1_500_000, min: null, max: null, currency: 'DKK', approx: false, qualifier: null, per: null, scale: null, total: false, ...more,
});
const date = (value: string, yearFrom: DateFact['yearFrom']): DateFact => ({ kind: 'date', text: 'x', span: [0, 1], value, grain: 'day', yearFrom });

describe('describeFactValue', () => {
  it('writes a bare amount with its scale: the number, the factor, the kroner, the unit and where it came from', () => {
    const scaled = money({ scale: { unit: 't.kr.', factor: 1000, from: 'header' } });
    expect(describeFactValue(scaled)).toBe('1500 × 1000 = 1500000 DKK (t.kr., header)');
    expect(describeFact(scaled)).toBe('money "1.500" = 1500 × 1000 = 1500000 DKK (t.kr., header)');
    expect(describeFactValue(money({ value: 1234.5 * 1e6, scale: { unit: 'mio. kr.', factor: 1e6, from: 'caption' }, approx: true }))).toBe('≈ 1234.5 × 1000000 = 1234500000 DKK (mio. kr., caption)');
    expect(describeFactValue(money({ value: null, min: 100_000, max: 200_000, scale: { unit: 't.kr.', factor: 1000, from: 'context' } }))).toBe('(100–200) × 1000 = 100000–200000 DKK (t.kr., context)');
  });

  it('says when a figure stands in a totals row', () => {
    expect(describeFactValue(money({ total: true }))).toBe('1500000 DKK, totals row');
    expect(describeFactValue(money({ total: true, per: 'year', scale: { unit: 't.kr.', factor: 1000, from: 'header' } }))).toBe('1500 × 1000 = 1500000 DKK per year (t.kr., header), totals row');
  });

  it('says where a date got its year, or that it has none', () => {
    expect(describeFactValue(date('2017-04-23', 'text'))).toBe('2017-04-23 (day)');
    expect(describeFactValue(date('2017-04-23', 'report'))).toBe('2017-04-23 (day, year from the report)');
    expect(describeFactValue(date('--04-23', null))).toBe('--04-23 (day, year unknown)');
  });
});

describe('describeScaledAmount', () => {
  it('writes the amount as the page shows it, in Danish', () => {
    expect(describeScaledAmount(money({ scale: { unit: 't.kr.', factor: 1000, from: 'header' } }))).toBe('1.500 (t.kr.) = 1 500 000 kr.');
    expect(describeScaledAmount(money({ text: '100-200', value: null, min: 100e6, max: 200e6, scale: { unit: 'mio. kr.', factor: 1e6, from: 'header' } }))).toBe('100-200 (mio. kr.) = 100 000 000–200 000 000 kr.');
    expect(describeScaledAmount(money({}))).toBeNull();
    expect([formatKroner(2.5), formatKroner(-1234567.25), formatKroner(999)]).toEqual(['2,5', '-1 234 567,25', '999']);
  });
});
