import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../extractors/index.js';
import { expectFact, expectNoFact } from './helpers.js';

describe('years', () => {
  it.each([
    ['Skat fik opgaven tilbage i 2015.', '2015'],
    ['I budget 2018 er der vedtaget', '2018'],
    ['Ballerup Kommune frem mod 2029.', '2029'],
    ['Vision 2029 er kommunalbestyrelsens vision', '2029'],
    ['I 2015 frigav Kommunalbestyrelsen midler', '2015'],
    ['2013: 5,7 pct.', '2013'],
    ['under 2017 blev', '2017'],
    ['fra 2017 og frem', '2017'],
    ['år 1900 og år 2100', '2100'],
    ['Mål 2025: flere i job', '2025'],
    ['2017-budgettet blev vedtaget', '2017'],
    ['i 2013, 2014 og 2015', '2014'],
  ])('%s → %s', (source, year) => {
    expectFact(source, { kind: 'year', text: year, value: Number(year) });
  });

  it('never qualifies a year ("under 2017" means "during 2017")', () => {
    expect(extractFacts('under 2017 blev')).toEqual([{ kind: 'year', text: '2017', span: [6, 10], value: 2017 }]);
  });

  it.each([
    ['sag 24-013331 om', '24-013331'],
    ['sagsnr. 2015 om', '2015'],
    ['i år 1899 og', '1899'],
    ['i år 2101 og', '2101'],
    ['gruppering 200)', '200'],
    ['nummer 20150 og', '20150'],
    ['beløbet 2.015 kr', '2.015'],
    ['koden AB2015 og', 'AB2015'],
    ['værdien 2015,5 og', '2015,5'],
    ['den 1. januar 2016', '2016'],
    ['i 1. halvår 2017', '2017'],
    ['i 2014-2017', '2014'],
    ['jf. § 2015 i loven', '2015'],
    ['kl. 2015 i aften', '2015'],
    ['lov nr. 2016 af', '2016'],
    ["i 1990'erne blev", '1990'],
    ['Smallegade 1, 2000 Frederiksberg', '2000'],
  ])('no year in %s', (source, part) => {
    expectNoFact(source, part, 'year');
  });
});
