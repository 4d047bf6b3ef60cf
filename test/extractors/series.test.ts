import { describe, expect, it } from 'vitest';
import { extract, extractFacts, extractSeries } from '../../extractors/index.js';
import { Series } from '../../schemas/fact.js';

const SICKNESS = '2013: 5,7 pct. 2014: 5,9 pct. 2015: 5,3 pct. 2016: 5,1 pct. 2017 (1-3. kv.): 4,6 pct.';

describe('series', () => {
  it('reads the seed\'s sickness-absence run as one percent series of five points', () => {
    const source = `Udviklingen gennem årene.\t ${SICKNESS}   (Procentsatser er fra kommunens system)`;
    const series = extractSeries(source);
    expect(series).toHaveLength(1);
    const s = Series.parse(series[0]);
    expect(s.unit).toBe('percent');
    expect(s.label).toBeNull();
    expect(source.slice(s.span[0], s.span[1])).toBe(SICKNESS);
    expect(s.points).toEqual([
      { label: '2013', start: '2013', end: '2013', value: 5.7 },
      { label: '2014', start: '2014', end: '2014', value: 5.9 },
      { label: '2015', start: '2015', end: '2015', value: 5.3 },
      { label: '2016', start: '2016', end: '2016', value: 5.1 },
      { label: '2017 (1-3. kv.)', start: '2017-01', end: '2017-09', value: 4.6 },
    ]);
  });

  it('keeps the points as facts: five percents, four years and one period', () => {
    const kinds = extractFacts(SICKNESS).map((f) => f.kind);
    expect(kinds.filter((k) => k === 'percent')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'year')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'period')).toHaveLength(1);
  });

  it('names a run after a "label:" in front of it', () => {
    const [s] = extractSeries('Sygefravær: 2013: 5,7 pct., 2014: 5,9 pct.');
    expect(s).toMatchObject({ label: 'Sygefravær', unit: 'percent', points: [{ value: 5.7 }, { value: 5.9 }] });
  });

  it('reads money and bare counts', () => {
    expect(extractSeries('2016: 2,5 mio. kr. 2017: 3 mio. kr.')).toMatchObject([
      { unit: 'DKK', points: [{ value: 2_500_000 }, { value: 3_000_000 }] },
    ]);
    expect(extractSeries('Antal: 2016: 418 2017: 463')).toMatchObject([
      { label: 'Antal', unit: 'count', points: [{ label: '2016', value: 418 }, { label: '2017', value: 463 }] },
    ]);
  });

  it('reads "fra X i P1 til Y i P2" as a two-point series', () => {
    const source = 'Antallet er steget fra 418 i 1. kvartal 2014 til 463 i 1. halvår 2017. Dette svarer til 11,5%.';
    const [s] = extractSeries(source);
    expect(s).toMatchObject({
      unit: 'count',
      points: [
        { label: '1. kvartal 2014', start: '2014-01', end: '2014-03', value: 418 },
        { label: '1. halvår 2017', start: '2017-01', end: '2017-06', value: 463 },
      ],
    });
    expect(source.slice(s!.span[0], s!.span[1])).toBe('fra 418 i 1. kvartal 2014 til 463 i 1. halvår 2017');
  });

  it('reads a change across a named year ("i skoleåret 2018/19")', () => {
    expect(extractSeries('Antallet steg fra 1.200 i skoleåret 2018/19 til 1.350 i 2020.')).toMatchObject([
      { unit: 'count', points: [{ label: '2018/19', start: '2018', end: '2019', value: 1200 }, { label: '2020', value: 1350 }] },
    ]);
  });

  it('reads "label: value" points spread over sentences', () => {
    expect(extractSeries('I 2018: 5 klager. I 2019: 3 klager.')).toMatchObject([
      { unit: 'count', points: [{ label: '2018', value: 5 }, { label: '2019', value: 3 }] },
    ]);
  });

  it('reads spaced dashes as label separators and bracketed points', () => {
    expect(extractSeries('Resultat: 2016 – 5,2 pct., 2017 – 4,9 pct.')).toMatchObject([
      { label: 'Resultat', points: [{ label: '2016', value: 5.2 }, { label: '2017', value: 4.9 }] },
    ]);
    expect(extractSeries('Antal borgere i 2019: 1.234 (2018: 1.100).')).toMatchObject([
      { unit: 'count', points: [{ label: '2019', value: 1234 }, { label: '2018', value: 1100 }] },
    ]);
  });

  it('does not join counts of different things', () => {
    expect(extractSeries('2018: 5 klager. 2019: 3 boliger.')).toEqual([]);
    expect(extractSeries('2017: 7 2018: 5 klager 2019: 3 boliger')).toMatchObject([{ points: [{ value: 7 }, { value: 5 }] }]);
  });

  it('reads "X i P1, Y i P2 og Z i P3" lists', () => {
    const source = 'Aftalen indeholder 0,3 mia. kr. i 2024, 0,5 mia. kr. i 2025, 0,7 mia. kr. i 2026 og 1 mia. kr. i 2027 samt 1 mia. kr. varigt.';
    const [s] = extractSeries(source);
    expect(s).toMatchObject({ unit: 'DKK', label: null });
    expect(s!.points.map((p) => [p.label, p.value])).toEqual([
      ['2024', 300_000_000],
      ['2025', 500_000_000],
      ['2026', 700_000_000],
      ['2027', 1_000_000_000],
    ]);
  });

  it('needs at least two points with one unit', () => {
    expect(extractSeries('2013: 5,7 pct.')).toEqual([]);
    expect(extractSeries('2013: 5,7 pct. 2014: 3 mio. kr.')).toEqual([]);
    expect(extractSeries('Der er afsat 376,1 mio. kr. i 2024, som er øremærket')).toEqual([]);
    expect(extractSeries('steget fra 5 pct. i 2013 til 3 mio. kr. i 2017')).toEqual([]);
  });

  it('finds a list series before a later "label: value" run', () => {
    const source = 'Der gives 1 mio. kr. i 2024 og 2 mio. kr. i 2025. Sygefravær: 2013: 5,7 pct. 2014: 5,9 pct.';
    expect(extractSeries(source).map((s) => s.unit)).toEqual(['DKK', 'percent']);
  });

  it('does not let a range value stand for a point', () => {
    expect(extractSeries('2013: 5-6 pct. 2014: 7 pct.')).toEqual([]);
  });

  it('returns the same facts and series from extract() as from the two functions', () => {
    const source = `Tekst. ${SICKNESS}`;
    expect(extract(source)).toEqual({ facts: extractFacts(source), series: extractSeries(source), truncated: false });
  });
});
