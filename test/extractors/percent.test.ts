import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../extractors/index.js';
import { expectFact, expectNoFact, type Expected } from './helpers.js';

const plain = { min: null, max: null, approx: false, qualifier: null };

const CASES: [string, Expected][] = [
  ['2013: 5,7 pct. 2014', { kind: 'percent', text: '5,7 pct.', value: 5.7, ...plain }],
  ['Dette svarer til 11,5% af det samlede antal', { kind: 'percent', text: '11,5%', value: 11.5, ...plain }],
  ['en andel på 12,5 % af alle', { kind: 'percent', text: '12,5 %', value: 12.5 }],
  ['en andel på 12,5\u00a0% af alle', { kind: 'percent', text: '12,5\u00a0%', value: 12.5 }],
  ['et fald på 15 procent i perioden', { kind: 'percent', text: '15 procent', value: 15 }],
  ['sket et fald på 31,5 procent. For gennemsnittet', { kind: 'percent', text: '31,5 procent', value: 31.5 }],
  ['svarende til 1 pct. af det kommunale udgiftsloft', { kind: 'percent', text: '1 pct.', value: 1 }],
  ['en stigning på 3 pct i alt', { kind: 'percent', text: '3 pct', value: 3 }],
  ['”Minimum 20 procent af de aktivitetsparate', { kind: 'percent', text: 'Minimum 20 procent', value: 20, qualifier: 'gte' }],
  ['en andel på ca. 10-15 pct. af borgerne', { kind: 'percent', text: 'ca. 10-15 pct.', value: null, min: 10, max: 15, approx: true }],
  ['mere end 50 % af borgerne', { kind: 'percent', text: 'mere end 50 %', value: 50, qualifier: 'gt' }],
  ['under 2 pct. af borgerne', { kind: 'percent', text: 'under 2 pct.', qualifier: 'lt' }],
  ['et fald på fem procent', { kind: 'percent', text: 'fem procent', value: 5 }],
  ['en 100%-dækning af området', { kind: 'percent', text: '100%', value: 100 }],
  // percentage points: quantities, never percents
  ['et fald der er 4,6 procentpoint mere end', { kind: 'quantity', text: '4,6 procentpoint', value: 4.6, unit: 'procentpoint', ...plain }],
  ['med 2 procentpoint mere end gennemsnittet', { kind: 'quantity', text: '2 procentpoint', value: 2, unit: 'procentpoint' }],
  ['en stigning på 1,5 pct.-point fra', { kind: 'quantity', text: '1,5 pct.-point', value: 1.5, unit: 'pct.-point' }],
  ['en stigning på 3 %-point fra', { kind: 'quantity', text: '3 %-point', value: 3, unit: '%-point' }],
  ['en stigning på 3 procent-point fra', { kind: 'quantity', text: '3 procent-point', unit: 'procent-point' }],
];

describe('percent', () => {
  it.each(CASES)('%s', (source, expected) => {
    expectFact(source, expected);
  });

  it('never reads a percentage point as a percent', () => {
    const facts = extractFacts('4,6 procentpoint og 2 pct.-point og 3 %-point');
    expect(facts.map((f) => f.kind)).toEqual(['quantity', 'quantity', 'quantity']);
  });

  it.each([
    ['url med a%20b i', '%20'],
    ['koden 20%b er ikke', '20%b'],
    ['procentdelen 20 procentdel', '20 procentdel'],
    ['en procentsats', 'procentsats'],
  ])('no percent in "%s"', (source, part) => {
    expectNoFact(source, part, 'percent');
  });
});
