/** Stitch: a cell cut by a page break is joined to the rest of it. */
import { describe, expect, it } from 'vitest';
import { joinAcrossBreak } from '../../../pipeline/stages/stitch.js';

describe('stitch: a number hyphenated across a page break', () => {
  it('keeps the hyphen and adds no space', () => {
    expect(joinAcrossBreak('Ansvar for "§ 18-', 'midler" overgår')).toMatchObject({ cell: 'Ansvar for "§ 18-midler" overgår', join: 'word' });
    expect(joinAcrossBreak('<p>Søndergårds Alle 59-', '67 i Måløv</p>')).toMatchObject({ cell: '<p>Søndergårds Alle 59-67 i Måløv</p>' });
    expect(joinAcrossBreak('styrelses-', 'vedtægt')).toMatchObject({ cell: 'styrelsesvedtægt', join: 'word' });
  });
});
