import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts, isValidDate, MONTHS } from '../../extractors/index.js';
import { expectFact, expectNoFact, type Expected } from './helpers.js';

const CASES: [string, Expected][] = [
  ['Pr. 1. januar 2016 blev Beredskab Øst oprettet', { kind: 'date', text: '1. januar 2016', value: '2016-01-01', grain: 'day' }],
  ['vedtaget den 14. juni 2018 af byrådet', { kind: 'date', text: '14. juni 2018', value: '2018-06-14', grain: 'day' }],
  ['De 9 kommuner fik juni 2016 status', { kind: 'date', text: 'juni 2016', value: '2016-06', grain: 'month' }],
  ['inden udgangen af juni måned 2022 opnået', { kind: 'date', text: 'juni måned 2022', value: '2022-06', grain: 'month' }],
  ['Januar 2019 blev det besluttet', { kind: 'date', text: 'Januar 2019', value: '2019-01', grain: 'month' }],
  ['frist 31.12.2019 for ansøgning', { kind: 'date', text: '31.12.2019', value: '2019-12-31', grain: 'day' }],
  ['dateret 19-08-2025 i systemet', { kind: 'date', text: '19-08-2025', value: '2025-08-19', grain: 'day' }],
  ['dateret 1.7.2025 i systemet', { kind: 'date', text: '1.7.2025', value: '2025-07-01' }],
  ['dateret 2019-12-31 i systemet', { kind: 'date', text: '2019-12-31', value: '2019-12-31' }],
  ['dateret 19/8-2025 i systemet', { kind: 'date', text: '19/8-2025', value: '2025-08-19' }],
  ['træder i kraft den 1. juli 2025. Sundheds-', { kind: 'date', text: '1. juli 2025', value: '2025-07-01' }],
  ['mødet 3. sept. 2017 blev', { kind: 'date', text: '3. sept. 2017', value: '2017-09-03' }],
  ['mødet i jan. 2018 blev', { kind: 'date', text: 'jan. 2018', value: '2018-01', grain: 'month' }],
  ['skuddag 29. februar 2016 findes', { kind: 'date', text: '29. februar 2016', value: '2016-02-29' }],
  ['vedtaget den 1.januar 2016', { kind: 'date', text: '1.januar 2016', value: '2016-01-01' }],
];

describe('dates', () => {
  it.each(CASES)('%s', (source, expected) => {
    expectFact(source, expected);
  });

  it('leaves "den" and "pr." out of the date text', () => {
    expect(extractFacts('den 15. december 2015')[0]?.text).toBe('15. december 2015');
  });

  it.each([
    ['den 31. februar 2017 var', '31. februar 2017'],
    ['den 29. februar 2017 var', '29. februar 2017'],
    ['den 31. juni 2017 var', '31. juni 2017'],
    ['dato 32.01.2017 var', '32.01.2017'],
    ['dato 12.13.2017 var', '12.13.2017'],
  ])('rejects the impossible date in %s', (source, part) => {
    expectNoFact(source, part, 'date');
  });

  it.each([
    ['møde den 6. februar (pkt.16) blev', '6. februar'],
    ['hvert år, senest den 31. december, vedtage', '31. december'],
    ['julen 2017 blev', 'julen'],
    ['versionen 1.1.1.2017', '1.1.1.2017'],
  ])('no date in %s', (source, part) => {
    expectNoFact(source, part, 'date');
  });

  it('agrees with the calendar on valid days', () => {
    expect(isValidDate(2016, 2, 29)).toBe(true);
    expect(isValidDate(2100, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(2017, 4, 31)).toBe(false);
  });

  it('parses any valid date as Intl writes it in Danish ("1. januar 2016") and as DD.MM.YYYY', () => {
    const long = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        for (const written of [long.format(d), `${day}.${m}.${y}`, `${Number(day)}. ${MONTHS[Number(m) - 1]!.name} ${y}`]) {
          const source = `Det blev besluttet den ${written}, og så videre.`;
          const facts = extractFacts(source);
          expect(facts, written).toHaveLength(1);
          expect(facts[0]).toMatchObject({ kind: 'date', value: iso, grain: 'day', text: written });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parses every month name, capitalised or not, as a month', () => {
    MONTHS.forEach((m, i) => {
      const value = `2020-${String(i + 1).padStart(2, '0')}`;
      for (const name of [m.name, m.name[0]!.toUpperCase() + m.name.slice(1)]) {
        expect(extractFacts(`i ${name} 2020 skete`)).toMatchObject([{ kind: 'date', value, grain: 'month', text: `${name} 2020` }]);
      }
    });
  });
});
