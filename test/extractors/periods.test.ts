import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../extractors/index.js';
import { expectFact, expectNoFact, type Expected } from './helpers.js';

const CASES: [string, Expected][] = [
  ['i løbet af valgperioden 2014-2017.', { kind: 'period', text: '2014-2017', start: '2014', end: '2017', grain: 'year' }],
  ['strategi for 2014-19 er basis', { kind: 'period', text: '2014-19', start: '2014', end: '2019', grain: 'year' }],
  ['i perioden 2013–2016 blev', { kind: 'period', text: '2013–2016', start: '2013', end: '2016', grain: 'year' }],
  ['i perioden 2013 - 2016 blev', { kind: 'period', text: '2013 - 2016', start: '2013', end: '2016' }],
  ['i Folketingssamlingen 2024/2025 med', { kind: 'period', text: '2024/2025', start: '2024', end: '2025' }],
  ['budgetåret 2024/25 med', { kind: 'period', text: '2024/25', start: '2024', end: '2025' }],
  ['skulle gælde fra 2016 til 2019.', { kind: 'period', text: 'fra 2016 til 2019', start: '2016', end: '2019', grain: 'year' }],
  ['gælder fra og med 2016 til og med 2019.', { kind: 'period', text: 'fra og med 2016 til og med 2019', start: '2016', end: '2019' }],
  ['et sted mellem 2016 og 2019 blev', { kind: 'period', text: 'mellem 2016 og 2019', start: '2016', end: '2019' }],
  ['steget til 463 i 1. halvår 2017. Dette', { kind: 'period', text: '1. halvår 2017', start: '2017-01', end: '2017-06', grain: 'half' }],
  ['afsluttet i første halvår af 2017 og', { kind: 'period', text: 'første halvår af 2017', start: '2017-01', end: '2017-06', grain: 'half' }],
  ['valide fra andet halvår af 2017.', { kind: 'period', text: 'andet halvår af 2017', start: '2017-07', end: '2017-12', grain: 'half' }],
  ['i 2. halvår 2017 blev', { kind: 'period', text: '2. halvår 2017', start: '2017-07', end: '2017-12', grain: 'half' }],
  ['i sidste halvår af 2019 blev', { kind: 'period', text: 'sidste halvår af 2019', start: '2019-07', end: '2019-12' }],
  ['i H1 2019 blev', { kind: 'period', text: 'H1 2019', start: '2019-01', end: '2019-06', grain: 'half' }],
  ['fra 418 i 1. kvartal 2014 til', { kind: 'period', text: '1. kvartal 2014', start: '2014-01', end: '2014-03', grain: 'quarter' }],
  ['i 4. kvt. 2018 blev', { kind: 'period', text: '4. kvt. 2018', start: '2018-10', end: '2018-12', grain: 'quarter' }],
  ['i tredje kvartal 2018 blev', { kind: 'period', text: 'tredje kvartal 2018', start: '2018-07', end: '2018-09', grain: 'quarter' }],
  ['i 1.-3. kvartal 2017 blev', { kind: 'period', text: '1.-3. kvartal 2017', start: '2017-01', end: '2017-09', grain: 'quarter' }],
  ['i Q3 2018 blev', { kind: 'period', text: 'Q3 2018', start: '2018-07', end: '2018-09', grain: 'quarter' }],
  ['5,1 pct. 2017 (1-3. kv.): 4,6 pct.', { kind: 'period', text: '2017 (1-3. kv.)', start: '2017-01', end: '2017-09', grain: 'quarter' }],
  ['tal for 2018 (1. kvartal) viser', { kind: 'period', text: '2018 (1. kvartal)', start: '2018-01', end: '2018-03', grain: 'quarter' }],
  ['sig. Efterår 2017 er indsatsen', { kind: 'period', text: 'Efterår 2017', start: '2017-09', end: '2017-11', grain: 'season' }],
  ['den aktuelle i efteråret 2017.', { kind: 'period', text: 'efteråret 2017', start: '2017-09', end: '2017-11', grain: 'season' }],
  ['vedtaget i foråret 2019 og', { kind: 'period', text: 'foråret 2019', start: '2019-03', end: '2019-05', grain: 'season' }],
  ['åbner i sommeren 2018 og', { kind: 'period', text: 'sommeren 2018', start: '2018-06', end: '2018-08', grain: 'season' }],
  ['i vinteren 2018 og', { kind: 'period', text: 'vinteren 2018', start: '2018-12', end: '2019-02', grain: 'season' }],
  ['i vinteren 2017/18 og', { kind: 'period', text: 'vinteren 2017/18', start: '2017-12', end: '2018-02', grain: 'season' }],
  ['forventes levering primo 2018.', { kind: 'period', text: 'primo 2018', start: '2018-01', end: '2018-04', grain: 'part' }],
  ['forventes levering medio 2019.', { kind: 'period', text: 'medio 2019', start: '2019-05', end: '2019-08', grain: 'part' }],
  ['forventes levering ultimo 2020.', { kind: 'period', text: 'ultimo 2020', start: '2020-09', end: '2020-12', grain: 'part' }],
  ['forventes i slutningen af 2020.', { kind: 'period', text: 'slutningen af 2020', start: '2020-09', end: '2020-12', grain: 'part' }],
  ['i perioden 2013-2016 blev', { kind: 'period', text: '2013-2016', start: '2013', end: '2016' }],
  ['i valgperioden 2014-2017 blev', { kind: 'period', text: '2014-2017', start: '2014', end: '2017' }],
  ['i januar-marts 2018 blev', { kind: 'period', text: 'januar-marts 2018', start: '2018-01', end: '2018-03', grain: 'part' }],
  ['i perioden fra januar til marts 2018 blev', { kind: 'period', text: 'fra januar til marts 2018', start: '2018-01', end: '2018-03', grain: 'part' }],
  ['skal falde fra december 2020 til december 2022 med', { kind: 'period', text: 'fra december 2020 til december 2022', start: '2020-12', end: '2022-12', grain: 'part' }],
  ['gælder 1. januar 2016 - 31. december 2017 for', { kind: 'period', text: '1. januar 2016 - 31. december 2017', start: '2016-01-01', end: '2017-12-31', grain: 'part' }],
];

describe('periods', () => {
  it.each(CASES)('%s', (source, expected) => {
    expectFact(source, expected);
  });

  it('makes "1. halvår 2017" one period: no date, quantity or year inside it', () => {
    expect(extractFacts('i 1. halvår 2017.')).toMatchObject([{ kind: 'period', text: '1. halvår 2017' }]);
  });

  it('makes "fra 2016 til 2019" one period, not two years', () => {
    expect(extractFacts('fra 2016 til 2019').map((f) => f.kind)).toEqual(['period']);
  });

  it.each([
    ['Egebjergvej 44-48 i Ballerup', '44-48'],
    ['sag 24-013331 om', '24-013331'],
    ['fra 2019 til 2016 faldt', 'fra 2019 til 2016'],
    ['i 2017-2014 faldt', '2017-2014'],
    ['en 2018/1 opgørelse', '2018/1'],
    ['i marts-januar 2018 blev', 'marts-januar 2018'],
    ['mellem 18-29 år', '18-29'],
  ])('no period in %s', (source, part) => {
    expectNoFact(source, part, 'period');
  });
});
