import { describe, expect, it } from 'vitest';
import { extractFacts, extractSeries } from '../../extractors/index.js';

const MB = 1 << 20;

/**
 * Inputs built to hit backtracking: a regression to super-linear matching turns these 1 MB lines into
 * minutes. The bound is loose (2 s per line) so a slow CI machine does not flake.
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
};

describe('performance', () => {
  it.each(Object.keys(HOSTILE))('handles 1 MB of "%s" in well under 2 s', (name) => {
    const text = HOSTILE[name]!();
    const start = performance.now();
    extractFacts(text);
    extractSeries(text);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('extracts from 1 KB of report text in well under 1 ms on average', () => {
    const sentence =
      'Med styrkelsen er restancerne nedbragt med mere end 8 mio. kr. I 2017 har kommunen vedtaget 6 lokalplaner, der giver ca. 380 boliger. ' +
      '2013: 5,7 pct. 2014: 5,9 pct. 2015: 5,3 pct. Pr. 1. januar 2016 blev Beredskab Øst oprettet i valgperioden 2014-2017. ';
    const texts = Array.from({ length: 200 }, (_, i) => `${sentence.repeat(5).slice(0, 1024 - 4)} ${i}`);
    for (const t of texts.slice(0, 20)) extractFacts(t); // warm up the JIT
    const start = performance.now();
    for (const t of texts) extractFacts(t);
    const perText = (performance.now() - start) / texts.length;
    // ~0.1–0.2 ms here; the bound leaves room for slow, shared CI machines.
    expect(perText).toBeLessThan(1);
  });
});
