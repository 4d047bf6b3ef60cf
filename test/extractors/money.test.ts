import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../extractors/index.js';
import type { AmountScale } from '../../schemas/fact.js';
import { expectFact, expectNoFact, type Expected } from './helpers.js';

const plain = { min: null, max: null, currency: 'DKK', approx: false, qualifier: null, per: null, scale: null, total: false };

const CASES: [string, Expected][] = [
  ['en besparelse på 1,6 mio. kr. på redningsberedskabet', { kind: 'money', text: '1,6 mio. kr.', value: 1_600_000, ...plain }],
  ['et omprioriteringsbidrag på 2,5 mia. kr. svarende til', { kind: 'money', text: '2,5 mia. kr.', value: 2_500_000_000, ...plain }],
  ['svarede til ca. 25 mio. kr. i Ballerup', { kind: 'money', text: 'ca. 25 mio. kr.', value: 25_000_000, ...plain, approx: true }],
  ['Cirka 3,2 mio. kr. er øremærket', { kind: 'money', text: 'Cirka 3,2 mio. kr.', value: 3_200_000, approx: true }],
  ['nedbragt med mere end 8 mio. kr.', { kind: 'money', text: 'mere end 8 mio. kr.', value: 8_000_000, qualifier: 'gt' }],
  ['besparelser på minimum 10 millioner kroner – som', { kind: 'money', text: 'minimum 10 millioner kroner', value: 10_000_000, qualifier: 'gte' }],
  ['et tilskud på mindst 400.000 kr. til', { kind: 'money', text: 'mindst 400.000 kr.', value: 400_000, qualifier: 'gte' }],
  ['der gives op til 2 mio. kr. pr. projekt', { kind: 'money', text: 'op til 2 mio. kr.', value: 2_000_000, qualifier: 'lte' }],
  ['udgifterne må højst udgøre under 5 mio. kr.', { kind: 'money', text: 'under 5 mio. kr.', value: 5_000_000, qualifier: 'lt' }],
  ['op til ca. 3 mio. kr. i alt', { kind: 'money', text: 'op til ca. 3 mio. kr.', value: 3_000_000, qualifier: 'lte', approx: true }],
  ['udgiftsniveauet på 4 mio. kr. årligt (udgifter til borgere)', { kind: 'money', text: '4 mio. kr. årligt', value: 4_000_000, per: 'year' }],
  ['en besparelse på 4 mio. kr. om året', { kind: 'money', text: '4 mio. kr. om året', per: 'year' }],
  ['opnået en årlig besparelse på 1,6 mio. kr. på redningsberedskabet', { kind: 'money', text: '1,6 mio. kr.', per: 'year' }],
  ['der spares årligt ca. 2 mio. kr. på drift', { kind: 'money', text: 'ca. 2 mio. kr.', per: 'year', approx: true }],
  ['en månedlig ydelse på 5.000 kr.', { kind: 'money', text: '5.000 kr.', per: 'month' }],
  ['den årlige rapport viser et underskud. 5.000 kr. blev brugt', { kind: 'money', text: '5.000 kr.', per: null }],
  ['en besparelse på 4 mio. kr. pr. år.', { kind: 'money', text: '4 mio. kr. pr. år', per: 'year' }],
  ['en udgift på 20.000 kr. månedligt', { kind: 'money', text: '20.000 kr. månedligt', value: 20_000, per: 'month' }],
  ['en udgift på 20.000 kr. om måneden', { kind: 'money', text: '20.000 kr. om måneden', per: 'month' }],
  ['en udgift på 20.000 kr./md. i gennemsnit', { kind: 'money', text: '20.000 kr./md.', per: 'month' }],
  ['Investering af 50 mio, i partnerskab med Realdania', { kind: 'money', text: '50 mio', value: 50_000_000, ...plain }],
  ['medfinansierer halvdelen af de 50 mio.', { kind: 'money', text: '50 mio.', value: 50_000_000 }],
  ['en pulje på 500.000 kr. til formålet', { kind: 'money', text: '500.000 kr.', value: 500_000, ...plain }],
  ['tilskud på kr. 750.000 til foreningen', { kind: 'money', text: 'kr. 750.000', value: 750_000, ...plain }],
  ['Kr. 750.000 er bevilget', { kind: 'money', text: 'Kr. 750.000', value: 750_000 }],
  ['et budget på 1.250 t.kr. i 2018', { kind: 'money', text: '1.250 t.kr.', value: 1_250_000, ...plain }],
  ['et budget på 1.250 tkr. i 2018', { kind: 'money', text: '1.250 tkr.', value: 1_250_000 }],
  ['forventet udgift 2-3 mio. kr. i alt', { kind: 'money', text: '2-3 mio. kr.', value: null, min: 2_000_000, max: 3_000_000 }],
  ['forventet udgift ca. 2 – 3 mio. kr. i alt', { kind: 'money', text: 'ca. 2 – 3 mio. kr.', value: null, min: 2_000_000, max: 3_000_000, approx: true }],
  ['en udgift på mellem 2 og 3 mio. kr. årligt', { kind: 'money', text: 'mellem 2 og 3 mio. kr. årligt', min: 2_000_000, max: 3_000_000, per: 'year' }],
  ['et tilskud på 1½ mio. kr. til', { kind: 'money', text: '1½ mio. kr.', value: 1_500_000 }],
  ['et tilskud på halvanden mio. kr. til', { kind: 'money', text: 'halvanden mio. kr.', value: 1_500_000 }],
  ['et tilskud på to mio. kr. til', { kind: 'money', text: 'to mio. kr.', value: 2_000_000 }],
  ['finansieret med DKK 4,2 mio. fra fonden', { kind: 'money', text: 'DKK 4,2 mio.', value: 4_200_000 }],
  ['et resultat på -2,2 mio. kr. i 2017', { kind: 'money', text: '-2,2 mio. kr.', value: -2_200_000 }],
  ['et resultat på ÷2,2 mio. kr. i 2017', { kind: 'money', text: '÷2,2 mio. kr.', value: -2_200_000 }],
  ['et resultat på ÷ 2,2 mio. kr. i 2017', { kind: 'money', text: '÷ 2,2 mio. kr.', value: -2_200_000 }],
  ['et resultat på −2,2 mio. kr. i 2017', { kind: 'money', text: '−2,2 mio. kr.', value: -2_200_000 }],
  ['yderligere 376,1 mio. kr. i 2024', { kind: 'money', text: '376,1 mio. kr.', value: 376_100_000 }],
  ['budgetlagt med 4,75 mio. kr. fra 2017', { kind: 'money', text: '4,75 mio. kr.', value: 4_750_000 }],
  ['rammen er 3 mio. kr og dækker', { kind: 'money', text: '3 mio. kr', value: 3_000_000 }],
  ['rammen er 3 mio.kr. og dækker', { kind: 'money', text: '3 mio.kr.', value: 3_000_000 }],
  ['i alt 12 millioner kr. til', { kind: 'money', text: '12 millioner kr.', value: 12_000_000 }],
  ['i alt 2 milliarder kroner til', { kind: 'money', text: '2 milliarder kroner', value: 2_000_000_000 }],
  ['i alt 0,3 mia. kr. i 2024', { kind: 'money', text: '0,3 mia. kr.', value: 300_000_000 }],
  ['prisen er 750,- pr. deltager', { kind: 'money', text: '750,-', value: 750 }],
  ['i alt en million kroner til', { kind: 'money', text: 'en million kroner', value: 1_000_000 }],
  ['der gives en halv million kroner', { kind: 'money', text: 'en halv million kroner', value: 500_000 }],
  ['Tilskud: kr. 500,- pr. deltager', { kind: 'money', text: 'kr. 500,-', value: 500 }],
  ['et beløb på 25 DKK per stk.', { kind: 'money', text: '25 DKK', value: 25 }],
];

describe('money', () => {
  it.each(CASES)('%s', (source, expected) => {
    expectFact(source, expected);
  });

  it('keeps a trailing comma or sentence dot outside a scale without currency', () => {
    expect(extractFacts('Investering af 50 mio, i partnerskab')[0]?.text).toBe('50 mio');
  });

  it('reads two adjacent amounts separately, not "kr. 750.000" across them', () => {
    const facts = extractFacts('Besparelser 1,6 mio. kr. 750.000 kr. blev fundet');
    expect(facts.map((f) => f.text)).toEqual(['1,6 mio. kr.', '750.000 kr.']);
  });

  it.each([
    ['krav om 5 krav', '5 krav'],
    ['Kontoen (kr.) er lukket', 'kr.'],
    ['§ 60-selskab', '60'],
    ['et tilskud på 2 mio. euro fra EU', '2 mio.'],
    ['et tilskud på 2 mio. EUR fra EU', '2 mio.'],
  ])('no money in %s', (source, part) => {
    expectNoFact(source, part, 'money');
  });

  it('parses any amount formatted the Danish way back to its value', () => {
    const da = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
    const suffixes: [string, number][] = [
      ['kr.', 1],
      ['mio. kr.', 1e6],
      ['mia. kr.', 1e9],
      ['t.kr.', 1e3],
      ['millioner kroner', 1e6],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(...suffixes),
        fc.constantFrom('', 'ca. ', 'mere end '),
        (mantissa, decimals, [suffix, factor], prefix) => {
          const value = mantissa / 10 ** decimals;
          const written = da.format(value); // Intl writes "52.000" and "5,7" for da-DK
          const source = `Rammen er ${prefix}${written} ${suffix} i alt.`;
          const money = extractFacts(source).filter((f) => f.kind === 'money');
          expect(money).toHaveLength(1);
          const m = money[0]!;
          // The expected value in exact integer arithmetic: digits × factor / 10^decimals.
          const [int, frac = ''] = written.replace(/\./g, '').split(',');
          const scaled = BigInt(int! + frac) * BigInt(factor);
          const divisor = 10n ** BigInt(frac.length);
          const actual = m.kind === 'money' ? m.value! : NaN;
          if (scaled % divisor === 0n) {
            // A whole number of kroner must come out exactly (as the nearest double when beyond 2^53).
            expect(actual).toBe(Number(scaled / divisor));
          } else {
            expect(actual).toBeCloseTo(Number(scaled) / Number(divisor), 6);
          }
          expect(m.text).toBe(`${prefix}${written} ${suffix}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('bare amounts in an amount column (amountScale)', () => {
  const tkr = { unit: 't.kr.', factor: 1000, from: 'header' } as const;
  const mio = { unit: 'mio. kr.', factor: 1e6, from: 'header' } as const;
  const thousand = { unit: '1.000 kr.', factor: 1000, from: 'caption' } as const;
  const kroner = { unit: 'kr.', factor: 1, from: 'context' } as const;
  const mia = { unit: 'mia. kr.', factor: 1e9, from: 'caption' } as const;
  const bare = { kind: 'money' as const, min: null, max: null, currency: 'DKK', approx: false, qualifier: null, per: null, total: false };

  // [cell, scale, value, text of the fact]
  const CASES: [string, AmountScale, number, string][] = [
    // the Greve cells
    ['1.500', tkr, 1_500_000, '1.500'],
    ['-2,2', mio, -2_200_000, '-2,2'],
    ['11.154', tkr, 11_154_000, '11.154'],
    ['0', tkr, 0, '0'],
    // each scale
    ['1.500', thousand, 1_500_000, '1.500'],
    ['1.500', kroner, 1500, '1.500'],
    ['0,3', mia, 300_000_000, '0,3'],
    ['376,1', mio, 376_100_000, '376,1'],
    ['1.234,5', tkr, 1_234_500, '1.234,5'],
    ['½', mio, 500_000, '½'],
    // negatives: hyphen, minus sign, the Danish "÷", accounting brackets
    ['-2,2', tkr, -2200, '-2,2'],
    ['−0,4', tkr, -400, '−0,4'],
    ['÷2,2', tkr, -2200, '÷2,2'],
    ['÷ 2,2', tkr, -2200, '÷ 2,2'],
    ['(1.200)', tkr, -1_200_000, '(1.200)'],
    ['-0', tkr, 0, '-0'],
    ['+300', tkr, 300_000, '+300'],
    ['–5', tkr, -5000, '–5'],
    ['– 5', tkr, -5000, '– 5'],
    ['- 5', tkr, -5000, '- 5'],
    // four-digit numbers are amounts in an amount column, not years
    ['1500', tkr, 1_500_000, '1500'],
    ['2022', tkr, 2_022_000, '2022'],
    // spaces around the number, no-break spaces in it, footnote marks after it
    ['  1.500  ', tkr, 1_500_000, '1.500'],
    ['1\u00a0500', tkr, 1_500_000, '1\u00a0500'],
    ['1.500*', tkr, 1_500_000, '1.500'],
    ['1.500 (anlæg)', tkr, 1_500_000, '1.500'],
    ['(1.200) (drift)', tkr, -1_200_000, '(1.200)'],
  ];

  it.each(CASES)('%j with %j is %d kr.', (cell, scale, value, text) => {
    const fact = expectFact(cell, { ...bare, text, value, scale }, { amountScale: scale });
    expect(Object.is(fact.kind === 'money' && fact.value, -0)).toBe(false);
  });

  it('reads every line of a multi-line cell as its own amount', () => {
    const cell = '1.500\n-2,2\n–\n11.154';
    expect(extractFacts(cell, { amountScale: tkr }).map((f) => [f.kind, f.text, f.kind === 'money' ? f.value : null])).toEqual([
      ['money', '1.500', 1_500_000],
      ['money', '-2,2', -2200],
      ['money', '11.154', 11_154_000],
    ]);
  });

  it('reads a bare range as a money range', () => {
    expectFact('100-200', { ...bare, text: '100-200', value: null, min: 100_000, max: 200_000, scale: tkr }, { amountScale: tkr });
    expectFact('1.000 – 1.500', { ...bare, text: '1.000 – 1.500', value: null, min: 1_000_000, max: 1_500_000, scale: tkr }, { amountScale: tkr });
    expect(extractFacts('200-100', { amountScale: tkr })).toEqual([]);
    // a year range in an amount column stays a period
    expect(extractFacts('2024-2025', { amountScale: tkr })).toMatchObject([{ kind: 'period', start: '2024', end: '2025' }]);
  });

  it('keeps the qualifier words money takes ("ca. 1.500")', () => {
    expectFact('ca. 1.500', { ...bare, text: 'ca. 1.500', value: 1_500_000, approx: true, scale: tkr }, { amountScale: tkr });
    expectFact('mindst 200', { ...bare, text: 'mindst 200', value: 200_000, qualifier: 'gte', scale: tkr }, { amountScale: tkr });
  });

  it.each([
    ['-'],
    ['–'],
    ['÷'],
    [''],
    ['   '],
    ['(-1.200)'],
    ['heraf 1.500'],
    ['1.500 (heraf 200 i 2026)'],
    ['1.2345'],
    ['1.2'],
    ['1 500'],
    ['1.500 (2024)'],
    ['1.500 kroner i alt'],
  ])('no bare amount in %j', (cell) => {
    expect(extractFacts(cell, { amountScale: tkr }).filter((f) => f.kind === 'money' && f.scale !== null)).toEqual([]);
  });

  it('leaves figures with a unit of their own to their own rules', () => {
    expectFact('2,5 mio. kr.', { ...bare, text: '2,5 mio. kr.', value: 2_500_000, scale: null }, { amountScale: tkr });
    expectFact('1.250 t.kr.', { ...bare, text: '1.250 t.kr.', value: 1_250_000, scale: null }, { amountScale: tkr });
    expectFact('5 %', { kind: 'percent', text: '5 %', value: 5 }, { amountScale: tkr });
    expectFact('12 boliger', { kind: 'quantity', text: '12 boliger', value: 12 }, { amountScale: tkr });
    expectFact('23.4.2024', { kind: 'date', text: '23.4.2024', value: '2024-04-23' }, { amountScale: tkr });
    expectFact('2014-2017', { kind: 'period', text: '2014-2017' }, { amountScale: tkr });
  });

  it('changes nothing without a scale', () => {
    for (const [cell] of CASES) expect(extractFacts(cell).filter((f) => f.kind === 'money')).toEqual([]);
    expect(extractFacts('2022')).toMatchObject([{ kind: 'year', value: 2022 }]);
  });

  it('marks every money fact of a totals row, bare or not', () => {
    const facts = extractFacts('11.154\n2,5 mio. kr.\n5 %', { amountScale: tkr, total: true });
    expect(facts.map((f) => [f.kind, f.kind === 'money' ? f.total : null])).toEqual([
      ['money', true],
      ['money', true],
      ['percent', null],
    ]);
    expect(extractFacts('2,5 mio. kr.', { total: true })).toMatchObject([{ kind: 'money', total: true, scale: null }]);
    expect(extractFacts('2,5 mio. kr.', { total: false })).toMatchObject([{ kind: 'money', total: false }]);
  });

  it('ignores a scale that cannot scale', () => {
    for (const factor of [0, -1000, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(extractFacts('1.500', { amountScale: { unit: 't.kr.', factor, from: 'header' } })).toEqual([]);
    }
  });

  it('returns a fresh scale object on every fact', () => {
    const [a, b] = extractFacts('1\n2', { amountScale: tkr });
    expect(a!.kind === 'money' && a!.scale).toEqual(tkr);
    expect(a!.kind === 'money' && b!.kind === 'money' && a!.scale !== b!.scale && a!.scale !== tkr).toBe(true);
  });
});
