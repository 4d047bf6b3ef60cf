import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts, isValidDate, MONTHS } from '../../extractors/index.js';
import { expectFact, expectNoFact, type Expected } from './helpers.js';

const CASES: [string, Expected][] = [
  ['Pr. 1. januar 2016 blev Beredskab Øst oprettet', { kind: 'date', text: '1. januar 2016', value: '2016-01-01', grain: 'day', yearFrom: 'text' }],
  ['vedtaget den 14. juni 2018 af byrådet', { kind: 'date', text: '14. juni 2018', value: '2018-06-14', grain: 'day', yearFrom: 'text' }],
  ['De 9 kommuner fik juni 2016 status', { kind: 'date', text: 'juni 2016', value: '2016-06', grain: 'month', yearFrom: 'text' }],
  ['inden udgangen af juni måned 2022 opnået', { kind: 'date', text: 'juni måned 2022', value: '2022-06', grain: 'month', yearFrom: 'text' }],
  ['Januar 2019 blev det besluttet', { kind: 'date', text: 'Januar 2019', value: '2019-01', grain: 'month', yearFrom: 'text' }],
  ['frist 31.12.2019 for ansøgning', { kind: 'date', text: '31.12.2019', value: '2019-12-31', grain: 'day', yearFrom: 'text' }],
  ['dateret 19-08-2025 i systemet', { kind: 'date', text: '19-08-2025', value: '2025-08-19', grain: 'day', yearFrom: 'text' }],
  ['dateret 1.7.2025 i systemet', { kind: 'date', text: '1.7.2025', value: '2025-07-01', yearFrom: 'text' }],
  ['dateret 2019-12-31 i systemet', { kind: 'date', text: '2019-12-31', value: '2019-12-31', yearFrom: 'text' }],
  ['dateret 19/8-2025 i systemet', { kind: 'date', text: '19/8-2025', value: '2025-08-19', yearFrom: 'text' }],
  ['træder i kraft den 1. juli 2025. Sundheds-', { kind: 'date', text: '1. juli 2025', value: '2025-07-01', yearFrom: 'text' }],
  ['mødet 3. sept. 2017 blev', { kind: 'date', text: '3. sept. 2017', value: '2017-09-03', yearFrom: 'text' }],
  ['mødet i jan. 2018 blev', { kind: 'date', text: 'jan. 2018', value: '2018-01', grain: 'month', yearFrom: 'text' }],
  ['skuddag 29. februar 2016 findes', { kind: 'date', text: '29. februar 2016', value: '2016-02-29', yearFrom: 'text' }],
  ['vedtaget den 1.januar 2016', { kind: 'date', text: '1.januar 2016', value: '2016-01-01', yearFrom: 'text' }],
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

describe('dates without a year', () => {
  // [source, date text, value without a reference year, value with referenceYear 2025]
  const CASES: [string, string, string, string][] = [
    // the Greve cells
    ['23. april', '23. april', '--04-23', '2025-04-23'],
    ['afholdt 27/11', '27/11', '--11-27', '2025-11-27'],
    ['KTMU 25. april (pkt. 6)', '25. april', '--04-25', '2025-04-25'],
    // "D. måned"
    ['Udvalget behandler sagen den 3. maj', '3. maj', '--05-03', '2025-05-03'],
    ['hvert år, senest den 31. december, vedtage', '31. december', '--12-31', '2025-12-31'],
    ['møde den 6. februar (pkt.16) blev', '6. februar', '--02-06', '2025-02-06'],
    ['Vedtaget. Byrådet 14. maj', '14. maj', '--05-14', '2025-05-14'],
    ['frist 1 juli for ansøgning', '1 juli', '--07-01', '2025-07-01'],
    ['mødet 3. sept. blev', '3. sept.', '--09-03', '2025-09-03'],
    ['den 5.\u00a0marts', '5.\u00a0marts', '--03-05', '2025-03-05'],
    // "D/M" with a date word, a committee, or a line of its own
    ['d. 27/11', '27/11', '--11-27', '2025-11-27'],
    ['Den 2/3 blev', '2/3', '--03-02', '2025-03-02'],
    ['pr. 1/7 overgår', '1/7', '--07-01', '2025-07-01'],
    ['Møde 27/11 i udvalget', '27/11', '--11-27', '2025-11-27'],
    ['senest 01/12', '01/12', '--12-01', '2025-12-01'],
    ['KTMU 27/11 (pkt. 4)', '27/11', '--11-27', '2025-11-27'],
    ['27/11', '27/11', '--11-27', '2025-11-27'],
    ['Status\n27/11\n', '27/11', '--11-27', '2025-11-27'],
    ['- 27/11', '27/11', '--11-27', '2025-11-27'],
    ['27/11: Temamøde', '27/11', '--11-27', '2025-11-27'],
  ];

  it.each(CASES)('%j → %s: %s, or %s with the report year', (source, text, open, dated) => {
    expectFact(source, { kind: 'date', text, value: open, grain: 'day', yearFrom: null });
    expectFact(source, { kind: 'date', text, value: dated, grain: 'day', yearFrom: 'report' }, { referenceYear: 2025 });
  });

  it('keeps a written year over the reference year', () => {
    expectFact('den 23. april 2024', { kind: 'date', text: '23. april 2024', value: '2024-04-23', yearFrom: 'text' }, { referenceYear: 2025 });
    expectFact('d. 19/8-2023', { kind: 'date', text: '19/8-2023', value: '2023-08-19', yearFrom: 'text' }, { referenceYear: 2025 });
  });

  it('takes the year of a coordinated date written with one', () => {
    expect(extractFacts('i november / december 2021', { referenceYear: 2024 })).toMatchObject([
      { kind: 'date', text: 'november', value: '2021-11', yearFrom: 'text' },
      { kind: 'date', text: 'december 2021', value: '2021-12', yearFrom: 'text' },
    ]);
    expect(extractFacts('i april/maj 2025', { referenceYear: 2024 })).toMatchObject([
      { kind: 'date', text: 'april', value: '2025-04', yearFrom: 'text' },
      { kind: 'date', text: 'maj 2025', value: '2025-05' },
    ]);
    expect(extractFacts('den 23. april, 5. maj og 6. juni 2025')).toMatchObject([
      { kind: 'date', text: '23. april', value: '2025-04-23', yearFrom: 'text' },
      { kind: 'date', text: '5. maj', value: '2025-05-05', yearFrom: 'text' },
      { kind: 'date', text: '6. juni 2025', value: '2025-06-06', yearFrom: 'text' },
    ]);
    // not across a line: the next line is another cell or paragraph
    expectFact('den 23. april og\n5. maj 2025', { kind: 'date', text: '23. april', value: '--04-23', yearFrom: null });
  });

  it('accepts 29. februar without a year, and keeps it open when the report year is no leap year', () => {
    expectFact('den 29. februar', { kind: 'date', text: '29. februar', value: '--02-29', yearFrom: null });
    expectFact('den 29. februar', { kind: 'date', text: '29. februar', value: '2024-02-29', yearFrom: 'report' }, { referenceYear: 2024 });
    expectFact('den 29. februar', { kind: 'date', text: '29. februar', value: '--02-29', yearFrom: null }, { referenceYear: 2025 });
  });

  it('ignores a reference year that is not a four-digit integer', () => {
    for (const referenceYear of [null, 2025.5, 99, 12345, Number.NaN]) {
      expectFact('23. april', { kind: 'date', value: '--04-23', text: '23. april', yearFrom: null }, { referenceYear });
    }
  });

  it.each([
    // ordinals, parts of a year and labels are no days
    ['1. halvår', '1. halvår'],
    ['2. kvartal', '2. kvartal'],
    ['1. Ny ældrelov', '1. Ny'],
    ['Beslutning 1. - 5. anbefales.', '1. - 5.'],
    ['KTMU 25. april (pkt. 6)', 'pkt. 6'],
    ['fra kl. 14 til 16', 'kl. 14'],
    ['nr. 3 maj', '3 maj'],
    ['3. maj-møde', '3. maj'],
    // impossible days
    ['den 31. april', '31. april'],
    ['den 30. februar', '30. februar'],
    ['den 0/7', '0/7'],
    ['den 32/1', '32/1'],
    ['den 12/13', '12/13'],
    ['den 12/0', '12/0'],
    // "D/M" without date context: sizes, fractions, ratios
    ['2/3 af borgerne', '2/3'],
    ['den 2/3 af pladserne', '2/3'],
    ['1/2 del', '1/2'],
    ['Døgnåbent 24/7', '24/7'],
    ['steget til 2/3 i år', '2/3'],
    ['fra 1/3 til 1/2', '1/3 til 1/2'],
    ['en andel på 3/4', '3/4'],
    ['den 2/3 %', '2/3'],
    // a number in a run, or a year after it on the line (the dated rules decide)
    ['versionen 1/2/3', '1/2/3'],
    ['d. 27/11-24', '27/11-24'],
    ['d. 29/2 2025', '29/2 2025'],
    ['den 31. februar 2017', '31. februar'],
  ])('no date in %j', (source, part) => {
    expectNoFact(source, part, 'date');
    expectNoFact(source, part, 'date', { referenceYear: 2025 });
  });

  it('reads a month alone only with a reference year, after a preposition', () => {
    expectNoFact('Forventes afsluttet i april', 'april', 'date');
    expectFact('Forventes afsluttet i april', { kind: 'date', text: 'april', value: '2025-04', grain: 'month', yearFrom: 'report' }, { referenceYear: 2025 });
    expectFact('I maj måned', { kind: 'date', text: 'maj måned', value: '2025-05', grain: 'month' }, { referenceYear: 2025 });
    expectFact('inden udgangen af juni', { kind: 'date', text: 'juni', value: '2025-06' }, { referenceYear: 2025 });
    expectNoFact('April var varm', 'April', 'date', { referenceYear: 2025 });
    expectNoFact('i januar-marts', 'januar-marts', undefined, { referenceYear: 2025 });
    expectNoFact('i maj-møderne', 'maj', undefined, { referenceYear: 2025 });
    expectFact('i april 2024', { kind: 'date', text: 'april 2024', value: '2024-04', yearFrom: 'text' }, { referenceYear: 2025 });
  });

  it('joins two dates into a period when a year is known for both', () => {
    expect(extractFacts('fra 23. april til 5. maj')).toMatchObject([
      { kind: 'date', value: '--04-23' },
      { kind: 'date', value: '--05-05' },
    ]);
    expect(extractFacts('fra 23. april til 5. maj', { referenceYear: 2025 })).toMatchObject([
      { kind: 'period', text: 'fra 23. april til 5. maj', start: '2025-04-23', end: '2025-05-05', grain: 'part' },
    ]);
    expect(extractFacts('10. februar - 17. marts 2023')).toMatchObject([
      { kind: 'period', text: '10. februar - 17. marts 2023', start: '2023-02-10', end: '2023-03-17' },
    ]);
    expect(extractFacts('1. december - 31. januar 2025', { referenceYear: 2030 })).toMatchObject([
      { kind: 'period', start: '2024-12-01', end: '2025-01-31' },
    ]);
    expect(extractFacts('fra 1. marts 2024 til 28. februar')).toMatchObject([{ kind: 'period', start: '2024-03-01', end: '2025-02-28' }]);
    expect(extractFacts('fra januar til marts', { referenceYear: 2025 })).toMatchObject([
      { kind: 'period', text: 'fra januar til marts', start: '2025-01', end: '2025-03' },
    ]);
  });
});
