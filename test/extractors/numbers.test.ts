import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDanishNumber, parseDecimal } from '../../extractors/index.js';
import { MONTHS } from '../../extractors/dates.js';
import { escapeRegex, NUMBER_WORDS, scaleDecimal, wordAlternation } from '../../extractors/numbers.js';

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

/**
 * `wordAlternation` as it was written before its start boundary was factored out: the boundary after each
 * first letter. The oracle for the factored form, which must match exactly the same.
 */
function boundaryPerFirstLetter(words: Iterable<string>): string {
  interface Node {
    readonly next: Map<string, Node>;
    end: boolean;
  }
  const root: Node = { next: new Map(), end: false };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), end: false }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Node, first: boolean): string => {
    const alternatives = [...node.next].map(([ch, child]) => {
      const upper = ch.toUpperCase();
      let head = first && upper !== ch ? `[${ch}${upper}]` : escapeRegex(ch);
      if (first) head += String.raw`(?<![\p{L}\p{N}][^])`;
      return head + emit(child, false);
    });
    if (alternatives.length === 0) return '';
    const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root, true);
}

describe('wordAlternation with a start boundary', () => {
  const lists: [string, readonly string[]][] = [
    ['number words', NUMBER_WORDS],
    ['month words', MONTHS.flatMap((m) => [m.name, ...m.abbreviations.map((a) => `${a}.`)])],
    ['one first letter', ['to', 'tolv', 'tre']],
  ];
  // What may stand around a word: letters (Danish, combining, astral, the case-folding Kelvin sign), digits, spaces, marks.
  const around = ['a', 'Z', 'ø', 'É', 'e\u0301', '\u212a', '𝐀', '1', '٣', ' ', '\u00a0', '-', '.', ',', '\n'];

  it.each(lists)('names each property class once for the %s', (_, words) => {
    const source = wordAlternation(words, true);
    expect(source.match(/\\p\{/g)).toHaveLength(2);
  });

  it.each(lists)('matches what a boundary per first letter matched, for the %s', (_, words) => {
    const pieces = [...words, ...words.map((w) => w[0]!.toUpperCase() + w.slice(1)), ...words.map((w) => w.toUpperCase()), ...around];
    const variants = (alternation: string) =>
      ['uy', 'iuy'].flatMap((flags) => [new RegExp(`(?:${alternation})`, flags), new RegExp(String.raw`(?:${alternation})(?![\p{L}\p{N}])`, flags)]);
    const factored = variants(wordAlternation(words, true));
    const oracle = variants(boundaryPerFirstLetter(words));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        for (let at = 0; at <= text.length; at++) {
          for (let k = 0; k < factored.length; k++) {
            factored[k]!.lastIndex = at;
            oracle[k]!.lastIndex = at;
            expect(factored[k]!.exec(text)?.[0], `${JSON.stringify(text)} at ${at}, ${oracle[k]}`).toBe(oracle[k]!.exec(text)?.[0]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
