import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDanishNumber, parseDecimal } from '../../extractors/index.js';
import { scaleDecimal } from '../../extractors/numbers.js';

describe('parseDanishNumber', () => {
  it.each([
    ['52.000', 52_000],
    ['1.250.000', 1_250_000],
    ['5,7', 5.7],
    ['376,1', 376.1],
    ['0,8', 0.8],
    ['1½', 1.5],
    ['½', 0.5],
    ['-2,2', -2.2],
    ['÷2,2', -2.2],
    ['÷ 2,2', -2.2],
    ['\u22122', -2],
    ['52\u00a0000', 52_000],
    ['én', 1],
    ['ét', 1],
    ['Én', 1],
    ['to', 2],
    ['To', 2],
    ['tre', 3],
    ['fire', 4],
    ['fem', 5],
    ['seks', 6],
    ['syv', 7],
    ['otte', 8],
    ['ni', 9],
    ['ti', 10],
    ['elleve', 11],
    ['tolv', 12],
    ['tretten', 13],
    ['nitten', 19],
    ['tyve', 20],
    ['femogtyve', 25],
    ['enogtyve', 21],
    ['halvtreds', 50],
    ['niogfirs', 89],
    ['hundrede', 100],
    ['tusind', 1000],
    ['halvanden', 1.5],
  ])('%s → %d', (raw, value) => {
    expect(parseDanishNumber(raw)).toBe(value);
  });

  it.each(['en', 'et', 'En', 'ingen', '', '1.2345', '12,', 'x1', '1.2'])('rejects %j', (raw) => {
    expect(parseDanishNumber(raw)).toBeNull();
  });

  it('scales exactly in integers (376,1 mio. is 376 100 000, not 376 099 999.99…)', () => {
    expect(scaleDecimal(parseDecimal('376,1')!, 1e6)).toBe(376_100_000);
    expect(scaleDecimal(parseDecimal('4,75')!, 1e6)).toBe(4_750_000);
    expect(scaleDecimal(parseDecimal('0,3')!, 1e9)).toBe(300_000_000);
    // Floating point would give 1.1 * 1e6 = 1100000.0000000002
    expect(scaleDecimal(parseDecimal('1,1')!, 1e6)).toBe(1_100_000);
  });

  it('parses anything Intl formats for da-DK back to its value', () => {
    const da = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 3 });
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 3 }), (mantissa, decimals) => {
        const value = mantissa / 10 ** decimals;
        // Intl writes a minus as U+2212 for da-DK in some ICU versions and "-" in others; both parse.
        expect(parseDanishNumber(da.format(value))).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});
