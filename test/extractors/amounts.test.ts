/**
 * The figure part (`extractors/amounts.ts`): `figureMayStartAt` lets the engine skip the figure's regex,
 * so it must never say no where `FIGURE_AT` matches.
 */
import { describe, expect, it } from 'vitest';
import { FIGURE_AT, figureMayStartAt } from '../../extractors/amounts.js';
import { NUMBER_WORDS } from '../../extractors/numbers.js';
import { CASES } from './corpus-sentences.js';
import { seededRandom } from '../random.js';

/** True when the figure's regex matches at `p`. */
function figureAt(text: string, p: number): boolean {
  FIGURE_AT.lastIndex = p;
  return FIGURE_AT.exec(text) !== null;
}

describe('figureMayStartAt', () => {
  it('allows every number word and "mellem", either case of the first letter, also at the end of a text', () => {
    for (const word of [...NUMBER_WORDS, 'mellem']) {
      for (const w of [word, word[0]!.toUpperCase() + word.slice(1)]) {
        expect(figureMayStartAt(`${w} 2 og 3`, 0), w).toBe(true);
        expect(figureMayStartAt(`ca. ${w}`, 4), w).toBe(true);
      }
    }
  });

  it('rejects words that only share a number word\'s first two letters', () => {
    for (const text of ['for', 'fik', 'som', 'tak', 'otium', 'Me', 'elv']) {
      expect(figureMayStartAt(`${text} 5`, 0), text).toBe(false);
      expect(figureAt(`${text} 5`, 0), text).toBe(false);
    }
  });

  it('says yes wherever the figure matches: every place of the extractor sentences and of random strings', () => {
    const { next } = seededRandom('figure-may-start');
    const alphabet = ['to', 'To', 'tre', 'ti', 'tyve', 'femogtyve', 'halvanden', 'mellem', 'Mellem', 'e\u0301n', 'én', ' ', '\u00a0', '-', '−', '÷', '½', '1', '2.500', ',5', 'fo', 'x', 'og', '\n'];
    const random = Array.from({ length: 300 }, () => Array.from({ length: 12 }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    let matches = 0;
    for (const text of [...CASES, ...random]) {
      for (let p = 0; p < text.length; p++) {
        if (!figureAt(text, p)) continue;
        matches++;
        expect(figureMayStartAt(text, p), `${JSON.stringify(text)} at ${p}`).toBe(true);
      }
    }
    expect(matches).toBeGreaterThan(300);
  });
});
