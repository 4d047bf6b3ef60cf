import { describe, expect, it } from 'vitest';
import { extract, extractFacts, MAX_FACTS_PER_TEXT, type ExtractOptions } from '../../extractors/index.js';

/**
 * Size of each hostile input. An eighth of a megabyte is enough: a regression to quadratic matching
 * still takes seconds on it (the no-break-space run once took 77 s at 512 KB, so about 5 s at 128 KB),
 * past the bound, while the linear scans finish in milliseconds; more only made the unit project slower.
 */
const MB = 1 << 17;

/** Every option on, so the rules that run only with options (bare amounts, a month alone) are tried too. */
const ALL_OPTIONS: ExtractOptions = { amountScale: { unit: 't.kr.', factor: 1000, from: 'header' }, referenceYear: 2025, total: true };

/**
 * Inputs built to hit backtracking: a regression to super-linear matching turns these lines into
 * minutes. The bound is loose (2 s per line) so a slow CI machine does not flake: it catches a hang,
 * it measures no speed (speed is the benchmark's, `npm run bench`).
 */
const HOSTILE: Record<string, () => string> = {
  'digits and spaces': () => Array.from({ length: MB / 2 }, (_, i) => String(i % 10)).join(' '),
  'one long run of digits': () => '1'.repeat(MB),
  '1.1.1.1…': () => '1.'.repeat(MB / 2),
  '111.111.111…': () => '111.'.repeat(MB / 4),
  'ca. ca. ca. …': () => 'ca. '.repeat(MB / 4),
  'mere end mere end …': () => 'mere end '.repeat(MB / 9),
  '1,1,1,…': () => '1,'.repeat(MB / 2),
  'spaces then a letter': () => `1${' '.repeat(MB)}a`,
  'dashes': () => '-'.repeat(MB),
  'years with dashes': () => '2015-'.repeat(MB / 5),
  'mellem mellem …': () => 'mellem '.repeat(MB / 7),
  'kr. kr. kr. …': () => 'kr. '.repeat(MB / 4),
  'number words': () => 'to tre fire '.repeat(MB / 12),
  'mixed separators': () => '1.1,1-1 '.repeat(MB / 8),
  'digits and colons': () => '2013: '.repeat(MB / 6),
  '1 and 100 000 no-break spaces': () => `1${'\u00a0'.repeat(100_000)}`,
  '1, a long run of no-break spaces, then a letter': () => `1${'\u00a0'.repeat(MB)}a`,
  // Was quadratic: the figure scan ran over the whole no-break-spaced run from every digit (77 s for 512 KB).
  '1\u00a01\u00a01…': () => '1\u00a0'.repeat(MB / 2),
  '111\u00a0111\u00a0…': () => '111\u00a0'.repeat(MB / 4),
  '1,6 mio. kr. 1,6 mio. kr. …': () => '1,6 mio. kr. '.repeat(Math.ceil(MB / 13)),
  'lines of bare amounts': () => '1.500\n'.repeat(MB / 6),
  'tabs and negatives': () => '\t-2,2'.repeat(MB / 5),
  'line breaks': () => '\n'.repeat(MB),
  'spaces, then a number': () => `${' '.repeat(MB)}1`,
  'brackets': () => '(1'.repeat(MB / 2),
  'day/month': () => '27/11 '.repeat(MB / 6),
  'd. day/month': () => 'd. 27/11 '.repeat(MB / 9),
  'slashes': () => '1/'.repeat(MB / 2),
  'day and month': () => '23. april '.repeat(MB / 10),
  'day and month og …': () => '23. april og '.repeat(MB / 13),
  'month / month / …': () => 'i april/maj/'.repeat(MB / 12),
  'i april i april …': () => 'i april '.repeat(MB / 8),
};

describe('performance', () => {
  it.each(Object.keys(HOSTILE))('handles 128 KB of "%s" in well under 2 s', (name) => {
    const text = HOSTILE[name]!();
    const start = performance.now();
    // One scan for facts and series (what extractFacts and extractSeries each do on their own).
    extract(text);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  /**
   * The shapes where the rules that need options (bare amounts at line starts, a month alone) have work to
   * do: many lines, long space runs, brackets, signs, month words. On one long line of anything else the
   * bare-amount rule is tried once, at the start.
   */
  const WITH_OPTIONS = [
    'one long run of digits',
    'ca. ca. ca. …',
    'dashes',
    '1 and 100 000 no-break spaces',
    '1, a long run of no-break spaces, then a letter',
    '1,6 mio. kr. 1,6 mio. kr. …',
    'lines of bare amounts',
    'tabs and negatives',
    'line breaks',
    'spaces, then a number',
    'brackets',
    'i april i april …',
    'month / month / …',
  ];

  it.each(WITH_OPTIONS)('handles 128 KB of "%s" with every option in well under 2 s', (name) => {
    const text = HOSTILE[name]!();
    const start = performance.now();
    const { facts } = extract(text, ALL_OPTIONS);
    expect(facts.length).toBeLessThanOrEqual(MAX_FACTS_PER_TEXT);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('caps the facts of one text at MAX_FACTS_PER_TEXT, keeping the first, and says so', () => {
    const text = '1,6 mio. kr. '.repeat(Math.ceil(MB / 13));
    const start = performance.now();
    const { facts, series, truncated } = extract(text);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(MAX_FACTS_PER_TEXT).toBe(10_000);
    expect(truncated).toBe(true);
    expect(facts).toHaveLength(MAX_FACTS_PER_TEXT);
    expect(series).toEqual([]);
    expect(facts[0]).toMatchObject({ kind: 'money', text: '1,6 mio. kr.', span: [0, 12] });
    expect(facts.at(-1)).toMatchObject({ kind: 'money', span: [13 * (MAX_FACTS_PER_TEXT - 1), 13 * (MAX_FACTS_PER_TEXT - 1) + 12] });
    expect(extractFacts(text)).toHaveLength(MAX_FACTS_PER_TEXT);
  });

  it('does not truncate at exactly MAX_FACTS_PER_TEXT facts', () => {
    const exact = extract('1,6 mio. kr. '.repeat(MAX_FACTS_PER_TEXT));
    expect(exact.facts).toHaveLength(MAX_FACTS_PER_TEXT);
    expect(exact.truncated).toBe(false);
    expect(extract('1,6 mio. kr. '.repeat(MAX_FACTS_PER_TEXT + 1)).truncated).toBe(true);
  });
});
