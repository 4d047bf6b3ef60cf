/**
 * What the HTML and PDF formats added to the shared stages: format hints on raw rows (section, cut by
 * a page break), repeated sub-headers, number columns, and block and stitch rules for text that a page
 * break or a printed line cut.
 */
import { describe, expect, it } from 'vitest';
import { classifyRows } from '../../../pipeline/stages/classify.js';
import { cellToBlocks } from '../../../pipeline/cells/blocks.js';
import { joinAcrossBreak } from '../../../pipeline/stages/stitch.js';
import { headerNumbersGoals, isNumberHeader, repeatsHeader, roleOfHeader } from '../../../pipeline/vocabulary/headers.js';
import type { RawRow } from '../../../pipeline/types.js';

const row = (cells: string[], extra: Partial<RawRow> = {}): RawRow => ({ cells, page: 1, line: 1, endLine: 1, breakBefore: false, ...extra });

describe('format hints on raw rows', () => {
  it('a row marked as a section is one, whatever its case', () => {
    const { value } = classifyRows([row(['Børn og unge', ''], { section: true }), row(['Mål', 'Status'])], 0);
    expect(value.map((r) => r.kind)).toEqual(['section', 'goal']);
  });

  it('a row marked as cut by the page break continues the goal above, even with its goal cell filled', () => {
    const rows = [row(['Social kapital', 'På baggrund af et projekt er den i drift.']), row(['- en ny tilgang', 'Social kapital er nu i drift.'], { page: 2, breakBefore: true, continues: true })];
    const { value, diagnostics } = classifyRows(rows, 0);
    expect(value.map((r) => r.kind)).toEqual(['goal', 'continuation']);
    expect(diagnostics.map((d) => d.code)).toEqual(['row-continued']);
    const unmarked = classifyRows([rows[0]!, { ...rows[1]!, continues: undefined }], 0).value;
    expect(unmarked.map((r) => r.kind)).toEqual(['goal', 'goal']);
  });
});

describe('column wordings', () => {
  it('drops a sub-header that renames a column under a section, not a row of content', () => {
    const header = ['Sag', 'Afd.', 'Til politisk behandling'];
    expect(repeatsHeader(['Sag', 'Afd.', 'Vedtaget'], header)).toBe(true);
    expect(repeatsHeader(['Sag', 'Afd.', 'Forventet fremsendt'], header)).toBe(true);
    expect(repeatsHeader(['Serviceniveau for 2026', 'Borgervelfærd', 'November'], header)).toBe(false);
    expect(repeatsHeader(['Sag om noget', 'Afd.', 'Til politisk behandling'], header)).toBe(false);
  });

  it('knows number columns and numbered goal headers', () => {
    expect(isNumberHeader('Nr.')).toBe(true);
    expect(isNumberHeader('Løbenummer')).toBe(true);
    expect(isNumberHeader('Status')).toBe(false);
    expect(headerNumbersGoals('Initiativ (nr.)')).toBe(true);
    expect(headerNumbersGoals('Initiativ')).toBe(false);
    expect(roleOfHeader('Initiativ (nr.)')).toBe('goal');
    expect(roleOfHeader('Forventet fremsendt')).toBe('results');
  });
});

describe('blocks: text cut by a page break or a printed line', () => {
  it('a paragraph closed mid-sentence and continued in lower case is one paragraph', () => {
    expect(cellToBlocks('<p>I forbindelse med valget har der været en politisk drøftelse</p> af udvalgsstrukturen')).toEqual([
      { type: 'paragraph', text: 'I forbindelse med valget har der været en politisk drøftelse af udvalgsstrukturen' },
    ]);
    expect(cellToBlocks('<p>Første afsnit.</p><p>andet afsnit</p>')).toHaveLength(2);
    expect(cellToBlocks('<p>Kommunalbestyrelsens Vision 2029</p><p>Kommunalbestyrelsen vil drøfte den.</p>')).toHaveLength(2);
  });

  it('a paragraph after "- " items in a list whose </ul> never came ends the list', () => {
    expect(cellToBlocks('<p>Fokus er:</p> <ul>- Børne- og ungeområdet- Erhvervsområdet <p>Kommunen har prioriteret nye samarbejder.</p>')).toEqual([
      { type: 'paragraph', text: 'Fokus er:' },
      { type: 'list', items: ['Børne- og ungeområdet', 'Erhvervsområdet'] },
      { type: 'paragraph', text: 'Kommunen har prioriteret nye samarbejder.' },
    ]);
    expect(cellToBlocks('<ul><p>Første punkt</p><p>Andet punkt</p></ul>')).toEqual([{ type: 'list', items: ['Første punkt', 'Andet punkt'] }]);
  });
});

describe('stitch: a number hyphenated across a page break', () => {
  it('keeps the hyphen and adds no space', () => {
    expect(joinAcrossBreak('Ansvar for "§ 18-', 'midler" overgår')).toMatchObject({ cell: 'Ansvar for "§ 18-midler" overgår', join: 'word' });
    expect(joinAcrossBreak('<p>Søndergårds Alle 59-', '67 i Måløv</p>')).toMatchObject({ cell: '<p>Søndergårds Alle 59-67 i Måløv</p>' });
    expect(joinAcrossBreak('styrelses-', 'vedtægt')).toMatchObject({ cell: 'styrelsesvedtægt', join: 'word' });
  });
});
